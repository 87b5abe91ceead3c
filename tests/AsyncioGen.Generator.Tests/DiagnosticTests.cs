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

    [Fact]
    public void AIO101_type_not_partial() => Verify("""
        class Plain
        {
            [Future] void {|AIO101:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public void AIO101_containing_type_not_partial() => Verify("""
        class Outer
        {
            partial class Inner
            {
                [Future] void {|AIO101:Op|}(Action<int> onDone) { }
            }
        }
        """);

    [Fact]
    public void AIO102_no_callback() => Verify("""
        partial class C
        {
            [Future] void {|AIO102:Op|}(int x) { }
        }
        """);

    [Fact]
    public void AIO102_wrong_return_type() => Verify("""
        partial class C
        {
            [Future] int {|AIO102:Op|}(Action<int> onDone) => 0;
        }
        """);

    [Fact]
    public void AIO102_callback_returns_a_value() => Verify("""
        partial class C
        {
            [Future] void Op(Func<int> {|AIO102:onDone|}) { }
        }
        """);

    [Fact]
    public void AIO102_last_parameter_not_a_callback() => Verify("""
        partial class C
        {
            [Future] void {|AIO102:Op|}(Action<int> onDone, int timeout) { }
        }
        """);

    [Fact]
    public void AIO102_state_without_state_callback() => Verify("""
        partial class C
        {
            [Future] void {|AIO102:Op|}(Action<int> onDone, object? state) { }
        }
        """);

    [Fact]
    public void AIO102_error_callback_alone() => Verify("""
        partial class C
        {
            [Future] void {|AIO102:Op|}(Action<Exception> onError) { }
        }
        """);

    [Fact]
    public void AIO102_begin_without_end() => Verify("""
        partial class C
        {
            [Future] IAsyncResult {|AIO102:BeginRead|}(AsyncCallback? callback, object? state) => throw null!;
        }
        """);

    [Fact]
    public void AIO102_two_cancellation_tokens() => Verify("""
        partial class C
        {
            [Future] void {|AIO102:Op|}(CancellationToken a, CancellationToken b, Action onDone) { }
        }
        """);

    [Fact]
    public void AIO102_invalid_name() => Verify("""
        partial class C
        {
            [Future(Name = "1bad")] void {|AIO102:Op|}(Action onDone) { }
        }
        """);

    [Fact]
    public void AIO103_clash_with_a_property() => Verify("""
        partial class C
        {
            int OpAsync => 0;
            [Future] void {|AIO103:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public void AIO103_clash_with_a_method_of_the_same_parameters() => Verify("""
        partial class C
        {
            void OpAsync(int x) { }
            [Future] void {|AIO103:Op|}(int x, Action<int> onDone) { }
        }
        """);

    [Fact]
    public void AIO103_clash_with_a_base_member() => Verify("""
        class Base
        {
            protected void OpAsync() { }
        }
        partial class C : Base
        {
            [Future] void {|AIO103:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public void AIO103_two_methods_with_the_same_twin() => Verify("""
        partial class C
        {
            [Future] void Read(Action<int> onDone) { }
            [Future(Name = "ReadAsync")] void {|AIO103:Load|}(Action<int> onDone) { }
        }
        """, expectNoOutput: false);

    [Fact]
    public void AIO103_twin_of_a_base_Future_method_would_be_hidden() => Verify("""
        partial class Base
        {
            [Future] protected virtual void Op(Action<int> onDone) { }
        }
        partial class Derived : Base
        {
            [Future] protected override void {|AIO103:Op|}(Action<int> onDone) { }
        }
        """, expectNoOutput: false);

    [Fact]
    public void AIO103_twin_named_like_the_type() => Verify("""
        partial class C
        {
            [Future(Name = "C")] void {|AIO103:Op|}(Action<int> onDone) { }
        }
        """);

    [Fact]
    public void AIO104_ref_struct_result() => Verify("""
        delegate void SpanDone(ReadOnlySpan<byte> data);
        partial class C
        {
            [Future] void Op(SpanDone {|AIO104:onDone|}) { }
        }
        """);

    [Fact]
    public void AIO104_by_ref_callback_parameter() => Verify("""
        delegate void RefDone(ref int value);
        partial class C
        {
            [Future] void Op(RefDone {|AIO104:onDone|}) { }
        }
        """);

    [Fact]
    public void AIO104_pointer_callback_parameter() => Verify("""
        unsafe delegate void PointerDone(int* value);
        partial class C
        {
            [Future] void Op(PointerDone {|AIO104:onDone|}) { }
        }
        """, allowUnsafe: true);

    [Fact]
    public void AIO104_ref_struct_EndOp_result() => Verify("""
        partial class C
        {
            [Future] IAsyncResult BeginRead(AsyncCallback? callback, object? state) => throw null!;
            Span<byte> {|AIO104:EndRead|}(IAsyncResult result) => default;
        }
        """);

    [Fact]
    public void AIO105_generic_method() => Verify("""
        partial class C
        {
            [Future] void {|AIO105:Op|}<T>(Action<T> onDone) { }
        }
        """);

    [Fact]
    public void Quiet_on_an_overload_with_other_parameters() => Verify("""
        partial class C
        {
            void OpAsync(int x, CancellationToken cancellationToken) { }
            [Future] void Op(int x, Action<int> onDone) { }
        }
        """);

    [Fact]
    public void Quiet_on_a_private_base_member_of_the_same_name() => Verify("""
        class Base
        {
            private void OpAsync() { }
        }
        partial class C : Base
        {
            [Future] void Op(Action<int> onDone) { }
        }
        """);

    [Fact]
    public void Quiet_on_a_method_without_the_attribute() => Verify("""
        class C
        {
            void Op<T>(Func<int> x) { }
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
