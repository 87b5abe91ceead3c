using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncioGen.Analyzers.Tests.Harness;

/// <summary>
/// What every Microsoft.CodeAnalysis.Testing test of this project shares: the .NET 8 reference assemblies,
/// the AsyncioGen runtime, the implicit global usings, latest C# with nullable reference types on.
/// </summary>
public static class AsyncioTestSetup
{
    /// <summary>The file the test source is compiled as (the packages' default name for the first source).</summary>
    public const string SourcePath = "/0/Test0.cs";

    /// <summary>Where the global usings of <see cref="TestCompilation.GlobalUsings"/> live in a test project.</summary>
    public const string GlobalUsingsPath = "/0/GlobalUsings.cs";

    /// <summary>
    /// .NET 8 (the runtime's target) reference assemblies. Building this test project restores the
    /// Microsoft.NETCore.App.Ref 8.0.x targeting pack into the NuGet global packages folder (the runtime
    /// project targets net8.0, and the .NET 10 SDK does not carry that pack). Naming the restored version lets
    /// the packages take it from that folder, which they use as a local feed (they copy it once into the temp
    /// folder's test-packages): no test run reaches the registry. Only where no such pack is found (an SDK that
    /// ships it in its own packs folder) do they fetch Microsoft.NETCore.App.Ref 8.0.0 from the configured feed
    /// (about 30 s, once per machine). One instance for all tests: the packages cache what it resolves.
    /// </summary>
    public static readonly ReferenceAssemblies ReferenceAssemblies = RestoredNet80() ?? ReferenceAssemblies.Net.Net80;

    /// <summary>The AsyncioGen runtime the test sources are compiled against.</summary>
    public static readonly MetadataReference Runtime = MetadataReference.CreateFromFile(typeof(AsyncioGen.Future).Assembly.Location);

    /// <summary>Applies the shared setup to a test of either package (analyzer or code fix).</summary>
    public static void Configure<TVerifier>(AnalyzerTest<TVerifier> test)
        where TVerifier : IVerifier, new()
    {
        test.ReferenceAssemblies = ReferenceAssemblies;
        test.TestState.AdditionalReferences.Add(Runtime);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            Project project = solution.GetProject(projectId)!;
            var options = (CSharpCompilationOptions)project.CompilationOptions!;
            var parse = (CSharpParseOptions)project.ParseOptions!;
            return solution
                .WithProjectCompilationOptions(projectId, options.WithNullableContextOptions(NullableContextOptions.Enable))
                .WithProjectParseOptions(projectId, parse.WithLanguageVersion(LanguageVersion.Latest));
        });
    }

    /// <summary>Adds the global usings file to a state that has sources of its own (call just before the run, after TestCode/FixedCode are set).</summary>
    public static void AddGlobalUsings(SolutionState state)
    {
        if (state.Sources.Count > 0 && !state.Sources.Any(source => source.filename == GlobalUsingsPath))
        {
            state.Sources.Add((GlobalUsingsPath, TestCompilation.GlobalUsings));
        }
    }

    /// <summary>The id a rule reports (its descriptors other than AIO099, the internal-error id every rule supports), or null when it has several.</summary>
    public static DiagnosticDescriptor? SingleRule(IEnumerable<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> analyzers)
    {
        var rules = analyzers.Take(2).ToArray() is { Length: 1 } one
            ? one[0].SupportedDiagnostics.Where(d => d.Id != "AIO099").ToArray()
            : Array.Empty<DiagnosticDescriptor>();
        return rules.Length == 1 ? rules[0] : null;
    }

    /// <summary>NuGet's global packages folder, as restore uses it (NUGET_PACKAGES, else ~/.nuget/packages).</summary>
    public static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static ReferenceAssemblies? RestoredNet80()
    {
        string packs = Path.Combine(GlobalPackagesFolder(), "microsoft.netcore.app.ref");
        if (!Directory.Exists(packs))
        {
            return null;
        }
        Version? newest = Directory.GetDirectories(packs)
            .Where(dir => File.Exists(Path.Combine(dir, "ref", "net8.0", "System.Runtime.dll")))
            .Select(dir => Version.TryParse(Path.GetFileName(dir), out Version? v) ? v : null)
            .Where(v => v is { Major: 8, Minor: 0 })
            .OrderByDescending(v => v)
            .FirstOrDefault();
        return newest is null
            ? null
            : new ReferenceAssemblies("net8.0", new PackageIdentity("Microsoft.NETCore.App.Ref", newest.ToString(3)), Path.Combine("ref", "net8.0"));
    }
}
