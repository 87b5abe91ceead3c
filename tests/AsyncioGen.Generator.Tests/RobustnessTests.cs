using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.Generator.Tests;

/// <summary>Malformed and odd inputs: diagnostics, never an exception from the generator or the analyzer.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string, string> Inputs => new()
    {
        { "missing braces", "partial class A { [Future] void Op(Action<int> onDone) { " },
        { "unknown types", "partial class A { [Future] void Op(Foo x, Action<Bar> onDone) { } }" },
        { "unknown delegate", "partial class A { [Future] void Op(Missing onDone) { } }" },
        { "attribute on a property", "partial class A { [Future] int P => 1; }" },
        { "attribute on a class", "[Future] partial class A { }" },
        { "attribute on a constructor", "partial class A { [Future] A(Action onDone) { } }" },
        { "half-typed method", "partial class A { [Future] void Op(Action<int> }" },
        { "half-typed attribute", "partial class A { [Future(Name = ] void Op(Action<int> onDone) { } }" },
        { "attribute with a non-string name", "partial class A { [Future(Name = 42)] void Op(Action<int> onDone) { } }" },
        { "method without a body", "partial class A { [Future] void Op(Action<int> onDone) }" },
        { "local function", "partial class A { void M() { [Future] void Local(Action<int> onDone) { } } }" },
        { "top-level statement", "[Future] void Op(Action<int> onDone) { }" },
        { "generic method with unknown constraint", "partial class A { [Future] void Op<T>(Action<T> onDone) where T : Nope { } }" },
        { "Begin alone", "partial class A { [Future] IAsyncResult Begin(AsyncCallback? c, object? s) => null!; }" },
        { "End with wrong parameter", "partial class A { [Future] IAsyncResult BeginX(AsyncCallback? c, object? s) => null!; int EndX(string r) => 0; }" },
        { "duplicate method", "partial class A { [Future] void Op(Action<int> onDone) { } [Future] void Op(Action<int> onDone) { } }" },
        { "enum member", "enum E { [Future] X }" },
        { "abstract in non-abstract class", "partial class A { [Future] public abstract void Op(Action<int> onDone); }" },
        { "file-local type", "file partial class A { [Future] void Op(Action<int> onDone) { } }" },
        { "nested in a non-partial generic", "class G<T> { partial class A { [Future] void Op(Action<T> onDone) { } } }" },
        { "operator", "partial class A { [Future] public static A operator +(A a, A b) => a; }" },
        { "callback with dynamic", "partial class A { [Future] void Op(Action<dynamic> onDone) { } }" },
        { "tuple result", "partial class A { [Future] void Op(Action<(int A, string? B)> onDone) { } }" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Generator_and_analyzer_never_throw(string name, string body)
    {
        string source = "using System;\nusing AsyncioGen;\n" + body;
        Compilation compilation = TestCompilation.Create(source);

        GeneratorDriver driver = GeneratorRunner.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        Assert.All(result.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(generatorDiagnostics, d => d.Id is "CS8785" or "AIO199");

        ImmutableArray<Diagnostic> analyzer = AnalyzerRunner.Run(output);
        ImmutableArray<Diagnostic> compiler = output.GetDiagnostics();
        Assert.True(
            name is "tuple result" or "callback with dynamic" || analyzer.Length + compiler.Count(d => d.Severity == DiagnosticSeverity.Error) > 0,
            name + ": expected some diagnostic");
        Assert.DoesNotContain(compiler, d => d.Id == "CS8785");
        // Whatever the generator emitted for code that is otherwise valid compiles.
        bool inputHasErrors = compiler.Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == "File0.cs");
        if (!inputHasErrors)
        {
            Assert.DoesNotContain(compiler, d => d.Severity == DiagnosticSeverity.Error);
        }
    }

    [Fact]
    public void Supported_odd_shapes_compile()
    {
        GeneratorResult result = GeneratorRunner.Run("""
            using System;
            using AsyncioGen;

            namespace A { internal partial class Same { [Future] internal void Op(Action<int> onDone) { } } }
            namespace B { internal partial class Same { [Future] internal void Op(Action<int> onDone) { } } }
            namespace C
            {
                internal partial record Rec { [Future] internal void Op(Action<(int A, string? B)> onDone) { } }
                internal readonly partial struct Value { [Future] internal void Op(Action<dynamic> onDone) { } }
                internal ref partial struct Ref { [Future] internal void Op(Action<int> onDone) { } }
                internal partial record struct RecStruct { [Future] internal static void Op(Action<int> onDone) { } }
                internal abstract partial class Abstract { [Future] internal abstract void Op(Action<int> onDone); }
            }
            """, """
            using System;
            using AsyncioGen;

            namespace A { internal partial class Same { [Future] internal void Other(Action<string> onDone) { } } }
            """);
        GeneratorRunner.AssertCompiles(result.Output);
        Assert.Equal(7, result.Sources.Count);
        Assert.Contains("OtherAsync", result.Sources["A.Same.g.cs"]);
    }

    [Fact]
    public void A_rejected_type_does_not_erase_the_output_of_the_others()
    {
        GeneratorResult result = GeneratorRunner.Run("""
            using System;
            using AsyncioGen;

            internal class NotPartial { [Future] internal void Op(Action<int> onDone) { } }
            internal partial class Generic { [Future] internal void Op<T>(Action<T> onDone) { } }
            internal partial class Broken { [Future] internal void Op(Missing onDone) { } }
            internal partial class Good { [Future] internal void Op(Action<int> onDone) { } }
            """);
        // A generic callback method is a supported shape now: it gets a generic twin.
        Assert.Equal(new[] { "Generic.g.cs", "Good.g.cs" }, result.Sources.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
    }
}
