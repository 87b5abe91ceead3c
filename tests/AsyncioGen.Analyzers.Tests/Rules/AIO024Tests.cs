using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.BusyWaitWithSleepAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO024Tests
{
    // ---- fires ----

    [Fact]
    public Task Sleep_only_loop_on_a_flag() => Verify.VerifyAsync("""
        class C
        {
            bool _done;
            async FutureTask M()
            {
                [|while (!_done)|]
                    await Asyncio.Sleep(0.1);
            }
        }
        """,
        "This loop polls '!_done' with Asyncio.Sleep; wait on an Event that the code changing the condition sets");

    [Fact]
    public Task Block_with_only_a_sleep_and_other_overloads() => Verify.VerifyAsync("""
        class C
        {
            Queue<int>? _items;
            async FutureTask<int> M(Future f)
            {
                [|while (_items is null || _items.Count == 0)|]
                {
                    await Asyncio.Sleep(0);
                }
                [|while (!f.IsDone)|]
                {
                    {
                        await Asyncio.Sleep(TimeSpan.FromMilliseconds(5));
                    }
                }
                return _items.Count;
            }
        }
        """.Replace("Queue<int>", "System.Collections.Generic.Queue<int>"));

    [Fact]
    public Task In_an_async_lambda_and_with_a_sleep_result() => Verify.VerifyAsync("""
        class C
        {
            volatile int _state;
            void M(EventLoop loop)
            {
                loop.RunUntilComplete(async () =>
                {
                    [|while (_state != 3)|] await Asyncio.Sleep(1, "unused");
                    return 1;
                });
            }
        }
        """);

    // ---- stays quiet ----

    [Fact]
    public Task Quiet_when_the_loop_does_work() => Verify.VerifyAsync("""
        class C
        {
            bool _done;
            int _ticks;
            async FutureTask M()
            {
                while (!_done)
                {
                    _ticks++;
                    await Asyncio.Sleep(0.1);
                }
            }
        }
        """);

    [Fact]
    public Task Quiet_for_a_ticker_a_do_while_and_an_event() => Verify.VerifyAsync("""
        class C
        {
            bool _done;
            async FutureTask M(AsyncioGen.Event ready)
            {
                do
                {
                    await Asyncio.Sleep(0.1);
                }
                while (!_done);
                await ready.WaitAsync();
                while (true)
                {
                    await Asyncio.Sleep(1);
                }
            }
        }
        """);

    [Fact]
    public Task Quiet_for_other_sleeps() => Verify.VerifyAsync("""
        static class Clock
        {
            public static Task Sleep(double seconds) => Task.Delay(TimeSpan.FromSeconds(seconds));
        }
        class C
        {
            bool _done;
            async Task M()
            {
                while (!_done)
                    await Clock.Sleep(0.1);
                while (!_done)
                    await Task.Delay(100);
            }
        }
        """);
}
