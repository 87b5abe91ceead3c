using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncioGen.Analyzers.Tests.Harness;

/// <summary>Builds compilations of test sources against the BCL of this runtime and the AsyncioGen runtime.</summary>
public static class TestCompilation
{
    public static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The usings every test source gets implicitly, so cases stay short.</summary>
    public const string GlobalUsings =
        "global using System;\nglobal using System.Collections.Generic;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\nglobal using AsyncioGen;\n";

    public static CSharpCompilation Create(string source, string assemblyName = "TestProject", bool addGlobalUsings = true)
    {
        var trees = addGlobalUsings
            ? new[] { Parse(source, "Test0.cs"), Parse(GlobalUsings, "GlobalUsings.cs") }
            : new[] { Parse(source, "Test0.cs") };
        return CSharpCompilation.Create(
            assemblyName,
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static SyntaxTree Parse(string source, string path) =>
        CSharpSyntaxTree.ParseText(source, ParseOptions, path);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var bcl = trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path) is var name
                && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return bcl.Append(MetadataReference.CreateFromFile(typeof(AsyncioGen.Future).Assembly.Location)).ToImmutableArray();
    }
}
