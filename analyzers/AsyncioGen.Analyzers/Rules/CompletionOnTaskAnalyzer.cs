using System.Collections.Immutable;
using AsyncioGen.Analyzers.Flow;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>AIO012: SetResult/SetException on an expression whose static type is a FutureTask (always throws).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CompletionOnTaskAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.AIO012);

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
                if (operationContext.Operation is IInvocationOperation invocation
                    && symbols.IsSetCompletion(invocation)
                    && invocation.Instance is { } instance
                    && symbols.IsFutureTask(instance.Type))
                {
                    operationContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO012, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));
                }
            }, OperationKind.Invocation);
        });
    }
}
