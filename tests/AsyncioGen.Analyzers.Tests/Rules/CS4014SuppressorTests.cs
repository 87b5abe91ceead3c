using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using AsyncioGen.Analyzers.Rules;
using AsyncioGen.Analyzers.Suppressors;
using AsyncioGen.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>CS4014 on group.CreateTask(...) and where AIO006 speaks is suppressed (issue 14); elsewhere it stays.</summary>
public class CS4014SuppressorTests
{
    private const string Work = @"
static class Jobs
{
    public static async FutureTask<int> WorkAsync() { await Asyncio.Sleep(0); return 1; }
}
";

    private static Compilation? s_last;

    private static async Task<(Diagnostic[] Cs4014, Diagnostic[] Aio006)> RunAsync(string source, bool aio006Off = false)
    {
        CSharpCompilation compilation = TestCompilation.Create(Work + source);
        if (aio006Off)
        {
            compilation = compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                compilation.Options.SpecificDiagnosticOptions.SetItem("AIO006", ReportDiagnostic.Suppress)));
        }
        s_last = compilation;
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TaskDroppedAnalyzer(), new TaskOwnedSuppressor()),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false,
                logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));
        ImmutableArray<Diagnostic> all = await withAnalyzers.GetAllDiagnosticsAsync();
        Assert.DoesNotContain(all, d => d.Id is "AD0001" or "AIO099");
        return (all.Where(d => d.Id == "CS4014").ToArray(), all.Where(d => d.Id == "AIO006" && !d.IsSuppressed).ToArray());
    }

    private static string SuppressionId(Diagnostic diagnostic) =>
        diagnostic.GetSuppressionInfo(s_last!)?.ProgrammaticSuppressions.Single().Descriptor.Id ?? "";

    [Fact]
    public async Task Suppressed_on_TaskGroup_CreateTask()
    {
        var (cs4014, aio006) = await RunAsync(@"
class C
{
    async FutureTask Run() => await TaskGroup.RunAsync(async group =>
    {
        group.CreateTask(Jobs.WorkAsync());
        await Asyncio.Sleep(0);
    });
}");
        Diagnostic warning = Assert.Single(cs4014);
        Assert.True(warning.IsSuppressed);
        Assert.Equal("AIOSP001", SuppressionId(warning));
        Assert.Empty(aio006);
    }

    [Fact]
    public async Task Suppressed_where_AIO006_reports_the_same_call()
    {
        var (cs4014, aio006) = await RunAsync(@"
class C
{
    async FutureTask Run(EventLoop loop)
    {
        loop.CreateTask(Jobs.WorkAsync());
        Jobs.WorkAsync();
        await Asyncio.Sleep(0);
    }
}");
        Assert.Equal(2, cs4014.Length);
        Assert.All(cs4014, d => Assert.Equal("AIOSP002", SuppressionId(d)));
        Assert.Equal(2, aio006.Length);
        Assert.Equal(cs4014.Select(d => d.Location.SourceSpan).OrderBy(s => s.Start), aio006.Select(d => d.Location.SourceSpan).OrderBy(s => s.Start));
    }

    [Fact]
    public async Task Kept_when_AIO006_is_off_and_for_BCL_tasks()
    {
        var (cs4014, _) = await RunAsync(@"
class C
{
    async FutureTask Run()
    {
        Jobs.WorkAsync();
        await Asyncio.Sleep(0);
    }
}", aio006Off: true);
        Assert.False(Assert.Single(cs4014).IsSuppressed);

        var (bcl, none) = await RunAsync(@"
class D
{
    async Task Run()
    {
        Task.Delay(1);
        await Task.Yield();
    }
}");
        Assert.False(Assert.Single(bcl).IsSuppressed);
        Assert.Empty(none);
    }
}
