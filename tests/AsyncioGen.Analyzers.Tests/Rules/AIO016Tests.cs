using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.BclTaskAwaitedAnalyzer>;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.BclTaskAwaitedAnalyzer, AsyncioGen.CodeFixes.BclTaskAwaitedCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO016Tests
{
    // ---- fires ----

    [Fact]
    public Task Task_Delay_awaited_in_a_coroutine() => Verify.VerifyAsync(@"
class C
{
    async FutureTask Run()
    {
        [|await Task.Delay(100)|];
    }
}",
        "Awaiting 'Task.Delay(100)' inside a FutureTask coroutine: cancelling the task cannot reach it; wrap it with Asyncio.WrapFuture");

    [Fact]
    public Task Task_of_T_and_value_tasks() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> Run(Task<int> t, ValueTask<int> v, ValueTask w)
    {
        int a = [|await t|];
        int b = [|await v|];
        [|await w|];
        return a + b;
    }
}",
        "Awaiting 't' inside a FutureTask coroutine: cancelling the task cannot reach it; wrap it with Asyncio.WrapFuture");

    [Fact]
    public Task BCL_async_api_in_an_async_lambda_coroutine() => Verify.VerifyAsync(@"
class C
{
    void M(EventLoop loop, System.IO.Stream s, byte[] buffer)
    {
        loop.RunUntilComplete(async () => [|await s.ReadAsync(buffer, 0, buffer.Length)|]);
    }
}");

    [Fact]
    public Task Local_function_coroutine() => Verify.VerifyAsync(@"
class C
{
    void M(Func<Task> work)
    {
        async FutureTask Local() { [|await work()|]; }
    }
}");

    // ---- quiet ----

    [Fact]
    public Task Quiet_for_asyncio_awaitables() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> Run(Future<int> f, FutureTask<int> t, FutureAwaitable<int> view)
    {
        await Asyncio.Sleep(0.1);
        int a = await f;
        int b = await t;
        int c = await view;
        return a + b + c;
    }
}");

    [Fact]
    public Task Quiet_outside_coroutines() => Verify.VerifyAsync(@"
class C
{
    async Task Run() { await Task.Delay(1); }
    async ValueTask<int> Run2(Task<int> t) => await t;
    void M(EventLoop loop) { Func<Task> f = async () => await Task.Delay(1); }
}");

    [Fact]
    public Task Quiet_for_completed_tasks() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> Run()
    {
        await Task.CompletedTask;
        await ValueTask.CompletedTask;
        return await Task.FromResult(1);
    }
}");

    [Fact]
    public Task Quiet_for_yield_and_configured_awaitables_and_nested_lambdas() => Verify.VerifyAsync(@"
class C
{
    async FutureTask Run(Task t)
    {
        await Task.Yield();
        await t.ConfigureAwait(true);
        Func<Task> inner = async () => await Task.Delay(1);
        await Asyncio.Sleep(0);
    }
}");

    // ---- fixes ----

    [Fact]
    public Task Fix_wraps_the_task() => Fix.VerifyFixAsync(@"
class C
{
    async FutureTask<int> Run(Task<int> t)
    {
        return [|await t|] + 1;
    }
}", @"
class C
{
    async FutureTask<int> Run(Task<int> t)
    {
        return await Asyncio.WrapFuture(t) + 1;
    }
}");

    [Fact]
    public Task Fix_wraps_a_call() => Fix.VerifyFixAsync(@"
class C
{
    async FutureTask Run()
    {
        [|await Task.Delay(100)|]; // pause
    }
}", @"
class C
{
    async FutureTask Run()
    {
        await Asyncio.WrapFuture(Task.Delay(100)); // pause
    }
}");

    [Fact]
    public Task Fix_all_in_document() => Fix.VerifyFixAllAsync(@"
class C
{
    async FutureTask<int> Run(Task<int> t, ValueTask<int> v, Task u)
    {
        [|await u|];
        int a = [|await t|];
        return a + [|await v|];
    }
}", @"
class C
{
    async FutureTask<int> Run(Task<int> t, ValueTask<int> v, Task u)
    {
        await Asyncio.WrapFuture(u);
        int a = await Asyncio.WrapFuture(t);
        return a + await Asyncio.WrapFuture(v);
    }
}", FixAllScope.Document);
}
