using Microsoft.CodeAnalysis;

namespace AsyncioGen.Generator;

/// <summary>Generates the awaitable twin of every [Future] method (DESIGN.md, "The generator").</summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class FutureGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The pipeline is built in the generator issue; until then the generator emits nothing.
    }
}
