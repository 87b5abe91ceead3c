using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen.Analyzers;
using AsyncioGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AsyncioGen.Generator.Tests.Fuzzing;

/// <summary>
/// Seeded fuzzing, bounded in time: the generator and every analyzer of the analyzers assembly run over
/// grammar-generated [Future] declarations and token mutants of the snapshot and behaviour sources.
/// Invariants: the generator never throws nor reports an internal error; no analyzer throws (AD0001);
/// when the input compiles, the generated files compile without a warning and add no error.
/// A failure names the input's index: <c>FuzzInputs.Create(index)</c> rebuilds it.
/// </summary>
public sealed class FuzzingTests(ITestOutputHelper output)
{
    /// <summary>50 s by default; <c>ASYNCIOGEN_FUZZ_SECONDS</c> sets a longer budget for a deeper run by hand.</summary>
    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("ASYNCIOGEN_FUZZ_SECONDS"), out int seconds) && seconds > 0 ? seconds : 50);

    private static readonly int MaxInputs = s_budget.TotalSeconds > 50 ? 100_000 : 4000;

    private static readonly ImmutableArray<DiagnosticAnalyzer> s_analyzers = typeof(FutureAttributeAnalyzer).Assembly.GetTypes()
        .Where(static t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    private static readonly ConcurrentDictionary<string, int> s_grammarErrors = new();

    private static readonly CompilationOptions s_options = TestCompilation.Options
        .WithAllowUnsafe(true)
        .WithGeneralDiagnosticOption(ReportDiagnostic.Default);

    // Every input is added to this one empty compilation: derived compilations share its bound references
    // (a fresh compilation binds the ~170 framework assemblies again).
    private static readonly Compilation s_empty = TestCompilation.Create().WithOptions(s_options);

    [Fact]
    public void Generator_and_analyzers_hold_their_invariants_on_mutants()
    {
        Assert.True(s_analyzers.Length > 10, "expected every analyzer of the analyzers assembly");
        var clock = Stopwatch.StartNew();
        int inputs = 0, compiling = 0, withTwins = 0;
        var failures = new ConcurrentQueue<string>();
        Parallel.For(0, MaxInputs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (index, state) =>
        {
            if (clock.Elapsed >= s_budget || !failures.IsEmpty)
            {
                state.Stop();
                return;
            }
            try
            {
                (bool compiles, bool twins) = Check(index, FuzzInputs.Create(index));
                Interlocked.Increment(ref inputs);
                if (compiles)
                {
                    Interlocked.Increment(ref compiling);
                }
                if (twins)
                {
                    Interlocked.Increment(ref withTwins);
                }
            }
            catch (Exception ex)
            {
                failures.Enqueue(ex.Message);
                state.Stop();
            }
        });
        Assert.True(failures.IsEmpty, string.Join("\n\n", failures));
        output.WriteLine("grammar inputs that do not compile, by first error: " + string.Join(", ", s_grammarErrors.OrderByDescending(static e => e.Value).Take(8).Select(static e => e.Key + "×" + e.Value)));
        output.WriteLine($"{inputs} inputs in {clock.Elapsed.TotalSeconds:F0} s: {compiling} compiling, {withTwins} with generated twins (seed {FuzzInputs.Seed})");
        Assert.True(inputs >= 200, $"only {inputs} inputs ran within the budget");
        Assert.True(withTwins > inputs / 10, $"only {withTwins} of {inputs} inputs produced twins: the grammar drifted from the accepted shapes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Inputs_are_reproducible_from_their_index(int index) => Assert.Equal(FuzzInputs.Create(index), FuzzInputs.Create(index));

    private static (bool Compiles, bool Twins) Check(int index, string source)
    {
        string Describe(string what) => $"input {index} (FuzzInputs.Create({index})): {what}\n{source}";
        // Warnings stay warnings here (the inputs are not documented): "compiles" means no error, and the
        // generated files may not add a single warning.
        Compilation input = s_empty.AddSyntaxTrees(CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions, path: "File0.cs"));
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        foreach (GeneratorRunResult result in run.Results)
        {
            Assert.True(result.Exception is null, Describe("the generator threw " + result.Exception));
        }
        Assert.False(generatorDiagnostics.Any(static d => d.Id is "AIO199" or "CS8785"), Describe(string.Join("\n", generatorDiagnostics)));

        var exceptions = new ConcurrentBag<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (ex, analyzer, _) => exceptions.Add(new InvalidOperationException(analyzer.GetType().Name, ex)),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> analyzerDiagnostics = output.WithAnalyzers(s_analyzers, options)
            .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        Assert.True(exceptions.IsEmpty, Describe("an analyzer threw: " + string.Join("\n", exceptions)));
        Assert.False(analyzerDiagnostics.Any(static d => d.Id == "AD0001"), Describe("AD0001"));

        Diagnostic? firstError = input.GetDiagnostics().FirstOrDefault(static d => d.Severity == DiagnosticSeverity.Error);
        if (firstError is not null && index % 2 == 0)
        {
            s_grammarErrors.AddOrUpdate(firstError.Id, 1, static (_, n) => n + 1);
        }
        bool compiles = firstError is null;
        bool twins = run.GeneratedTrees.Length > 0;
        if (compiles && twins)
        {
            var generated = run.GeneratedTrees.ToHashSet();
            Diagnostic[] bad = output.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generated.Contains(tree)))
                .Where(static d => d.Id != "CS1591" || d.Location.SourceTree?.FilePath.StartsWith("File", StringComparison.Ordinal) != true)
                .ToArray();
            Assert.True(bad.Length == 0, Describe("the twins do not compile cleanly:\n" + string.Join("\n", bad.Select(static d => d.ToString())))
                + "\n--- generated ---\n" + string.Join("\n", run.GeneratedTrees.Select(static t => t.ToString())));
        }
        return (compiles, twins);
    }
}
