using System.Collections.Immutable;
using AsyncioGen.Analyzers.Flow;
using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Helpers;
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
public sealed class RunLoopFromLoopAnalyzer : AsyncioAnalyzer
{
    public RunLoopFromLoopAnalyzer()
        : base(DiagnosticDescriptors.AIO014)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(operationContext =>
        {
            if (operationContext.Operation is not IInvocationOperation invocation)
            {
                return;
            }
            IMethodSymbol method = invocation.TargetMethod;
            bool runs = symbols.RoleOf(method) == MemberRole.RunsLoop;
            if (runs && RunsOnLoop(invocation, operationContext.ContainingSymbol, symbols))
            {
                operationContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO014, invocation.Syntax.GetLocation(),
                    method.ContainingType.Name + "." + method.Name));
            }
        }, OperationKind.Invocation);
    }

    private static bool RunsOnLoop(IOperation operation, ISymbol containingSymbol, AsyncioSymbols symbols)
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
