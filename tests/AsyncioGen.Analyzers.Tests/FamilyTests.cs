using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Tests;

/// <summary>
/// The analyzers are one family: every rule derives from <see cref="AsyncioAnalyzer"/> (one prologue,
/// one bail-out, guarded callbacks), lives in a file named after its id, and costs a compilation that
/// does not reference AsyncioGen nothing beyond the symbol lookup.
/// </summary>
public class FamilyTests
{
    private static string RulesFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "analyzers", "AsyncioGen.Analyzers", "Rules"));

    private static ImmutableArray<AsyncioAnalyzer> Rules() =>
        RobustnessTests.AllAnalyzers().OfType<AsyncioAnalyzer>().ToImmutableArray();

    [Fact]
    public void Every_rule_but_the_shared_Future_validation_derives_from_the_base_and_its_file_carries_its_id()
    {
        var others = RobustnessTests.AllAnalyzers().Where(a => a is not AsyncioAnalyzer and not DiagnosticSuppressor).Select(a => a.GetType().Name).ToArray();
        // The [Future] validation (AIO101-AIO105) is shared with the generator and keeps its own shape.
        Assert.Equal(new[] { "FutureAttributeAnalyzer" }, others);
        Assert.True(Rules().Length >= 16);
        foreach (AsyncioAnalyzer rule in Rules())
        {
            string id = rule.Rules[0].Id;
            string file = Path.Combine(RulesFolder(), id + rule.GetType().Name + ".cs");
            Assert.True(File.Exists(file), file + " is missing");
            Assert.Contains(DiagnosticDescriptors.AIO099, rule.SupportedDiagnostics);
        }
    }

    [Fact]
    public void Every_rule_id_is_supported_by_exactly_one_rule()
    {
        var ids = Rules().SelectMany(r => r.Rules).Select(d => d.Id).ToArray();
        Assert.Equal(ids.Distinct().Count(), ids.Length);
        Assert.DoesNotContain("AIO099", ids);
    }

    [Fact]
    public async Task A_compilation_without_AsyncioGen_pays_only_the_compilation_start_action()
    {
        // Code that would fire many rules if the types were AsyncioGen's.
        const string source = @"
using System.Threading;
using System.Threading.Tasks;
namespace Mine
{
    public class Future<T> { public void SetResult(T v) { } }
    public class EventLoop { public void CallSoon(System.Action a) { } }
    public class C
    {
        public Future<int> F() => new Future<int>();
        public async Task M(EventLoop loop, Future<int> f, int x)
        {
            loop.CallSoon(async () => await Task.Delay(x));
            Task.Run(() => f.SetResult(1));
            Thread.Sleep(10);
            try { await Task.Delay(1); } catch (System.Exception) { } finally { await Task.Delay(1); }
        }
    }
}";
        var references = TestCompilation.References.Where(r => !(r.Display ?? "").EndsWith("AsyncioGen.dll", StringComparison.OrdinalIgnoreCase)).ToArray();
        Compilation compilation = CSharpCompilation.Create("NoRuntime", new[] { TestCompilation.Parse(source, "Test0.cs") }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        ImmutableArray<DiagnosticAnalyzer> analyzers = RobustnessTests.AllAnalyzers();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync());
        foreach (DiagnosticAnalyzer analyzer in analyzers.Where(a => a is not DiagnosticSuppressor))
        {
            AnalyzerTelemetryInfo info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default);
            string name = analyzer.GetType().Name;
            Assert.True(info.CompilationStartActionsCount == 1, name + ": one compilation-start action");
            int registered = info.OperationActionsCount + info.OperationBlockActionsCount + info.OperationBlockStartActionsCount
                + info.SyntaxNodeActionsCount + info.SyntaxTreeActionsCount + info.SemanticModelActionsCount + info.SymbolActionsCount
                + info.SymbolStartActionsCount + info.CodeBlockActionsCount + info.CodeBlockStartActionsCount + info.CompilationActionsCount
                + info.CompilationEndActionsCount;
            Assert.True(registered == 0, name + " registered " + registered + " action(s) for a compilation without AsyncioGen");
        }
    }

    [Fact]
    public async Task An_exception_in_a_rule_is_a_located_AIO099_and_the_other_rules_still_run()
    {
        const string source = @"
class C
{
    void M(EventLoop loop)
    {
        var f = new Future<int>(loop);
        f.SetResult(1);
    }
}";
        Compilation compilation = TestCompilation.Create(source);
        var exceptions = new System.Collections.Generic.List<Exception>();
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ThrowingRule(), new global::AsyncioGen.Analyzers.Rules.UseCreateFutureAnalyzer());
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), (e, _, _) => exceptions.Add(e), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Diagnostic error = Assert.Single(diagnostics, d => d.Id == "AIO099");
        Assert.Equal("f.SetResult(1)", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Equal("The AsyncioGen rule 'ThrowingRule' failed on this code (InvalidOperationException: boom); please report it. The other rules still ran.", error.GetMessage());
        Assert.Single(diagnostics, d => d.Id == "AIO003");
    }

#pragma warning disable RS1001, RS1036, RS2008 // a test double, not a shipped analyzer
    private sealed class ThrowingRule : AsyncioAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST002", "t", "t", "t", DiagnosticSeverity.Warning, true);

        public ThrowingRule()
            : base(Rule)
        {
        }

        private protected override void Register(RuleStart start) =>
            start.RegisterOperationAction(c =>
            {
                if (c.Operation is IInvocationOperation { TargetMethod.Name: "SetResult" })
                {
                    throw new InvalidOperationException("boom");
                }
            }, OperationKind.Invocation);
    }
#pragma warning restore RS1001, RS1036, RS2008
}
