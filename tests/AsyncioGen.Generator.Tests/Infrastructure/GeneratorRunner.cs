using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncioGen.Generator.Tests.Infrastructure;

/// <summary>Runs the <see cref="FutureGenerator"/> the way the compiler does, with step tracking on.</summary>
internal static class GeneratorRunner
{
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new FutureGenerator().AsSourceGenerator() },
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and asserts it neither threw nor reported anything.</summary>
    public static GeneratorResult Run(params string[] sources) => Run(TestCompilation.Create(sources));

    public static GeneratorResult Run(Compilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.Empty(diagnostics);
        return new GeneratorResult(driver, output, result);
    }

    /// <summary>Asserts the output compilation (warnings as errors, nullable on) has no diagnostics at all.</summary>
    public static void AssertCompiles(Compilation output)
    {
        // Test inputs skip XML docs on their own public members; the generated twins must have them.
        ImmutableArray<Diagnostic> diagnostics = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Where(d => !(d.Id == "CS1591" && d.Location.SourceTree?.FilePath.StartsWith("File", System.StringComparison.Ordinal) == true))
            .ToImmutableArray();
        Assert.True(diagnostics.IsEmpty, "The output does not compile:\n" + string.Join("\n", diagnostics.Select(d => d.ToString())));
    }
}

internal sealed record GeneratorResult(GeneratorDriver Driver, Compilation Output, GeneratorDriverRunResult RunResult)
{
    /// <summary>The generated files, by hint name.</summary>
    public ImmutableDictionary<string, string> Sources =>
        RunResult.Results.SelectMany(r => r.GeneratedSources).ToImmutableDictionary(s => s.HintName, s => s.SourceText.ToString());
}
