using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.NestedFutureAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO021Tests
{
    [Fact]
    public Task Futures_of_futures_declared_or_produced() => Verify.VerifyAsync(@"
class C
{
    Future<Future<int>>? [|_pending|];
    static async FutureTask<int> WorkAsync() { await Asyncio.Sleep(0); return 1; }
    FutureTask<FutureTask<int>> [|Start|](EventLoop loop) => loop.CreateTask(async () => loop.CreateTask(WorkAsync()));
    void M(EventLoop loop)
    {
        var [|f|] = loop.RunInExecutor(() => loop.CreateFuture<int>());
        Consume([|loop.RunInExecutor(() => loop.CreateFuture<int>())|]);
    }
    void Consume(Future f) { }
}", "'_pending' is a future of a future (Future<Future<int>>?): awaiting it once gives the inner future, not its result");

    [Fact]
    public Task Quiet_for_single_futures_and_futures_of_other_things() => Verify.VerifyAsync(@"
class C
{
    Future<List<Future<int>>>? _batches;
    static async FutureTask<int> WorkAsync() { await Asyncio.Sleep(0); return 1; }
    FutureTask<int> Start(EventLoop loop) => loop.CreateTask(WorkAsync());
    async FutureTask<int> Unwrapped(EventLoop loop) => await await loop.CreateTask(async () => loop.CreateTask(WorkAsync()));
    T Generic<T>(Future<T> f) => default!;
}");
}
