using System;
using System.Collections.Immutable;
using System.Text;
using AsyncioGen.Generator.Emit;
using AsyncioGen.Generator.Models;
using AsyncioGen.Generator.Pipeline;
using AsyncioGen.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncioGen.Generator;

/// <summary>
/// Generates the awaitable twin of every [Future] method (docs/architecture.md, "The generator"):
/// FAWMN → equatable models → grouped by type → one file per type. Misuse is reported by the
/// AIO101–AIO105 analyzer, which shares the validation; rejected methods are skipped here.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class FutureGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<FutureMethodResult> methods = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                FutureMethodValidation.FutureAttributeName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (context, cancellationToken) => ModelFactory.Create(context, cancellationToken))
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.Methods);

        IncrementalValuesProvider<FutureTypeModel> types = methods
            .Collect()
            .WithTrackingName(TrackingNames.AllMethods)
            .SelectMany(static (results, _) => Grouping.ByType(results))
            .WithTrackingName(TrackingNames.Types);

        context.RegisterSourceOutput(types, static (context, type) => Execute(context, type));
    }

    private static void Execute(SourceProductionContext context, FutureTypeModel type)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        string? error = type.InternalErrors.Length > 0 ? string.Join("; ", type.InternalErrors) : null;
        try
        {
            if (type.Methods.Length > 0)
            {
                context.AddSource(type.Hierarchy.HintName, SourceText.From(TwinEmitter.Emit(type), Encoding.UTF8));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = (error is null ? "" : error + "; ") + ex.GetType().Name + ": " + ex.Message;
        }
        if (error is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(GeneratorDiagnostics.InternalError, Location.None, type.Hierarchy.FullyQualifiedName, error));
        }
    }
}
