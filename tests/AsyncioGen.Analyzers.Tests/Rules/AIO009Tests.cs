using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.FutureOfOtherLoopAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO009Tests
{
    private const string Fetch = "static async FutureTask<int> FetchAsync() { await Asyncio.Sleep(0); return 1; }\n";

    // ---- fires ----

    [Fact]
    public Task RunUntilComplete_of_another_loops_future() => Verify.VerifyAsync("""
        class C
        {
            void M()
            {
                var a = new EventLoop();
                var b = new EventLoop();
                var f = a.CreateFuture<int>();
                b.RunUntilComplete([|f|]);
            }
        }
        """,
        "'f' is bound to loop 'a' but is awaited on loop 'b'; a future can only be awaited by code running on its own loop");

    [Fact]
    public Task Await_in_a_coroutine_that_created_the_loop() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask<int> M()
            {
                var other = new EventLoop();
                var f = other.CreateFuture<int>();
                return await [|f|];
            }
        }
        """,
        "'f' is bound to loop 'other' but is awaited on the loop that runs this coroutine; a future can only be awaited by code running on its own loop");

    [Fact]
    public Task Await_in_a_local_function_run_by_another_loop() => Verify.VerifyAsync("class C {\n" + Fetch + """
            void M()
            {
                var worker = new EventLoop();
                var main = new EventLoop();
                var t = worker.CreateTask(FetchAsync());
                async FutureTask<int> Consume() => await [|t|];
                main.RunUntilComplete(Consume);
            }
        }
        """);

    [Fact]
    public Task Await_in_a_lambda_run_by_another_loop() => Verify.VerifyAsync("""
        class C
        {
            static int Load() => 1;
            void M()
            {
                var a = new EventLoop();
                var b = new EventLoop();
                var f = a.RunInExecutor(() => Load());
                b.RunUntilComplete(async () => await [|f|]);
            }
        }
        """);

    // ---- quiet ----

    [Fact]
    public Task Same_loop() => Verify.VerifyAsync("""
        class C
        {
            void M()
            {
                var loop = new EventLoop();
                var f = loop.CreateFuture<int>();
                loop.CallLater(1.0, () => f.SetResult(1));
                loop.RunUntilComplete(f);
                loop.RunUntilComplete(async () => await f);
            }
        }
        """);

    [Fact]
    public Task Each_loop_sees_its_own_futures() => Verify.VerifyAsync("class C {\n" + Fetch + """
            void M()
            {
                var a = new EventLoop();
                var b = new EventLoop();
                a.RunUntilComplete(a.CreateTask(FetchAsync()));
                var g = b.CreateTask(FetchAsync());
                b.RunUntilComplete(g);
            }
        }
        """);

    [Fact]
    public Task Loops_that_cannot_be_proven_distinct() => Verify.VerifyAsync("""
        class C
        {
            private EventLoop _loop = new();
            void M(EventLoop p, bool x)
            {
                var a = x ? p : new EventLoop();
                var f = a.CreateFuture<int>();
                _loop.RunUntilComplete(f);
                var g = p.CreateFuture<int>();
                var b = new EventLoop();
                b.RunUntilComplete(g);
            }
        }
        """);

    [Fact]
    public Task Coroutine_awaiting_a_loop_it_did_not_create() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask<int> M(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                var g = Asyncio.GetRunningLoop().CreateFuture<int>();
                f.SetResult(1);
                g.SetResult(2);
                return await f + await g;
            }
        }
        """);

    [Fact]
    public Task Reassigned_future_is_not_tracked() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> other)
            {
                var a = new EventLoop();
                var b = new EventLoop();
                var f = a.CreateFuture<int>();
                f = other;
                b.RunUntilComplete(f);
            }
        }
        """);
}
