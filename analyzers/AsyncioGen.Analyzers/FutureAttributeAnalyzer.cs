using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncioGen.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Analyzers;

/// <summary>
/// AIO101–AIO105: [Future] misuse. Runs the validation the generator compiles too (the shared source project
/// <c>generator/AsyncioGen.FutureValidation</c>), so what it reports is exactly what the generator skips.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FutureAttributeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AIO101,
        DiagnosticDescriptors.AIO102,
        DiagnosticDescriptors.AIO103,
        DiagnosticDescriptors.AIO104,
        DiagnosticDescriptors.AIO105);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            INamedTypeSymbol? futureAttribute = start.Compilation.GetTypeByMetadataName(FutureMethodValidation.FutureAttributeName);
            if (futureAttribute is null)
            {
                return;
            }
            start.RegisterSymbolAction(context => AnalyzeMethod(context, futureAttribute), SymbolKind.Method);
        });
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol futureAttribute)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (FutureMethodValidation.FindAttribute(method, futureAttribute) is not { } attribute)
        {
            return;
        }
        var problems = new List<FutureProblem>();
        try
        {
            FutureMethodValidation.Validate(method, attribute, problems, context.CancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException("FutureAttributeAnalyzer failed on " + method.ToDisplayString() + " at " + method.Locations[0].GetLineSpan() + ": " + ex.Message, ex);
        }
        foreach (FutureProblem problem in problems)
        {
            if (Descriptor(problem.Id) is { } descriptor)
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, problem.Location ?? Location.None, problem.Arguments));
            }
        }
    }

    private static DiagnosticDescriptor? Descriptor(string id) => id switch
    {
        FutureDiagnosticIds.TypeNotPartial => DiagnosticDescriptors.AIO101,
        FutureDiagnosticIds.ShapeUnsupported => DiagnosticDescriptors.AIO102,
        FutureDiagnosticIds.NameClash => DiagnosticDescriptors.AIO103,
        FutureDiagnosticIds.CallbackParameterUnsupported => DiagnosticDescriptors.AIO104,
        FutureDiagnosticIds.GenericMethodUnsupported => DiagnosticDescriptors.AIO105,
        _ => null,
    };
}
