using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using AsyncioGen;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncioGen.Generator.Tests.Infrastructure;

/// <summary>Compilations of test sources against the shared framework and the AsyncioGen runtime.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions =
        new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>Warnings are errors, nullable is on: the generated code must compile cleanly under both.</summary>
    public static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        generalDiagnosticOption: ReportDiagnostic.Error,
        warningLevel: 9999,
        // As the SDK does (NoWarn 1701;1702): the runtime was built against net8.0's reference assemblies, the tests run on a later framework.
        specificDiagnosticOptions: new[] { new KeyValuePair<string, ReportDiagnostic>("CS1701", ReportDiagnostic.Suppress), new KeyValuePair<string, ReportDiagnostic>("CS1702", ReportDiagnostic.Suppress) });

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>One compilation; each source gets a stable path (<c>File0.cs</c>, …) for locations.</summary>
    public static CSharpCompilation Create(params string[] sources) =>
        CSharpCompilation.Create(
            "TestAssembly" + Guid.NewGuid().ToString("N"),
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: "File" + i + ".cs")),
            References,
            Options);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = new List<MetadataReference>();
        foreach (string path in trusted)
        {
            if (string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.OrdinalIgnoreCase))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }
        references.Add(MetadataReference.CreateFromFile(typeof(Future).Assembly.Location));
        return references.ToImmutableArray();
    }
}
