using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading.Tasks;
using AsyncioGen.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Analyzers.Tests;

/// <summary>
/// The [Future] validation analyzer (AIO101–AIO105) keeps its own shape, but a failure in it is guarded
/// as in the rule family: a located AIO099, never AD0001. No input is known to make the shared validation
/// throw, so the failure is forced through the analyzer's validation seam.
/// </summary>
public class FutureAttributeGuardTests
{
    private const string Source = @"
partial class C
{
    [Future] void Op(Action<int> onDone) { }
    void Plain() { }
}";

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, List<Exception> Exceptions)> RunAsync(DiagnosticAnalyzer analyzer)
    {
        Compilation compilation = TestCompilation.Create(Source);
        var exceptions = new List<Exception>();
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create(analyzer), new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        return (await withAnalyzers.GetAnalyzerDiagnosticsAsync(), exceptions);
    }

    [Fact]
    public async Task A_failing_validation_is_a_located_AIO099_not_AD0001()
    {
        var analyzer = new FutureAttributeAnalyzer((_, _, _, _) => throw new InvalidOperationException("boom\nsecond line"));
        (ImmutableArray<Diagnostic> diagnostics, List<Exception> exceptions) = await RunAsync(analyzer);

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Diagnostic error = Assert.Single(diagnostics);
        Assert.Equal("AIO099", error.Id);
        Assert.Equal("Op", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Equal("The AsyncioGen rule 'FutureAttributeAnalyzer' failed on this code (InvalidOperationException: boom); please report it. The other rules still ran.", error.GetMessage());
    }

    [Fact]
    public async Task The_guard_does_not_swallow_problems_or_report_on_success()
    {
        Assert.Contains(DiagnosticDescriptors.AIO099, new FutureAttributeAnalyzer().SupportedDiagnostics);
        // The real validation: a valid [Future] method, nothing reported.
        (ImmutableArray<Diagnostic> quiet, List<Exception> none) = await RunAsync(new FutureAttributeAnalyzer());
        Assert.Empty(none);
        Assert.Empty(quiet);
        // A validation that only reports a problem: it arrives as its own id, no AIO099.
        var analyzer = new FutureAttributeAnalyzer((method, _, problems, _) =>
            problems.Add(new AsyncioGen.SourceGeneration.FutureProblem(AsyncioGen.SourceGeneration.FutureDiagnosticIds.ShapeUnsupported, method.Locations[0], method.Name, "forced by the test")));
        (ImmutableArray<Diagnostic> reported, _) = await RunAsync(analyzer);
        Assert.Equal("AIO102", Assert.Single(reported).Id);
    }
}
