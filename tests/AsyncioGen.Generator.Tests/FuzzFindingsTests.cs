using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.Generator.Tests;

/// <summary>
/// The inputs fuzzing found to produce twins that failed to compile or warned (issue 15, section 1).
/// Each now gets a twin that compiles with warnings as errors, or a diagnostic and no twin.
/// </summary>
public sealed class FuzzFindingsTests
{
    private const string Usings = "using System;\nusing System.Threading;\nusing AsyncioGen;\n";

    /// <summary>The twin compiles cleanly (warnings as errors), and the analyzer has nothing to say.</summary>
    [Theory]
    [InlineData("dynamic argument, callback (CS1977)", "partial class A { [Future] void Op(dynamic x, Action<int> onDone) { } }")]
    [InlineData("dynamic argument, state-passing lambda (CS1977)", "partial class A { [Future] void Op(dynamic x, Action<int, object?> callback, object? state) { } }")]
    [InlineData("dynamic argument, Begin/End (CS1977)", "partial class A { [Future] IAsyncResult BeginOp(dynamic x, AsyncCallback? c, object? s) => null!; int EndOp(IAsyncResult r) => 0; }")]
    [InlineData("dynamic and a span (CS1978)", "partial class A { [Future] void Op(dynamic x, Span<byte> data, Action<int> onDone) { } }")]
    [InlineData("dynamic and an in parameter (CS8364)", "partial class A { [Future] void Op(in int x, dynamic y, Action<int> onDone) { } }")]
    [InlineData("in dynamic", "partial class A { [Future] void Op(in dynamic x, Action<int> onDone) { } }")]
    [InlineData("dynamic in a ref struct (CS9230)", "ref partial struct A { [Future] void Op(dynamic x, Action<int> onDone) { } }")]
    [InlineData("ref readonly parameter (CS9192)", "partial class A { [Future] void Op(ref readonly int x, Action<int> onDone) { } }")]
    [InlineData("ref readonly extension receiver (CS9192)", "static partial class A { [Future] static void Op(this ref readonly int x, Action<int> onDone) { } }")]
    [InlineData("protected override in a sealed class (CS0628, found by the fuzzing test)", "class Base { protected virtual void Op(Action<int> onDone) { } } sealed partial class A : Base { [Future] protected override void Op(Action<int> onDone) { } }")]
    [InlineData("dynamic and in with ExplicitLoop (CS8364 in the forwarding twin, found by the fuzzing test)", "partial class A { [Future(ExplicitLoop = true)] void Op(in int i, dynamic d, Action<int> onDone) { } }")]
    [InlineData("nullable error callback beside a success callback (CS8622, found by the fuzzing test)", "partial class A { [Future] void Op(Action<Exception?> onError, Action<int> onDone) { } }")]
    [InlineData("span argument", "partial class A { [Future] void Op(ReadOnlySpan<byte> data, Action<int> onDone) { } }")]
    public void Twin_compiles_without_warnings(string name, string body)
    {
        GeneratorResult result = GeneratorRunner.Run(Usings + body);
        Assert.True(result.Sources.Count == 1, name + ": expected one generated file");
        GeneratorRunner.AssertCompiles(result.Output);
        Assert.Empty(AnalyzerRunner.Run(result.Output));
    }

    [Fact]
    public void Top_level_code_before_a_file_scoped_namespace_reports_no_internal_error()
    {
        // Invalid code (CS8956): the method lands in an implicit type named <invalid-global-code>.
        Compilation compilation = TestCompilation.Create(Usings + "Console.WriteLine();\nnamespace Demo;\n[Future] void Op(Action<int> onDone) { }\n");
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(diagnostics, d => d.Id is "AIO199" or "CS8785");
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
        Assert.Empty(AnalyzerRunner.Run(output));
    }

    [Theory]
    [InlineData("partial class A { [Future] void Op(int int x, Action<int> onDone) { } }")]
    [InlineData("partial class A { [Future] void Op(int x Action<int> onDone) { } }")]
    [InlineData("partial class A { [Future] void Op<T,>(Action<T> onDone) { } }")]
    public void Declaration_with_syntax_errors_gets_no_twin(string body)
    {
        Compilation compilation = TestCompilation.Create(Usings + body);
        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
        Assert.Empty(diagnostics);
        // Only the input's own errors: nothing repeated in generated code.
        Assert.All(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), d => Assert.Equal("File0.cs", d.Location.SourceTree?.FilePath));
        Assert.Empty(AnalyzerRunner.Run(output));
    }

    [Fact]
    public void Static_EndOp_that_reads_AsyncState_is_reported_and_gets_no_twin()
    {
        const string source = Usings + """
            static partial class Legacy
            {
                [Future] static IAsyncResult BeginRead(AsyncCallback? callback, object? state) => throw null!;
                static string EndRead(IAsyncResult result) => ((string[])result.AsyncState!)[0];
            }
            """;
        GeneratorResult result = GeneratorRunner.Run(source);
        Assert.Empty(result.Sources);
        Diagnostic diagnostic = Assert.Single(AnalyzerRunner.Run(result.Output));
        Assert.Equal("AIO102", diagnostic.Id);
        Assert.Contains("EndRead reads IAsyncResult.AsyncState", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("ref", "partial class A { [Future] void Op(ref int x, Action<int> onDone) { } }")]
    [InlineData("out", "partial class A { [Future] void Op(out int x, Action<int> onDone) { x = 0; } }")]
    public void By_reference_output_parameters_are_reported_and_get_no_twin(string modifier, string body)
    {
        GeneratorResult result = GeneratorRunner.Run(Usings + body);
        Assert.Empty(result.Sources);
        Diagnostic diagnostic = Assert.Single(AnalyzerRunner.Run(result.Output));
        Assert.Equal("AIO102", diagnostic.Id);
        Assert.Contains("'" + modifier + "'", diagnostic.GetMessage());
    }
}
