using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.TaskDroppedAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>Issue 14 §1 recall for AIO006: a task kept in a local that is never read is as dropped as a statement.</summary>
public class AIO006RecallTests
{
    private const string Work = @"
static class Jobs
{
    public static async FutureTask<int> WorkAsync() { await Asyncio.Sleep(0); return 1; }
    public static async FutureTask TickAsync() { await Asyncio.Sleep(0); }
}
";

    [Fact]
    public Task Task_in_a_local_never_read() => Verify.VerifyAsync(Work + @"
class C
{
    void Start(EventLoop loop)
    {
        var [|task|] = loop.CreateTask(Jobs.WorkAsync());
        FutureTask [|tick|] = Asyncio.CreateTask(Jobs.TickAsync), [|other|] = Jobs.TickAsync();
    }

    async FutureTask Run(EventLoop loop)
    {
        var [|background|] = Asyncio.EnsureFuture(Jobs.WorkAsync());
        switch (loop.IsRunning)
        {
            case true:
                var [|inCase|] = Jobs.WorkAsync();
                break;
        }
        await Asyncio.Sleep(0);
    }
}",
        "The task returned by 'CreateTask' is dropped; keep a reference (a field, a TaskGroup, or await it) so its failure is observed");

    [Fact]
    public Task Quiet_when_the_local_is_used_or_named_as_unused() => Verify.VerifyAsync(Work + @"
class C
{
    FutureTask<int>? _kept;
    FutureTask<int> Returned(EventLoop loop)
    {
        var task = loop.CreateTask(Jobs.WorkAsync());
        return task;
    }

    void UsedLater(EventLoop loop, TaskGroup group, Future<int> existing)
    {
        var stored = loop.CreateTask(Jobs.WorkAsync());
        _kept = stored;
        var cancelled = loop.CreateTask(Jobs.WorkAsync());
        cancelled.Cancel();
        var captured = Jobs.TickAsync();
        loop.CallSoon(() => Console.WriteLine(captured.IsDone));
        var _ignored = loop.CreateTask(Jobs.WorkAsync());
        var grouped = group.CreateTask(Jobs.WorkAsync());
        var same = Asyncio.EnsureFuture(existing);
        int notATask = 1;
        using (var scope = new System.IO.MemoryStream()) { }
        for (var t = Jobs.TickAsync(); !t.IsDone;) { break; }
    }

    void SharedSwitchScope(int state)
    {
        switch (state)
        {
            case 1:
                var pending = Jobs.WorkAsync();
                break;
            default:
                pending = Jobs.WorkAsync();
                pending.Cancel();
                break;
        }
    }

    async FutureTask<int> Awaited(EventLoop loop)
    {
        var task = loop.CreateTask(Jobs.WorkAsync());
        var shielded = Asyncio.CreateTask(Jobs.TickAsync);
        await Asyncio.Shield(shielded);
        return await task;
    }
}");
}
