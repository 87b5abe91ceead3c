using System.IO;
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

    [Fact]
    public void Reference_assemblies_are_the_targeting_pack_the_build_restored_so_tests_never_download()
    {
        // The runtime project (net8.0) makes the build restore Microsoft.NETCore.App.Ref 8.0.x into the global
        // packages folder; the fallback to ReferenceAssemblies.Net.Net80 (8.0.0 from the feed) would mean a
        // download at test time.
        var package = AsyncioTestSetup.ReferenceAssemblies.ReferenceAssemblyPackage;
        Assert.NotNull(package);
        Assert.Equal("Microsoft.NETCore.App.Ref", package!.Id);
        Assert.StartsWith("8.0.", package.Version);
        Assert.True(Directory.Exists(Path.Combine(AsyncioTestSetup.GlobalPackagesFolder(), "microsoft.netcore.app.ref", package.Version)),
            "Microsoft.NETCore.App.Ref " + package.Version + " is not in the global packages folder");
    }
}
