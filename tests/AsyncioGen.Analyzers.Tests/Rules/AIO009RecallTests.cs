using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.FutureOfOtherLoopAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>
/// Issue 14 §1 recall for AIO009: futures made for one loop by WrapFuture/EnsureFuture/new Future(loop),
/// held in a local or written at the await, awaited by code another loop runs.
/// </summary>
public class AIO009RecallTests
{
    [Fact]
    public Task WrapFuture_for_one_loop_awaited_under_another() => Verify.VerifyAsync("""
        class C
        {
            void M(Task<int> download)
            {
                var a = new EventLoop();
                var b = new EventLoop();
                var wrapped = Asyncio.WrapFuture(download, a);
                b.RunUntilComplete(async () => await [|wrapped|]);
            }
        }
        """,
        "'wrapped' is bound to loop 'a' but is awaited on loop 'b'; a future can only be awaited by code running on its own loop");

    [Fact]
    public Task New_future_for_one_loop_awaited_under_another() => Verify.VerifyAsync("""
        class C
        {
            void M()
            {
                var a = new EventLoop();
                var b = new EventLoop();
                var typed = new Future<int>(a);
                var plain = new Future(loop: a);
                async FutureTask<int> Consume() { await [|plain|]; return await [|typed|]; }
                b.RunUntilComplete(Consume);
            }
        }
        """);

    [Fact]
    public Task Future_made_at_the_await_for_another_loop() => Verify.VerifyAsync("""
        class C
        {
            static async FutureTask<int> FetchAsync() { await Asyncio.Sleep(0); return 1; }
            void M(Task<int> download)
            {
                var a = new EventLoop();
                var b = new EventLoop();
                b.RunUntilComplete(async () => await [|Asyncio.WrapFuture(download, a)|]);
                b.RunUntilComplete(async () => await [|a.CreateTask(FetchAsync())|]);
                b.RunUntilComplete([|a.CreateFuture<int>()|]);
            }
        }
        """,
        "'Asyncio.WrapFuture(download, a)' is bound to loop 'a' but is awaited on loop 'b'; a future can only be awaited by code running on its own loop");

    [Fact]
    public Task Coroutine_awaiting_a_wrapped_future_of_a_loop_it_created() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask<int> M(Task<int> download)
            {
                var side = new EventLoop();
                var f = Asyncio.EnsureFuture(side.CreateFuture<int>(), side);
                return await [|Asyncio.WrapFuture(download, side)|] + await [|f|];
            }
        }
        """);

    // ---- near misses: quiet ----

    [Fact]
    public Task Quiet_when_the_loop_is_the_same_or_not_provably_other() => Verify.VerifyAsync("""
        class C
        {
            void M(Task<int> download, EventLoop given)
            {
                var a = new EventLoop();
                var b = new EventLoop();
                var mine = Asyncio.WrapFuture(download, a);
                a.RunUntilComplete(async () => await mine);
                a.RunUntilComplete(async () => await new Future<int>(a));
                var unbound = Asyncio.WrapFuture(download);
                b.RunUntilComplete(async () => await unbound);
                var viaParameter = new Future<int>(given);
                b.RunUntilComplete(async () => await viaParameter);
                b.RunUntilComplete(async () => await Asyncio.WrapFuture(download, b));
                var either = download.IsCompleted ? Asyncio.WrapFuture(download, a) : Asyncio.WrapFuture(download, b);
                b.RunUntilComplete(async () => await either);
            }
        }
        """);
}
