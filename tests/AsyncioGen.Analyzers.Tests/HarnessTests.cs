using System.Linq;
using AsyncioGen.Analyzers.Tests.Harness;

namespace AsyncioGen.Analyzers.Tests;

public class HarnessTests
{
    [Fact]
    public void Markup_strips_spans_and_records_them()
    {
        (string source, var spans) = Markup.Parse("a [|bc|] d {|AIO001:ef|}");
        Assert.Equal("a bc d ef", source);
        Assert.Equal(2, spans.Count);
        Assert.Null(spans[0].Id);
        Assert.Equal("bc", source.Substring(spans[0].Span.Start, spans[0].Span.Length));
        Assert.Equal("AIO001", spans[1].Id);
        Assert.Equal("ef", source.Substring(spans[1].Span.Start, spans[1].Span.Length));
    }

    [Fact]
    public void Test_sources_compile_against_the_runtime()
    {
        var compilation = TestCompilation.Create("class C { async FutureTask<int> F() { await Asyncio.Sleep(0); return 1; } }");
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
    }
}
