using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.AsyncVoidAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO020Tests
{
    [Fact]
    public Task Async_void_methods_and_local_functions_that_use_futures_or_the_loop() => Verify.VerifyAsync(@"
class C
{
    async void [|OnClick|](object sender, EventArgs e) => await Asyncio.Sleep(0.1);
    async void [|Complete|](Future<int> f) { await Task.Yield(); f.SetResult(1); }
    void M(EventLoop loop)
    {
        async void [|Schedule|]() { await Task.Yield(); loop.CallSoon(() => { }); }
        Schedule();
    }
}", "async void 'OnClick' uses an await of 'SleepAwaitable'; nothing can await or cancel it and its exceptions escape the loop's handler: return FutureTask instead");

    [Fact]
    public Task Quiet_for_tasks_and_async_void_that_touches_nothing_of_AsyncioGen() => Verify.VerifyAsync(@"
class C
{
    async void Log() { await Task.Delay(1); Console.WriteLine(); }
    async FutureTask Run(Future<int> f) { await f; }
    async void OnlyInALambda(EventLoop loop) { await Task.Yield(); Action later = () => loop.CallSoon(() => { }); later(); }
}");
}

public class AIO020RecallTests
{
    private const string Ui = @"
class Button { public event EventHandler? Click; public void Raise() => Click?.Invoke(this, EventArgs.Empty); }
abstract class Page { protected abstract void OnLoaded(); }
static class Work { public static async FutureTask<int> FetchAsync() { await Asyncio.Sleep(0); return 1; } }
";

    // Decision: event handlers and overrides are reported. Their signature must stay void, but the body belongs in a
    // coroutine that a synchronous handler starts as a task (the rule's documentation shows the handler form).
    [Fact]
    public Task Event_handlers_and_overrides() => Verify.VerifyAsync(Ui + @"
class View : Page
{
    readonly EventLoop _loop;
    View(EventLoop loop, Button button) { _loop = loop; button.Click += OnClick; }
    async void [|OnClick|](object? sender, EventArgs e) { int n = await Work.FetchAsync(); Console.WriteLine(n); }
    protected override async void [|OnLoaded|]() { await Task.Yield(); _loop.CreateTask(Work.FetchAsync()); }
}", "async void 'OnClick' uses an await of 'FutureTask'; nothing can await or cancel it and its exceptions escape the loop's handler: return FutureTask instead");

    [Fact]
    public Task Async_void_lambdas_that_use_futures() => Verify.VerifyAsync(Ui + @"
class View
{
    View(Button button, Future<int> f, List<int> items)
    {
        button.Click += [|async|] (sender, e) => await Work.FetchAsync();
        Action later = [|async|] () => { await Task.Yield(); f.SetResult(1); };
        items.ForEach([|async|] item => await Asyncio.Sleep(item));
        EventHandler anonymous = [|async|] delegate (object? s, EventArgs e) { await f; };
        _ = later; _ = anonymous;
    }
}", "async void 'lambda' uses an await of 'FutureTask'; nothing can await or cancel it and its exceptions escape the loop's handler: return FutureTask instead");

    [Fact]
    public Task Quiet_for_thread_safe_hand_offs_loop_callbacks_and_coroutine_lambdas() => Verify.VerifyAsync(Ui + @"
class View
{
    View(Button button, EventLoop loop, Future<int> f)
    {
        // A UI handler that is not on the loop hands work to it: that is what the thread-safe entries are for.
        button.Click += async (sender, e) =>
        {
            int n = await Asyncio.RunCoroutineThreadsafe(() => Work.FetchAsync(), loop);
            loop.CallSoonThreadsafe(() => Console.WriteLine(n));
        };
        // An async lambda as a loop callback is AIO013's.
        loop.CallSoon(async () => await Asyncio.Sleep(0));
        Func<FutureTask> coroutine = async () => await f;
        Func<Task> task = async () => await Task.Delay(1);
        _ = coroutine; _ = task;
    }
    async void OnClick(object? sender, EventArgs e) => await Asyncio.RunCoroutineThreadsafe(() => Work.FetchAsync(), Loop!);
    static EventLoop? Loop;
}");
}
