using System.Threading.Tasks;
using AsyncioGen.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.TaskDroppedAnalyzer>;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.TaskDroppedAnalyzer, AsyncioGen.CodeFixes.TaskDroppedCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO006Tests
{
    private const string Work = @"
static class Jobs
{
    public static async FutureTask<int> WorkAsync() { await Asyncio.Sleep(0); return 1; }
    public static async FutureTask TickAsync() { await Asyncio.Sleep(0); }
}
";

    // ---- fires ----

    [Fact]
    public Task Loop_CreateTask_dropped_in_a_sync_method() => Verify.VerifyAsync(Work + @"
class C
{
    void Start(EventLoop loop)
    {
        [|loop.CreateTask(Jobs.WorkAsync())|];
    }
}",
        "The task returned by 'CreateTask' is dropped; keep a reference (a field, a TaskGroup, or await it) so its failure is observed");

    [Fact]
    public Task Asyncio_CreateTask_dropped_in_a_callback() => Verify.VerifyAsync(Work + @"
class C
{
    void Start(EventLoop loop)
    {
        loop.CallSoon(() => [|Asyncio.CreateTask(Jobs.TickAsync)|]);
        loop.CallSoon(() => { [|Asyncio.CreateTask(Jobs.TickAsync())|]; });
    }
}",
        "The task returned by 'Asyncio.CreateTask' is dropped; keep a reference (a field, a TaskGroup, or await it) so its failure is observed");

    [Fact]
    public Task Coroutine_call_dropped_in_a_sync_method() => Verify.VerifyAsync(Work + @"
class C
{
    void Start()
    {
        [|Jobs.WorkAsync()|];
    }
}",
        "The task returned by 'Jobs.WorkAsync' is dropped; keep a reference (a field, a TaskGroup, or await it) so its failure is observed");

    [Fact]
    public Task Dropped_in_a_sync_lambda_inside_a_coroutine_and_a_constructor() => Verify.VerifyAsync(Work + @"
class C
{
    C(EventLoop loop) { [|loop.CreateTask(Jobs.TickAsync)|]; }
    async FutureTask Run(EventLoop loop)
    {
        Action a = () => [|loop.CreateTask(Jobs.TickAsync())|];
        a();
        await Asyncio.Sleep(0);
    }
}");

    [Fact]
    public Task Spawning_apis_in_a_coroutine() => Verify.VerifyAsync(Work + @"
#pragma warning disable CS4014
class C
{
    async FutureTask Run(EventLoop loop)
    {
        [|Asyncio.CreateTask(Jobs.WorkAsync())|];
        [|loop.CreateTask(Jobs.TickAsync)|];
        await Asyncio.Sleep(0);
    }
}");

    // ---- quiet ----

    [Fact]
    public Task Quiet_when_kept_awaited_returned_or_passed() => Verify.VerifyAsync(Work + @"
class C
{
    FutureTask<int>? _task;
    readonly List<FutureTask> _background = new();
    FutureTask<int> Start(EventLoop loop)
    {
        _task = loop.CreateTask(Jobs.WorkAsync());
        var local = loop.CreateTask(Jobs.WorkAsync());
        _background.Add(loop.CreateTask(Jobs.TickAsync()));
        _task = local;
        return loop.CreateTask(Jobs.WorkAsync());
    }
}");

    [Fact]
    public Task Quiet_for_explicit_discards() => Verify.VerifyAsync(Work + @"
class C
{
    void Start(EventLoop loop)
    {
        _ = loop.CreateTask(Jobs.WorkAsync());
        loop.CallSoon(() => _ = Asyncio.CreateTask(Jobs.TickAsync));
    }
}");

    // Issue 14: this used to be quiet (left to CS4014). A coroutine call nobody awaits still runs as a
    // task, so AIO006 reports it (asyncio's "coroutine was never awaited"); CS4014 there is suppressed.
    [Fact]
    public Task Coroutine_calls_dropped_in_async_functions() => Verify.VerifyAsync(Work + @"
#pragma warning disable CS4014
class C
{
    async FutureTask Run()
    {
        [|Jobs.WorkAsync()|];
        await Asyncio.Sleep(0);
    }
    async Task RunTask() { [|Jobs.TickAsync()|]; await Task.Yield(); }
}");

    [Fact]
    public Task Quiet_for_non_task_calls_and_futures() => Verify.VerifyAsync(Work + @"
class C
{
    void Start(EventLoop loop)
    {
        loop.CreateFuture<int>();
        loop.CallSoon(() => { });
        Task.Run(() => 1);
        Console.WriteLine(1);
    }
}");

    [Fact]
    public Task EnsureFuture_of_a_new_coroutine_dropped() => Verify.VerifyAsync(Work + @"
class C
{
    void Start()
    {
        [|Asyncio.EnsureFuture(Jobs.WorkAsync())|];
        [|Asyncio.Gather(Jobs.WorkAsync(), Jobs.WorkAsync())|];
    }
}",
        "The task returned by 'Asyncio.EnsureFuture' is dropped; keep a reference (a field, a TaskGroup, or await it) so its failure is observed");

    [Fact]
    public Task Quiet_for_TaskGroup_CreateTask_and_EnsureFuture_of_an_existing_future() => Verify.VerifyAsync(Work + @"
class C
{
    FutureTask Run(Future<int> existing, FutureTask<int> other, List<Future<int>> all)
    {
        Asyncio.EnsureFuture(existing);
        Asyncio.Gather(existing, other);
        Asyncio.Gather(all);
        return TaskGroup.RunAsync(group =>
        {
            group.CreateTask(Jobs.WorkAsync());
            group.CreateTask(() => Jobs.TickAsync());
            return Jobs.TickAsync();
        });
    }
}");

    // ---- fixes ----

    [Fact]
    public Task Fix_keeps_the_task_in_a_local() => Fix.VerifyFixAsync(Work + @"
class C
{
    void Start(EventLoop loop, int _task)
    {
        // start it
        [|loop.CreateTask(Jobs.WorkAsync())|];
    }
}", Work + @"
class C
{
    void Start(EventLoop loop, int _task)
    {
        // start it
        var _task2 = loop.CreateTask(Jobs.WorkAsync());
    }
}");

    [Fact]
    public Task Fix_discards_in_an_expression_lambda() => Fix.VerifyFixAsync(Work + @"
class C
{
    void Start(EventLoop loop)
    {
        loop.CallSoon(() => [|Asyncio.CreateTask(Jobs.TickAsync)|]);
    }
}", Work + @"
class C
{
    void Start(EventLoop loop)
    {
        loop.CallSoon(() => _ = Asyncio.CreateTask(Jobs.TickAsync));
    }
}");

    [Fact]
    public Task Fix_discard_on_a_statement() => Fix.VerifyFixAsync(Work + @"
class C
{
    void Start(EventLoop loop)
    {
        [|loop.CreateTask(Jobs.WorkAsync())|];
    }
}", Work + @"
class C
{
    void Start(EventLoop loop)
    {
        _ = loop.CreateTask(Jobs.WorkAsync());
    }
}", TaskDroppedCodeFix.DiscardKey);

    [Fact]
    public Task Fix_all_numbers_the_locals() => Fix.VerifyFixAllAsync(Work + @"
class C
{
    void Start(EventLoop loop)
    {
        [|loop.CreateTask(Jobs.WorkAsync())|];
        [|loop.CreateTask(Jobs.TickAsync())|];
        [|Jobs.WorkAsync()|];
    }
}", Work + @"
class C
{
    void Start(EventLoop loop)
    {
        var _task = loop.CreateTask(Jobs.WorkAsync());
        var _task2 = loop.CreateTask(Jobs.TickAsync());
        var _task3 = Jobs.WorkAsync();
    }
}", FixAllScope.Document);

    [Fact]
    public Task Fix_all_discards() => Fix.VerifyFixAllAsync(Work + @"
class C
{
    void Start(EventLoop loop)
    {
        [|loop.CreateTask(Jobs.WorkAsync())|];
        loop.CallSoon(() => [|Asyncio.CreateTask(Jobs.TickAsync)|]);
    }
}", Work + @"
class C
{
    void Start(EventLoop loop)
    {
        _ = loop.CreateTask(Jobs.WorkAsync());
        loop.CallSoon(() => _ = Asyncio.CreateTask(Jobs.TickAsync));
    }
}", FixAllScope.Document, TaskDroppedCodeFix.DiscardKey);

    [Fact]
    public Task Fix_awaits_in_a_coroutine() => Fix.VerifyFixAllAsync(Work + @"
#pragma warning disable CS4014
class C
{
    async FutureTask Run(EventLoop loop)
    {
        [|loop.CreateTask(Jobs.WorkAsync())|];
        [|Asyncio.CreateTask(Jobs.TickAsync)|]; // then tick
    }
}", Work + @"
#pragma warning disable CS4014
class C
{
    async FutureTask Run(EventLoop loop)
    {
        await loop.CreateTask(Jobs.WorkAsync());
        await Asyncio.CreateTask(Jobs.TickAsync); // then tick
    }
}", FixAllScope.Document, TaskDroppedCodeFix.AwaitKey);
}
