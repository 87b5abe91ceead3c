using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using AsyncioGen.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Analyzers.Tests;

/// <summary>
/// Broken and half-typed code, as the IDE sees it while the user types, with every analyzer of the
/// analyzers assembly on: no analyzer may throw (AD0001).
/// </summary>
public class RobustnessTests
{
    /// <summary>Every concrete DiagnosticAnalyzer in AsyncioGen.Analyzers, found by reflection.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> AllAnalyzers() =>
        typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    public static IEnumerable<object[]> Corpus() => Snippets.Select((s, i) => new object[] { i, s.Name });

    private static readonly (string Name, string Source)[] Snippets =
    {
        ("empty file", ""),
        ("only a comment", "// nothing here"),
        ("missing closing braces", "class C { async FutureTask Run(EventLoop loop) { var f = loop.CreateFuture<int>(); f.SetResult(1);"),
        ("half-typed call", "class C { void M(Future<int> fut) { fut.SetResult( } }"),
        ("half-typed member access", "class C { async FutureTask M(EventLoop loop) { loop. ; await Asyncio. } }"),
        ("unknown types", "class C { async FutureTask<Unknown> M(Missing m) { await m.Foo(); try { await Bar(); } catch (NoSuchException) { } } }"),
        ("await outside async", "class C { FutureTask M(Task t) { await t; Thread.Sleep(10); return null!; } }"),
        ("wrong arity", "class C { Future<int, string> F; FutureTask<int, int> M() => default!; void N(EventLoop l) { l.CreateFuture<int, int>(); new Future<int, int>(); } }"),
        ("attributes on wrong targets", "[Future] class C { [Future(1, 2, 3)] int _x; [return: Future] void M([Future] int a) { } }"),
        ("recursive generics", "class Node<T> : Future<Node<Node<T>>> where T : Node<T> { } public class R<T> where T : R<T> { public Future<R<T>>? F; }"),
        ("cyclic inheritance", "class A : B { } class B : A { public Future<int> F() => new Future<int>(); }"),
        ("lambdas with errors", "class C { void M(EventLoop loop, Future f) { loop.CallSoon(() => undefined + 1); loop.CallSoon(async () => await ); f.AddDoneCallback(x => ); loop.CallLater(, () => { }); } }"),
        ("catch clauses with errors", "class C { async FutureTask M() { try { await Asyncio.Sleep(0); } catch (Exception e) when () { } catch (Bogus) { throw } catch { } } }"),
        ("incomplete lambdas passed to callbacks", "class C { int _n; void M(EventLoop loop, int x) { loop.CallSoon(() => { x + _n }); loop.CallSoon(static () => x); loop.CallSoon(s => s, ); } }"),
        ("top-level statements", "var loop = new EventLoop(); loop.CreateTask(Work()); Thread.Sleep(1); async FutureTask Work() { await Task.Delay(1); try { } catch { } }"),
        ("broken property and event declarations", "public class C { public Future<int> P { get => ; set } public event Action<Future> E { add { } } public Future this[int i] => ; }"),
        ("expression-bodied members and local functions with errors", "class C { async FutureTask M() { async FutureTask L() => await; Thread.Sleep(); _ = Task.Run(() => Thread.Sleep(1)).Result; } }"),
        ("invalid operators and conversions", "public class C { public static implicit operator Future<int>(C c) => ; public static Future operator +(C a, Future b) => b; }"),
        ("duplicate members and parameters", "public class C { public Future<int> F(Future<int> a, Future<int> a) => a; public Future<int> F(Future<int> a, Future<int> a) => a; }"),
        ("interpolation, nameof and typeof of broken things", "class C { string S => $\"{new Future<>()}{nameof(Future<>.GetResult)}{typeof(Future<,>)}\"; }"),
        ("unbalanced parentheses and stray tokens", "class C { async FutureTask M(Task<int> t) { var x = (t.Result; )) await t.GetAwaiter(.GetResult(); } } } }"),
        ("catch in non-async lambda and generic local function", "class C { void M() { Func<FutureTask> f = async () => { try { await Asyncio.Sleep(0); } catch (OperationCanceledException) { return; } }; async FutureTask<T> G<T>() { await Task.Delay(1); return default!; } } }"),
        ("callbacks in field initializers and constructor initializers", "class B { public B(object o) { } } class C : B { static EventLoop L = new(); static int X = 1; Handle H = L.CallSoon(() => Console.WriteLine(X + Y)); static int Y; C(EventLoop l, int n) : base(l.CallSoon(() => Console.WriteLine(n))) { } }"),
        ("catch and blocking calls in top-level code and switch expressions", "try { await Task.Delay(1); } catch (Exception) { } var x = 1 switch { 1 => Task.FromResult(1).Result, _ => 0 }; async FutureTask<int> F(Task<int> t) => t switch { null => 0, _ => t.Result };"),
        ("lambdas with default parameters and attributes", "class C { void M(EventLoop loop, int y) { loop.CallSoon([Obsolete] (int s = 1) => Console.WriteLine(s + y), 2); loop.CallSoon(async ([Obsolete] int s) => await Task.Delay(s + y), 1); } }"),
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task No_analyzer_throws_on_malformed_code(int index, string name)
    {
        ImmutableArray<DiagnosticAnalyzer> analyzers = AllAnalyzers();
        Assert.NotEmpty(analyzers);
        Compilation compilation = TestCompilation.Create(Snippets[index].Source);
        // RunAsync fails the test on any analyzer exception or AD0001 diagnostic.
        _ = await AnalyzerVerifier<global::AsyncioGen.Analyzers.Rules.UseCreateFutureAnalyzer>.RunAsync(compilation, analyzers);
        Assert.Equal(name, Snippets[index].Name);
    }

    [Fact]
    public async Task Without_the_runtime_the_usage_rules_stay_silent()
    {
        // Look-alike types of the user's own (not the runtime's): nothing to analyze, nothing reported.
        const string source = @"
namespace Mine
{
    public class Future<T> { }
    public class EventLoop { public void CallSoon(System.Action a) { } }
    public class C
    {
        public Future<int> F() => new Future<int>();
        public async System.Threading.Tasks.Task M(EventLoop loop, int x)
        {
            loop.CallSoon(async () => await System.Threading.Tasks.Task.Delay(x));
            System.Threading.Thread.Sleep(10);
            try { await System.Threading.Tasks.Task.Delay(1); } catch (System.Exception) { }
        }
    }
}";
        var references = TestCompilation.References.Where(r => !(r.Display ?? "").EndsWith("AsyncioGen.dll", StringComparison.OrdinalIgnoreCase)).ToArray();
        Assert.Equal(TestCompilation.References.Length - 1, references.Length);
        Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("NoRuntime",
            new[] { TestCompilation.Parse(source, "Test0.cs") }, references,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostics = await AnalyzerVerifier<global::AsyncioGen.Analyzers.Rules.UseCreateFutureAnalyzer>.RunAsync(compilation, AllAnalyzers());
        string[] usageIds = { "AIO002", "AIO003", "AIO006", "AIO007", "AIO010", "AIO013", "AIO015", "AIO016" };
        Assert.Empty(diagnostics.Where(d => usageIds.Contains(d.Id)));
    }

    [Fact]
    public async Task The_run_path_reports_an_analyzer_exception()
    {
        Compilation compilation = TestCompilation.Create("class C { void M() { } }");
        var error = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() =>
            AnalyzerVerifier<global::AsyncioGen.Analyzers.Rules.UseCreateFutureAnalyzer>.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingAnalyzer())));
        Assert.Contains("Analyzer threw", error.Message);
    }

