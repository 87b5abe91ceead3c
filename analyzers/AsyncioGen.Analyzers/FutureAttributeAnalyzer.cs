using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncioGen.Analyzers.Family;
using AsyncioGen.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Analyzers;

/// <summary>
/// AIO101–AIO105: [Future] misuse. Runs the validation the generator compiles too (the shared source project
/// <c>generator/AsyncioGen.FutureValidation</c>), so what it reports is exactly what the generator skips.
/// </summary>
/// <remarks>
/// It does not derive from <see cref="AsyncioAnalyzer"/> (whose prologue needs the runtime's symbols), but it
/// is guarded the same way (<see cref="AnalyzerGuard"/>): an exception in the validation is a located AIO099,
/// never AD0001.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FutureAttributeAnalyzer : DiagnosticAnalyzer
{
#pragma warning disable RS1008 // A function, not per-compilation data: it keeps no symbol between calls.
    private readonly Action<IMethodSymbol, AttributeData, List<FutureProblem>, System.Threading.CancellationToken> _validate;
#pragma warning restore RS1008

    public FutureAttributeAnalyzer()
        : this(static (method, attribute, problems, cancellationToken) => FutureMethodValidation.Validate(method, attribute, problems, cancellationToken))
    {
    }

    /// <summary>For tests: runs <paramref name="validate"/> in place of the shared validation.</summary>
    internal FutureAttributeAnalyzer(Action<IMethodSymbol, AttributeData, List<FutureProblem>, System.Threading.CancellationToken> validate) =>
        _validate = validate;

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.AIO101,
        DiagnosticDescriptors.AIO102,
        DiagnosticDescriptors.AIO103,
        DiagnosticDescriptors.AIO104,
        DiagnosticDescriptors.AIO105,
        DiagnosticDescriptors.AIO099);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? futureAttribute = start.Compilation.GetTypeByMetadataName(FutureMethodValidation.FutureAttributeName);
            if (futureAttribute is null)
            {
                return;
            }
            start.RegisterSymbolAction(context =>
            {
                try
                {
                    AnalyzeMethod(context, futureAttribute);
                }
                catch (Exception e) when (AnalyzerGuard.IsBug(e, context.CancellationToken))
                {
                    context.ReportDiagnostic(AnalyzerGuard.InternalError(nameof(FutureAttributeAnalyzer), AnalyzerGuard.LocationOf(context.Symbol), e));
                }
            }, SymbolKind.Method);
        });
    }

    private void AnalyzeMethod(SymbolAnalysisContext context, INamedTypeSymbol futureAttribute)
    {
        var method = (IMethodSymbol)context.Symbol;
        if (FutureMethodValidation.FindAttribute(method, futureAttribute) is not { } attribute)
        {
            return;
        }
        var problems = new List<FutureProblem>();
        _validate(method, attribute, problems, context.CancellationToken);
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
