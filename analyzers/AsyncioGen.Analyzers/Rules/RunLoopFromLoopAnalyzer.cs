using System.Collections.Immutable;
using AsyncioGen.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO014: RunUntilComplete, RunForever or Asyncio.Run called from code that runs on a loop: a
/// coroutine body (async method, local function or lambda returning a FutureTask) or a lambda passed
/// to CallSoon, CallLater, CallAt, CallSoonThreadsafe or AddDoneCallback. A lambda of any other kind
/// (a new thread, Task.Run, one that is stored) stops the search: it may run elsewhere.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RunLoopFromLoopAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.AIO014);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            FlowSymbols? symbols = FlowSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }
            start.RegisterOperationAction(operationContext =>
            {
                if (operationContext.Operation is not IInvocationOperation invocation)
                {
                    return;
                }
                IMethodSymbol method = invocation.TargetMethod;
                bool runs = symbols.IsLoopMethod(method, "RunUntilComplete", "RunForever")
                    || method.Name == "Run" && FlowSymbols.DerivesFrom(method.ContainingType, symbols.Asyncio);
                if (runs && RunsOnLoop(invocation, operationContext.ContainingSymbol, symbols))
                {
                    operationContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO014, invocation.Syntax.GetLocation(),
                        method.ContainingType.Name + "." + method.Name));
                }
            }, OperationKind.Invocation);
        });
    }

    private static bool RunsOnLoop(IOperation operation, ISymbol containingSymbol, FlowSymbols symbols)
    {
        for (IOperation? node = operation.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IAnonymousFunctionOperation lambda:
                    if (symbols.IsCoroutine(lambda.Symbol))
                    {
                        return true;
                    }
                    return FlowHelpers.ClassifyLambda(lambda, symbols).Kind
                        is LambdaContextKind.LoopCallback or LambdaContextKind.ThreadsafeLoopCallback or LambdaContextKind.DoneCallback;
                case ILocalFunctionOperation localFunction:
                    return symbols.IsCoroutine(localFunction.Symbol);
            }
        }
        return symbols.IsCoroutine(containingSymbol as IMethodSymbol);
    }
}
