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
