using System.Collections.Immutable;
using AsyncioGen.Analyzers.Flow;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>AIO012: SetResult/SetException on an expression whose static type is a FutureTask (always throws).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CompletionOnTaskAnalyzer : AsyncioAnalyzer
{
    public CompletionOnTaskAnalyzer()
        : base(DiagnosticDescriptors.AIO012)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(operationContext =>
        {
            if (operationContext.Operation is IInvocationOperation invocation
                && symbols.IsSetCompletion(invocation)
                && invocation.Instance is { } instance
                && symbols.IsFutureTask(instance.Type))
            {
                operationContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO012, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));
            }
        }, OperationKind.Invocation);
    }
}
