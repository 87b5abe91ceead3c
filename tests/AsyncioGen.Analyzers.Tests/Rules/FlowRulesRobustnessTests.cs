using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncioGen.Analyzers.Rules;
using AsyncioGen.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>Broken and half-typed code must never make the flow and threading rules throw (AD0001).</summary>
public class FlowRulesRobustnessTests
{
    public static IEnumerable<object[]> Snippets() => new[]
    {
        "class C { void M(Future<int> f) { f.SetResult(; f.SetResult(2) } }",
        "class C { void M(Future<int> f) { f.SetResult(1); f.SetRes",
        "class C { void M(Futur<int> f) { f.SetResult(1); f.SetResult(2); f.GetResult(); } }",
        "class C { void M(Future<Unknown> f, EventLoop loop) { loop.CallSoon(() => f.SetResult(x)); } }",
        "class C { void M(Future<int> f) { if (f.IsDone && ) f.GetResult(); } }",
        "class C { void M(Future<int> f) { foreach (var v in ) f.SetResult(v); } }",
        "class C { Future<int> M(EventLoop loop) { var f = loop.CreateFuture<int>(); try { f.SetResult(1); } catch (Exception e) { } return ",
        "class C { Future<int> M(EventLoop loop) { var f = loop.CreateFuture<>(); try { f.SetResult(1); } catch { } finally { f. } return f; } }",
        "class C { void M(Future<int> f) { Task.Run(() => f.SetResult()); ThreadPool.QueueUserWorkItem(_ => f.Cancel(; } }",
        "class C { void M(Future<int> f) { new Timer(_ => f.Cancel(), null); new Thread(() => f.SetResult(1)).Start(1, 2, 3); } }",
        "class C { async FutureTask M(Future<int> f, Task<int> t) { await t.ConfigureAwait(); f.SetResult(await t.ConfigureAwait(false)); } }",
        "class C { async FutureTask<int> M() { var a = new EventLoop(; var f = a.CreateFuture<int>(); return await f; } }",
        "class C { void M() { var a = new EventLoop(); var b = new EventLoop(); b.RunUntilComplete(a.CreateFuture<int>(), 1); } }",
        "class C { async FutureTask M(EventLoop loop) { loop.RunUntilComplete(); Asyncio.Run(); loop.RunForever(1); } }",
        "class C { void M(FutureTask<int> t) { t.SetResult(\"x\"); t.SetException(); } }",
        "class C { void M(Future<int> f) { f.AddDoneCallback(d => d.GetResult(1)); f.AddDoneCallback((a, b, c) => a.GetResult()); } }",
        "class C { event EventHandler<int> E; void M(Future<int> f) { E += (s, e) => f.SetResult(e, 1); E += f.SetResult; } }",
        "class C { void M(Future<int> f) { goto L; f.SetResult(1); L: f.SetResult(2); while (true) { f.SetResult(3); } } }",
        "class C { int P => _f.GetResult(); Future<int> _f = null!; C() { _f.SetResult(1); _f.SetResult(2); } }",
        "class C { void M(Future<int> f) { using (null) { f.SetResult(1); } lock (this) { f.SetResult(2); } } }",
        "class C { void M(Future<int> f) { try { f.SetResult(1); } catch (Exception e) when (e.Message.Length > 0) { f.SetException(e); } } }",
        "class C { void M(Future<int>? f) { f?.SetResult(1); f!.SetResult(2); _ = f?.GetResult() ?? 0; } }",
        "class C { void M(Future<int> f) { void Local() { f.SetResult(1); f.SetResult(2); } Local(); } }",
        "class C { void M(dynamic d, Future<int> f) { d.Run(() => f.SetResult(1)); f.SetResult(d); } }",
        "class C { void M(Future<int> f) { System.Linq.Expressions.Expression<Func<int>> e = () => f.GetResult(); } }",
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task No_analyzer_exception(string source)
    {
        var compilation = TestCompilation.Create(source);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(
            new FutureCompletedTwiceAnalyzer(),
            new CompletionWithoutCancelledCheckAnalyzer(),
            new ResultOfFutureNotKnownDoneAnalyzer(),
            new ForeignThreadAnalyzer(),
            new FutureOfOtherLoopAnalyzer(),
            new FutureNeverCompletedAnalyzer(),
            new CompletionOnTaskAnalyzer(),
            new RunLoopFromLoopAnalyzer());
        // RunAsync throws on any analyzer exception or AD0001.
        await AnalyzerVerifier<FutureCompletedTwiceAnalyzer>.RunAsync(compilation, analyzers);
    }

    [Fact]
    public async Task Quiet_without_the_runtime()
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("NoRuntime",
            new[] { TestCompilation.Parse("class Future<T> { public void SetResult(T v) { } } class C { void M(Future<int> f) { f.SetResult(1); f.SetResult(2); } }", "Test0.cs") },
            TestCompilation.References.Where(r => !(r.Display ?? "").Contains("AsyncioGen")));
        var diagnostics = await AnalyzerVerifier<FutureCompletedTwiceAnalyzer>.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new FutureCompletedTwiceAnalyzer()));
        Assert.Empty(diagnostics);
    }
}
