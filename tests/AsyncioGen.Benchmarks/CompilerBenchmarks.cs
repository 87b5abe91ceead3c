using System;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using AsyncioGen.Generator;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Benchmarks;

/// <summary>The [Future] generator on 1,000 methods, against compiling the same input (fresh compilation and driver each time).</summary>
public class GeneratorBenchmarks
{
    public const int Methods = 1_000;

    private ImmutableArray<SyntaxTree> _trees;

    [GlobalSetup]
    public void Setup()
    {
        _trees = RoslynSources.Parse(RoslynSources.FutureMethods(Methods));
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(RoslynSources.Compile(_trees), out Compilation output, out _);
        int generated = driver.GetRunResult().GeneratedTrees.Length;
        if (generated == 0)
        {
            throw new InvalidOperationException("The generator produced nothing.");
        }
        RoslynSources.AssertNoErrors(output);
    }

    private static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(new[] { new FutureGenerator().AsSourceGenerator() }, parseOptions: RoslynSources.ParseOptions);

    [Benchmark(Baseline = true, OperationsPerInvoke = Methods, Description = "generator: GetDiagnostics of the input compilation, no generator (per [Future] method)")]
    public int CompileOnly() => RoslynSources.Compile(_trees).GetDiagnostics().Length;

    [Benchmark(OperationsPerInvoke = Methods, Description = "generator: CSharpGeneratorDriver run of the [Future] generator (per [Future] method)")]
    public int RunGenerator() => CreateDriver().RunGenerators(RoslynSources.Compile(_trees)).GetRunResult().GeneratedTrees.Length;
}

/// <summary>All AsyncioGen analyzers on a generated 20,000-line project, against its compiler diagnostics alone.</summary>
public class AnalyzerBenchmarks
{
    public const int Lines = 20_000;

    private ImmutableArray<SyntaxTree> _trees;
    private ImmutableArray<DiagnosticAnalyzer> _analyzers;

    [GlobalSetup]
    public void Setup()
    {
        _trees = RoslynSources.Parse(RoslynSources.Project(Lines));
        Assembly assembly = Assembly.Load("AsyncioGen.Analyzers");
        _analyzers = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any())
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        if (_analyzers.IsEmpty)
        {
            throw new InvalidOperationException("No analyzers found in " + assembly.FullName);
        }
        Console.WriteLine("// analyzers: " + string.Join(", ", _analyzers.Select(a => a.GetType().Name)));
        RoslynSources.AssertNoErrors(RoslynSources.Compile(_trees));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lines, Description = "analyzers: GetDiagnostics of a 20,000-line project, no analyzers (per line)")]
    public int CompileOnly() => RoslynSources.Compile(_trees).GetDiagnostics().Length;

    [Benchmark(OperationsPerInvoke = Lines, Description = "analyzers: CompilationWithAnalyzers, every AsyncioGen analyzer (per line)")]
    public int WithAnalyzers() => RoslynSources.Compile(_trees).WithAnalyzers(_analyzers).GetAllDiagnosticsAsync().GetAwaiter().GetResult().Length;
}
