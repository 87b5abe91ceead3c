using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.BlockingCallInCoroutineAnalyzer>;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.BlockingCallInCoroutineAnalyzer, AsyncioGen.CodeFixes.BlockingCallInCoroutineCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO007Tests
{
    // ---- fires ----

    [Fact]
    public Task Thread_Sleep_in_a_coroutine() => Verify.VerifyAsync(@"
class C
{
    async FutureTask Run()
    {
        [|Thread.Sleep(100)|];
        await Asyncio.Sleep(0);
    }
}",
        "'Thread.Sleep' blocks the event loop thread inside a coroutine; use 'await Asyncio.Sleep(seconds)'");

    [Fact]
    public Task Task_Wait_Result_and_GetResult() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> Run(Task t, Task<int> u, ValueTask<int> v)
    {
        [|t.Wait()|];
        int a = [|u.Result|];
        int b = [|u.GetAwaiter().GetResult()|];
        int c = [|v.Result|];
        [|Task.WaitAll(t, u)|];
        await Asyncio.Sleep(0);
        return a + b + c;
    }
}",
        "'Task.Wait' blocks the event loop thread inside a coroutine; await the task instead",
        "'Task<T>.Result' blocks the event loop thread inside a coroutine; await the task instead");

    [Fact]
    public Task Synchronization_primitives() => Verify.VerifyAsync(@"
class C
{
    readonly SemaphoreSlim _gate = new(1);
    readonly ManualResetEventSlim _ready = new();
    readonly ManualResetEvent _event = new(false);
    async FutureTask Run()
    {
        [|_gate.Wait()|];
        [|_ready.Wait(TimeSpan.FromSeconds(1))|];
        [|_event.WaitOne()|];
        await Asyncio.Sleep(0);
    }
}");

    [Fact]
    public Task Coroutine_lambda_and_local_function() => Verify.VerifyAsync(@"
class C
{
    void M(EventLoop loop, Task t)
    {
        loop.RunUntilComplete(async () => { [|t.Wait()|]; await Asyncio.Sleep(0); });
        async FutureTask<int> Local(Task<int> u) { await Asyncio.Sleep(0); return [|u.Result|]; }
    }
}");

    [Fact]
    public Task Joins_takes_and_process_waits() => Verify.VerifyAsync(@"
class C
{
    async FutureTask Run(Thread worker, System.Collections.Concurrent.BlockingCollection<int> queue, System.Diagnostics.Process p, CountdownEvent done)
    {
        [|worker.Join()|];
        int item = [|queue.Take()|];
        [|p.WaitForExit()|];
        [|done.Wait()|];
        bool quick = worker.Join(0);
        await Asyncio.Sleep(0);
    }
}",
        "'Thread.Join' blocks the event loop thread inside a coroutine; run it off the loop with 'await loop.RunInExecutor(...)' or wait on a Future");

    // ---- quiet ----

    [Fact]
    public Task Quiet_outside_coroutines() => Verify.VerifyAsync(@"
class C
{
    void Sync(Task t, Task<int> u) { t.Wait(); Thread.Sleep(10); _ = u.Result; }
    async Task TaskAsync(Task t) { t.Wait(); await Task.Yield(); }
    int Main(EventLoop loop) => loop.RunUntilComplete(async () => { await Asyncio.Sleep(0); return 1; });
}");

    [Fact]
    public Task Quiet_in_lambdas_run_elsewhere() => Verify.VerifyAsync(@"
class C
{
    async FutureTask Run(EventLoop loop, Task t)
    {
        await Task.Run(() => { Thread.Sleep(100); t.Wait(); });
        await loop.RunInExecutor(() => Thread.Sleep(100));
        Func<int> f = () => { Thread.Sleep(1); return 1; };
    }
}");

    [Fact]
    public Task Quiet_for_results_of_completed_tasks() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> Run(Task<int> a, Task<int> b, List<Task<int>> all)
    {
        await a;
        int x = a.Result;
        int y = b.IsCompleted ? b.Result : 0;
        await Task.WhenAll(all);
        foreach (var t in all) x += t.Result;
        return x + y;
    }
}");

    [Fact]
    public Task Quiet_in_expression_trees_and_locks() => Verify.VerifyAsync(@"
class C
{
    readonly object _gate = new();
    async FutureTask<int> Run(Task<int> t)
    {
        System.Linq.Expressions.Expression<Func<int>> e = () => t.Result;
        lock (_gate) { Console.WriteLine(1); }
        return await Asyncio.Sleep(0, 1);
    }
}");

    [Fact]
    public Task Quiet_for_zero_timeouts_and_nameof() => Verify.VerifyAsync(@"
class C
{
    readonly SemaphoreSlim _gate = new(1);
    async FutureTask<string> Run(Task t)
    {
        bool got = _gate.Wait(0);
        bool done = t.Wait(TimeSpan.Zero);
        Thread.Sleep(0);
        await Asyncio.Sleep(0);
        return nameof(Task<int>.Result);
    }
}");

    // ---- fixes ----

    [Fact]
    public Task Fix_Thread_Sleep_constant() => Fix.VerifyFixAsync(@"
class C
{
    async FutureTask Run()
    {
        [|Thread.Sleep(250)|]; // wait a bit
    }
}", @"
class C
{
    async FutureTask Run()
    {
        await Asyncio.Sleep(0.25); // wait a bit
    }
}");

    [Fact]
    public Task Fix_Thread_Sleep_variable_and_timespan() => Fix.VerifyFixAllAsync(@"
class C
{
    async FutureTask Run(int ms, TimeSpan delay)
    {
        [|Thread.Sleep(ms)|];
        [|Thread.Sleep(delay)|];
        [|Thread.Sleep(ms * 2)|];
        [|Thread.Sleep(1000)|];
    }
}", @"
class C
{
    async FutureTask Run(int ms, TimeSpan delay)
    {
        await Asyncio.Sleep(ms / 1000.0);
        await Asyncio.Sleep(delay);
        await Asyncio.Sleep((ms * 2) / 1000.0);
        await Asyncio.Sleep(1.0);
    }
}", FixAllScope.Document);

    [Fact]
    public Task Fix_result_is_awaited() => Fix.VerifyFixAsync(@"
class C
{
    async FutureTask<string> Run(Task<int> u)
    {
        return [|u.Result|].ToString();
    }
}", @"
class C
{
    async FutureTask<string> Run(Task<int> u)
    {
        return (await u).ToString();
    }
}");

    [Fact]
    public Task Fix_all_waits_in_document() => Fix.VerifyFixAllAsync(@"
class C
{
    async FutureTask<int> Run(Task t, Task<int> u, ValueTask<int> v)
    {
        [|t.Wait()|];
        int a = [|u.GetAwaiter().GetResult()|];
        int b = [|v.Result|] + 1;
        return a + b;
    }
}", @"
class C
{
    async FutureTask<int> Run(Task t, Task<int> u, ValueTask<int> v)
    {
        await t;
        int a = await u;
        int b = await v + 1;
        return a + b;
    }
}", FixAllScope.Document);
}
