using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.RunLoopFromLoopAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO014Tests
{
    private const string Inner = "static async FutureTask<int> InnerAsync() { await Asyncio.Sleep(0); return 1; }\n";

    // ---- fires ----

    [Fact]
    public Task RunUntilComplete_in_a_coroutine() => Verify.VerifyAsync("class C {\n" + Inner + """
            async FutureTask<int> Outer(EventLoop loop)
            {
                await Asyncio.Sleep(0);
                return [|loop.RunUntilComplete(InnerAsync)|];
            }
        }
        """,
        "'EventLoop.RunUntilComplete' is called from a coroutine or loop callback; the loop is already running, so this always throws");

    [Fact]
    public Task Asyncio_Run_in_a_coroutine() => Verify.VerifyAsync("class C {\n" + Inner + """
            async FutureTask Outer()
            {
                await Asyncio.Sleep(0);
                [|Asyncio.Run(InnerAsync())|];
            }
        }
        """,
        "'Asyncio.Run' is called from a coroutine or loop callback; the loop is already running, so this always throws");

    [Fact]
    public Task In_loop_callbacks() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop, Future<int> f)
            {
                loop.CallSoon(() => [|loop.RunUntilComplete(f)|]);
                loop.CallLater(1.0, () => [|loop.RunForever()|]);
                f.AddDoneCallback(_ => [|loop.RunForever()|]);
            }
        }
        """);

    [Fact]
    public Task In_an_async_lambda_coroutine_and_a_local_function() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop, EventLoop other)
            {
                loop.RunUntilComplete(async () =>
                {
                    await Asyncio.Sleep(0);
                    [|other.RunForever()|];
                    return 1;
                });
                async FutureTask Local()
                {
                    await Asyncio.Sleep(0);
                    [|other.RunForever()|];
                }
                loop.RunUntilComplete(Local);
            }
        }
        """);

    // ---- quiet ----

    [Fact]
    public Task Synchronous_entry_point() => Verify.VerifyAsync("class C {\n" + Inner + """
            static int Main()
            {
                var loop = new EventLoop();
                return loop.RunUntilComplete(InnerAsync);
            }
            static int Main2() => Asyncio.Run(InnerAsync);
        }
        """);

    [Fact]
    public Task Awaiting_instead() => Verify.VerifyAsync("class C {\n" + Inner + """
            async FutureTask<int> Outer() => await InnerAsync();
        }
        """);

    [Fact]
    public Task A_new_thread_with_its_own_loop() => Verify.VerifyAsync("class C {\n" + Inner + """
            async FutureTask Outer()
            {
                await Asyncio.Sleep(0);
                var thread = new Thread(() => new EventLoop().RunUntilComplete(InnerAsync));
                thread.Start();
                await Task.Run(() => Asyncio.Run(InnerAsync));
            }
        }
        """);

    [Fact]
    public Task Async_Task_method_and_sync_lambda_stored_for_later() => Verify.VerifyAsync("class C {\n" + Inner + """
            async Task<int> NotACoroutine(EventLoop loop)
            {
                await Task.Yield();
                return loop.RunUntilComplete(InnerAsync);
            }
            Func<int> Later(EventLoop loop) => () => loop.RunUntilComplete(InnerAsync);
        }
        """);
}
