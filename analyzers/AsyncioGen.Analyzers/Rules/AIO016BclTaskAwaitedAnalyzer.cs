using System.Collections.Immutable;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO016: <c>await</c> of a BCL Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt; directly inside a
/// coroutine (an async function returning FutureTask). Quiet for already-completed tasks
/// (Task.CompletedTask, Task.FromResult, ValueTask.CompletedTask, default), configured awaitables,
/// awaits of AsyncioGen futures and awaitables, and awaits outside coroutines.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BclTaskAwaitedAnalyzer : AsyncioAnalyzer
{
    public BclTaskAwaitedAnalyzer()
        : base(DiagnosticDescriptors.AIO016)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Await);
    }

    private static void Analyze(OperationAnalysisContext context, AsyncioSymbols symbols)
    {
        if (context.Operation is not IAwaitOperation awaitOperation || awaitOperation.Operation is not { } awaited || awaited.Syntax is null
            || awaitOperation.SemanticModel is not { } model)
        {
            return;
        }
        IOperation operand = awaited;
        while (operand is IConversionOperation { IsImplicit: true } conversion)
        {
            operand = conversion.Operand;
        }
        if (!symbols.IsBclTask(operand.Type) || IsAlreadyCompleted(operand))
        {
            return;
        }
        if (!symbols.IsInCoroutine(awaitOperation.Syntax, model, context.CancellationToken))
        {
            return;
        }
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO016, awaitOperation.Syntax.GetLocation(),
            awaited.Syntax.ToString().Length <= 60 ? awaited.Syntax.ToString() : operand.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
    }

    private static bool IsAlreadyCompleted(IOperation operand) => operand switch
    {
        IPropertyReferenceOperation { Property.Name: "CompletedTask", Property.IsStatic: true } => true,
        IInvocationOperation { TargetMethod.Name: "FromResult" or "FromException" or "FromCanceled", TargetMethod.IsStatic: true } => true,
        IDefaultValueOperation => true,
        _ => false,
    };
}
