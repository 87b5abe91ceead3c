using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.ResultOfFutureNotKnownDoneAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>AIO005 false positives found by porting asyncio programs (issue 14), and their near misses.</summary>
public class AIO005PortingTests
{
    private const string Work = @"
static class Work
{
    public static async FutureTask<int> FetchAsync(int i) { await Asyncio.Sleep(0); return i; }
}
";

    [Fact]
    public Task Quiet_for_tasks_of_a_task_group_read_after_the_awaited_group() => Verify.VerifyAsync(Work + @"
class C
{
    async FutureTask<int> M()
    {
        FutureTask<int>? a = null, b = null;
        var all = new List<FutureTask<int>>();
        await TaskGroup.RunAsync(async group =>
        {
            a = group.CreateTask(Work.FetchAsync(1));
            b = group.CreateTask(Work.FetchAsync(2));
            for (int i = 0; i < 3; i++)
            {
                all.Add(group.CreateTask(Work.FetchAsync(i)));
            }
            await Asyncio.Sleep(0);
        });
        int sum = a!.GetResult() + b!.GetResult();
        foreach (var t in all)
        {
            sum += t.GetResult();
        }
        return sum;
    }
}");

    [Fact]
    public Task Quiet_for_tasks_of_a_task_group_with_a_synchronous_body() => Verify.VerifyAsync(Work + @"
class C
{
    async FutureTask<int> M()
    {
        FutureTask<int>? a = null;
        await TaskGroup.RunAsync(group =>
        {
            a = group.CreateTask(Work.FetchAsync(1));
        });
        return a!.GetResult();
    }
}");

    [Fact]
    public Task Quiet_after_an_awaited_timeout_block_that_awaited_them() => Verify.VerifyAsync(Work + @"
class C
{
    async FutureTask<int> M()
    {
        var t = Asyncio.CreateTask(Work.FetchAsync(1));
        await Asyncio.Timeout(5, async () => { await t; });
        return t.GetResult();
    }
}");

    [Fact]
    public Task Fires_for_a_task_the_group_did_not_create_or_read_inside_the_group() => Verify.VerifyAsync(Work + @"
class C
{
    async FutureTask<int> M(EventLoop loop)
    {
        FutureTask<int>? a = null;
        var outside = loop.CreateTask(Work.FetchAsync(3));
        await TaskGroup.RunAsync(async group =>
        {
            a = group.CreateTask(Work.FetchAsync(1));
            Console.WriteLine([|a.GetResult()|]);
            await Asyncio.Sleep(0);
        });
        return a!.GetResult() + [|outside.GetResult()|];
    }
}");

    [Fact]
    public Task Fires_after_a_timeout_block_that_did_not_await_it() => Verify.VerifyAsync(Work + @"
class C
{
    async FutureTask<int> M()
    {
        var t = Asyncio.CreateTask(Work.FetchAsync(1));
        var u = Asyncio.CreateTask(Work.FetchAsync(2));
        await Asyncio.Timeout(5, async () => { await u; });
        return [|t.GetResult()|] + u.GetResult();
    }
}");
}
