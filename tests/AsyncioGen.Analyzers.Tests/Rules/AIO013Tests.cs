using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.AsyncLambdaAsCallbackAnalyzer>;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.AsyncLambdaAsCallbackAnalyzer, AsyncioGen.CodeFixes.AsyncLambdaAsCallbackCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO013Tests
{
    private const string Notify = @"
static class Api
{
    public static async FutureTask NotifyAsync() { await Asyncio.Sleep(0); }
    public static async FutureTask<int> CountAsync() { await Asyncio.Sleep(0); return 1; }
}
";

    // ---- fires ----

    [Fact]
    public Task Async_lambda_to_CallSoon() => Verify.VerifyAsync(Notify + @"
class C
{
    void M(EventLoop loop) => loop.CallSoon([|async|] () => await Api.NotifyAsync());
}",
        "An async lambda passed to 'CallSoon' becomes async void: its exceptions escape the loop's handler and nothing awaits it; start a task from a synchronous lambda instead");

    [Fact]
    public Task Async_lambda_to_AddDoneCallback_and_state_overloads() => Verify.VerifyAsync(Notify + @"
class C
{
    void M(EventLoop loop, Future<int> f)
    {
        f.AddDoneCallback([|async|] d => { await Api.NotifyAsync(); Console.WriteLine(d); });
        loop.CallSoon([|async|] s => await Api.CountAsync(), 42);
    }
}",
        "An async lambda passed to 'AddDoneCallback' becomes async void: its exceptions escape the loop's handler and nothing awaits it; start a task from a synchronous lambda instead");

    [Fact]
    public Task Async_lambda_to_timers_and_threadsafe() => Verify.VerifyAsync(Notify + @"
class C
{
    void M(EventLoop loop)
    {
        loop.CallLater(1.0, [|async|] () => await Api.NotifyAsync());
        loop.CallAt(loop.Time(), [|async|] delegate { await Api.NotifyAsync(); });
        loop.CallSoonThreadsafe([|async|] () => { await Api.NotifyAsync(); });
    }
}");

    [Fact]
    public Task Async_void_method_group() => Verify.VerifyAsync(Notify + @"
class C
{
    async void OnTick() => await Api.NotifyAsync();
    void M(EventLoop loop) => loop.CallSoon([|OnTick|]);
}");

    // ---- quiet ----

    [Fact]
    public Task Quiet_for_sync_lambdas_that_start_a_task() => Verify.VerifyAsync(Notify + @"
class C
{
    readonly List<FutureTask> _background = new();
    void M(EventLoop loop)
    {
        loop.CallSoon(() => _background.Add(loop.CreateTask(Api.NotifyAsync())));
        loop.CallSoon(static () => Console.WriteLine(""tick""));
    }
}");

    [Fact]
    public Task Quiet_for_coroutine_taking_apis() => Verify.VerifyAsync(Notify + @"
class C
{
    void M(EventLoop loop)
    {
        var t = loop.CreateTask(async () => await Api.NotifyAsync());
        loop.RunUntilComplete(async () => await Api.CountAsync());
        Task.Run(async () => await Task.Delay(1));
    }
}");

    [Fact]
    public Task Quiet_for_async_lambdas_to_other_void_delegates() => Verify.VerifyAsync(Notify + @"
class C
{
    void Register(Action a) { }
    void M()
    {
        Register(async () => await Api.NotifyAsync());
        Action b = async () => await Api.NotifyAsync();
    }
}");

    [Fact]
    public Task Quiet_for_non_async_method_groups() => Verify.VerifyAsync(Notify + @"
class C
{
    void Tick() { }
    static void OnDone(Future f) { }
    void M(EventLoop loop, Future f)
    {
        loop.CallSoon(Tick);
        f.AddDoneCallback(OnDone);
    }
}");

    // ---- fixes ----

    [Fact]
    public Task Fix_expression_lambda() => Fix.VerifyFixAsync(Notify + @"
class C
{
    void M(EventLoop loop) => loop.CallSoon([|async|] () => await Api.NotifyAsync());
}", Notify + @"
class C
{
    void M(EventLoop loop) => loop.CallSoon(() => _ = Asyncio.CreateTask(async () => await Api.NotifyAsync()));
}");

    [Fact]
    public Task Fix_block_lambda_with_a_parameter() => Fix.VerifyFixAsync(Notify + @"
class C
{
    void M(Future<int> f)
    {
        f.AddDoneCallback([|async|] d =>
        {
            await Api.NotifyAsync();
            Console.WriteLine(d);
        });
    }
}", Notify + @"
class C
{
    void M(Future<int> f)
    {
        f.AddDoneCallback(d => _ = Asyncio.CreateTask(async () =>
        {
            await Api.NotifyAsync();
            Console.WriteLine(d);
        }));
    }
}");

    [Fact]
    public Task Fix_all_in_document() => Fix.VerifyFixAllAsync(Notify + @"
class C
{
    void M(EventLoop loop)
    {
        loop.CallLater(1.0, [|async|] () => await Api.NotifyAsync());
        loop.CallSoon([|async|] (int n) => await Api.CountAsync(), 3);
        loop.CallAt(loop.Time(), [|async|] delegate { await Api.NotifyAsync(); });
    }
}", Notify + @"
class C
{
    void M(EventLoop loop)
    {
        loop.CallLater(1.0, () => _ = Asyncio.CreateTask(async () => await Api.NotifyAsync()));
        loop.CallSoon((int n) => _ = Asyncio.CreateTask(async () => await Api.CountAsync()), 3);
        loop.CallAt(loop.Time(), delegate { _ = Asyncio.CreateTask(async () => { await Api.NotifyAsync(); }); });
    }
}", FixAllScope.Document);
}
