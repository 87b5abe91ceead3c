using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers;
using AsyncioGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncioGen.Generator.Tests;

/// <summary>AIO101–AIO105 from <see cref="FutureAttributeAnalyzer"/>: exact ids and locations, and where they stay quiet.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using AsyncioGen;

        """;

    /// <summary>Asserts exactly the marked diagnostics, and that the generator skipped what the analyzer rejected.</summary>
    private static void Verify(string markup, bool allowUnsafe = false, bool expectNoOutput = true)
    {
        (string source, var expected) = Markup.Parse(Usings + markup);
        Compilation compilation = TestCompilation.Create(source);
        if (allowUnsafe)
        {
            compilation = compilation.WithOptions(((CSharpCompilationOptions)compilation.Options).WithAllowUnsafe(true));
        }
        GeneratorResult generated = GeneratorRunner.Run(compilation);
        ImmutableArray<Diagnostic> diagnostics = AnalyzerRunner.Run(generated.Output);
        Assert.Equal(
            expected.Select(e => $"{e.Id}@{e.Span}").OrderBy(s => s),
            diagnostics.Select(d => $"{d.Id}@{d.Location.SourceSpan}").OrderBy(s => s));
        Assert.All(diagnostics, d => Assert.Equal("File0.cs", d.Location.SourceTree?.FilePath));
        if (expected.Count > 0 && expectNoOutput)
        {
            Assert.Empty(generated.RunResult.GeneratedTrees);
        }
    }

    // The rules' own cases (ids, locations, quiet cases) are in tests/AsyncioGen.Analyzers.Tests/Rules/AIO101To105Tests.cs;
    // here: the generator emits nothing for what the analyzer rejects, and the two agree on odd inputs.

    [Fact]
    public void Generator_skips_a_type_that_is_not_partial() => Verify("""
        class Plain
        {
            [Future] void {|AIO101:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public void Generator_skips_a_ref_parameter() => Verify("""
        partial class C
        {
            [Future] void Op(ref int {|AIO102:position|}, Action<int> onDone) { }
        }
        """);

    [Fact]
    public void Generator_skips_two_success_callbacks() => Verify("""
        partial class C
        {
            [Future] void Op(Action<int> {|AIO102:onProgress|}, Action<int> onDone) { }
        }
        """);

    [Fact]
    public void Generator_skips_an_EndOp_that_reads_AsyncState() => Verify("""
        static partial class C
        {
            [Future] static IAsyncResult BeginRead(AsyncCallback? callback, object? state) => throw null!;
            static int {|AIO102:EndRead|}(IAsyncResult result) => (int)result.AsyncState!;
        }
        """);

    [Fact]
    public void Generator_skips_a_pointer_callback_parameter() => Verify("""
        unsafe delegate void PointerDone(int* value);
        partial class C
        {
            [Future] void Op(PointerDone {|AIO104:onDone|}) { }
        }
        """, allowUnsafe: true);

    [Fact]
    public void Generator_skips_a_generic_Begin_End_pair() => Verify("""
        partial class C
        {
            [Future] IAsyncResult {|AIO105:BeginRead|}<T>(AsyncCallback? callback, object? state) => throw null!;
            int EndRead(IAsyncResult result) => 0;
        }
        """);

    [Fact]
    public void Analyzer_is_quiet_on_the_generated_result_record_and_subscription_field() => Verify("""
        partial class C
        {
            [Future(ResultType = "Pair", ExplicitLoop = true)] void Op(Action<int, string> onDone) { }
        }
        """);

    [Theory]
    [InlineData(nameof(SnapshotSources.CallbackResult))]
    [InlineData(nameof(SnapshotSources.CallbackResultAndErrorAfter))]
    [InlineData(nameof(SnapshotSources.CallbackErrorBefore))]
    [InlineData(nameof(SnapshotSources.CallbackOutcome))]
    [InlineData(nameof(SnapshotSources.CustomDelegates))]
    [InlineData(nameof(SnapshotSources.Resultless))]
    [InlineData(nameof(SnapshotSources.StatePassing))]
    [InlineData(nameof(SnapshotSources.Apm))]
    [InlineData(nameof(SnapshotSources.Cancellation))]
    [InlineData(nameof(SnapshotSources.GenericNested))]
    [InlineData(nameof(SnapshotSources.GlobalNamespaceAndName))]
    [InlineData(nameof(SnapshotSources.AccessibilityAndParameters))]
    [InlineData(nameof(SnapshotSources.MultiValue))]
    [InlineData(nameof(SnapshotSources.CallbackNotLast))]
    [InlineData(nameof(SnapshotSources.GenericMethods))]
    [InlineData(nameof(SnapshotSources.ExplicitLoop))]
    [InlineData(nameof(SnapshotSources.Handle))]
    [InlineData(nameof(SnapshotSources.EventBased))]
    public void Quiet_on_every_supported_shape_including_its_generated_twins(string caseName)
    {
        string source = (string)typeof(SnapshotSources).GetField(caseName)!.GetValue(null)!;
        GeneratorResult generated = GeneratorRunner.Run(source);
        Assert.Empty(AnalyzerRunner.Run(generated.Output));
    }

    [Fact]
    public void Every_descriptor_has_a_help_page_with_the_shared_headings()
    {
        string docs = System.IO.Path.Combine(RepositoryRoot(), "docs", "diagnostics");
        foreach (DiagnosticDescriptor descriptor in new FutureAttributeAnalyzer().SupportedDiagnostics)
        {
            string page = System.IO.File.ReadAllText(System.IO.Path.Combine(docs, descriptor.Id + ".md"));
            foreach (string heading in new[] { "## What it flags", "## Why", "## Example", "## How to fix", "## How to suppress or configure" })
            {
                Assert.Contains(heading, page);
            }
            Assert.EndsWith(descriptor.Id + ".md", descriptor.HelpLinkUri);
        }
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file)!, "..", ".."));
}