#pragma warning disable RS1001, RS1036, RS2008 // a test double, not a shipped analyzer
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST001", "t", "t", "t", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(_ => throw new InvalidOperationException("boom"), Microsoft.CodeAnalysis.CSharp.SyntaxKind.MethodDeclaration);
        }
    }
#pragma warning restore RS1001, RS1036, RS2008

    [Fact]
    public void The_corpus_has_at_least_15_snippets_and_the_reflection_finds_the_usage_analyzers()
    {
        Assert.True(Snippets.Length >= 15);
        var names = AllAnalyzers().Select(a => a.GetType().Name).ToHashSet();
        foreach (string expected in new[]
        {
            nameof(global::AsyncioGen.Analyzers.Rules.FutureInPublicApiAnalyzer), nameof(global::AsyncioGen.Analyzers.Rules.UseCreateFutureAnalyzer), nameof(global::AsyncioGen.Analyzers.Rules.TaskDroppedAnalyzer),
            nameof(global::AsyncioGen.Analyzers.Rules.BlockingCallInCoroutineAnalyzer), nameof(global::AsyncioGen.Analyzers.Rules.CapturingCallbackAnalyzer), nameof(global::AsyncioGen.Analyzers.Rules.AsyncLambdaAsCallbackAnalyzer),
            nameof(global::AsyncioGen.Analyzers.Rules.CancelledErrorSwallowedAnalyzer), nameof(global::AsyncioGen.Analyzers.Rules.BclTaskAwaitedAnalyzer),
        })
        {
            Assert.Contains(expected, names);
        }
    }
}
