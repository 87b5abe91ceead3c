using Microsoft.CodeAnalysis;

namespace AsyncioGen.Generator.Pipeline;

/// <summary>
/// The generator reports nothing about user code (the AIO101–AIO105 analyzer does); this is its one
/// diagnostic, for a bug of its own caught while generating one type.
/// </summary>
internal static class GeneratorDiagnostics
{
    public static readonly DiagnosticDescriptor InternalError = new(
        "AIO199",
        "[Future] generator internal error",
        "The [Future] generator failed on type '{0}' and skipped it: {1}. Other types are unaffected; please report this.",
        "AsyncioGen.Generator",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An unexpected error inside the [Future] generator; the twins of this type were not generated.",
        helpLinkUri: "https://github.com/asynciogen/asynciogen/blob/main/docs/diagnostics/AIO199.md");
}
