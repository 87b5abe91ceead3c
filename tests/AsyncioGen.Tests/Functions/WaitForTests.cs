using System;
using System.Collections.Generic;
using AsyncioGen;
using static AsyncioGen.Tests.Functions.VirtualLoop;

namespace AsyncioGen.Tests.Functions;

public class WaitForTests
{
    [Fact]
    public void Returns_the_result_when_the_inner_finishes_in_time()
    {
        Run(async loop =>
        {
            Assert.Equal(7, await Asyncio.WaitFor(After(2, 7), 5));
            Assert.Equal(2, loop.Time(), 6);
        });
    }

    [Fact]
    public void A_timeout_cancels_the_inner_and_raises_TimeoutException_from_the_CancelledError()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            FutureTask<int> inner = Sleeper(3600, log, "inner");
            var error = await Throws<TimeoutException>(Asyncio.WaitFor(inner, 30));
            Assert.Equal(30, loop.Time(), 6);
            Assert.IsType<CancelledError>(error.InnerException);
            Assert.True(inner.IsCancelled);
        });
        Assert.Equal(new[] { "inner cancelled" }, log);
    }

    [Fact]
    public void TimeoutException_comes_only_after_the_inner_has_finished_cancelling()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            await Throws<TimeoutException>(Asyncio.WaitFor(SlowToCancel(log), 1));
            log.Add("timeout at " + loop.Time());
        });
        Assert.Equal(new[] { "cleanup started", "cleanup finished", "timeout at 3" }, log);

        static async FutureTask<int> SlowToCancel(List<string> log)
        {
            try
            {
                await Asyncio.Sleep(100);
                return 0;
            }
            catch (CancelledError)
            {
                log.Add("cleanup started");
                await Asyncio.Sleep(2);
                log.Add("cleanup finished");
                throw;
            }
        }
    }

    [Fact]
    public void An_inner_that_refuses_cancellation_gives_its_result()
    {
        int result = Run(async loop => await Asyncio.WaitFor(Stubborn(), 1));
        Assert.Equal(99, result);

        static async FutureTask<int> Stubborn()
        {
            try
            {
                await Asyncio.Sleep(10);
            }
            catch (CancelledError)
            {
            }
            return 99;
        }
    }

    [Fact]
    public void The_inner_exception_propagates_as_is()
    {
        var boom = new FormatException("boom");
        Run(async loop =>
        {
            Assert.Same(boom, await Throws<FormatException>(Asyncio.WaitFor(FailAfter<int>(1, boom), 5)));
        });
    }

    [Fact]
    public void Cancelling_the_outer_task_cancels_the_inner_and_raises_CancelledError()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            FutureTask<int> inner = Sleeper(100, log, "inner");
            FutureTask<int> outer = Waits(inner, 50);
            await Asyncio.Sleep(1);
            outer.Cancel("stop");
            await Throws<CancelledError>(outer);
            Assert.True(outer.IsCancelled);
            Assert.True(inner.IsCancelled);
            Assert.Equal(1, loop.Time(), 6);
        });
        Assert.Equal(new[] { "inner cancelled" }, log);

        static async FutureTask<int> Waits(Future<int> inner, double timeout) => await Asyncio.WaitFor(inner, timeout);
    }

    [Fact]
    public void Cancellation_from_outside_at_the_deadline_stays_a_CancelledError()
    {
        Run(async loop =>
        {
            FutureTask<int> outer = Waits(After(100, 1));
            // Registered before WaitFor's own timer, so both cancellations land in the same iteration.
            loop.CallLater(5, () => outer.Cancel());
            await Throws<CancelledError>(outer);
            Assert.Equal(5, loop.Time(), 6);
        });

        static async FutureTask<int> Waits(Future<int> inner) => await Asyncio.WaitFor(inner, 5);
    }

    [Fact]
    public void A_null_timeout_waits_without_limit()
    {
        Run(async loop =>
        {
            Assert.Equal(1, await Asyncio.WaitFor(After(100000, 1), null));
            Assert.Equal(100000, loop.Time(), 3);
        });
    }

    [Fact]
    public void Zero_timeout_returns_the_result_of_a_done_future()
    {
        Run(async loop =>
        {
            Future<int> done = loop.CreateFuture<int>();
            done.SetResult(3);
            Assert.Equal(3, await Asyncio.WaitFor(done, 0));
        });
    }

    [Fact]
    public void Zero_timeout_raises_the_exception_of_a_failed_future()
    {
        Run(async loop =>
        {
            Future<int> failed = loop.CreateFuture<int>();
            failed.SetException(new InvalidOperationException("f"));
            await Throws<InvalidOperationException>(Asyncio.WaitFor(failed, 0));
        });
    }

    [Fact]
    public void Zero_timeout_cancels_a_pending_future_and_raises_TimeoutException()
    {
        Run(async loop =>
        {
            Future<int> pending = loop.CreateFuture<int>();
            var error = await Throws<TimeoutException>(Asyncio.WaitFor(pending, 0));
            Assert.True(pending.IsCancelled);
            Assert.IsType<CancelledError>(error.InnerException);
            Assert.Equal(0, loop.Time());
        });
    }

    [Fact]
    public void Negative_timeout_behaves_as_zero_and_waits_for_the_cancellation_to_finish()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            FutureTask<int> inner = Sleeper(10, log, "inner");
            await Asyncio.Sleep(0); // let it start
            await Throws<TimeoutException>(Asyncio.WaitFor(inner, -1));
            Assert.True(inner.IsCancelled);
        });
        Assert.Equal(new[] { "inner cancelled" }, log);
    }

    [Fact]
    public void Race_the_timeout_fires_as_the_inner_completes_and_nothing_is_left_running()
    {
        Run(async loop =>
        {
            // The inner's sleep and the timeout are due at the same instant; the sleep's timer was armed first.
            FutureTask<int> inner = After(5, 1);
            var error = await Throws<TimeoutException>(Asyncio.WaitFor(inner, 5));
            Assert.True(inner.IsCancelled); // the cancel request reached it before it could return
            Assert.IsType<CancelledError>(error.InnerException);
            Assert.Equal(5, loop.Time(), 6);
        });
    }

    [Fact]
    public void Race_an_inner_done_one_iteration_before_the_deadline_gives_its_result()
    {
        Run(async loop =>
        {
            Future<int> inner = loop.CreateFuture<int>();
            FutureTask<int> wait = Asyncio.WaitFor(inner, 5);
            loop.CallLater(4.999999, () => inner.SetResult(8));
            Assert.Equal(8, await wait);
        });
    }

    [Fact]
    public void A_result_less_future_can_be_waited_for()
    {
        Run(async loop =>
        {
            Future plain = loop.CreateFuture();
            loop.CallLater(1, () => plain.SetResult());
            await Asyncio.WaitFor(plain, 2);
            Future never = loop.CreateFuture();
            await Throws<TimeoutException>(Asyncio.WaitFor(never, 2));
            Assert.True(never.IsCancelled);
        });
    }

    [Fact]
    public void The_timeout_message_is_the_BCL_one()
    {
        Run(async loop =>
        {
            var error = await Throws<TimeoutException>(Asyncio.WaitFor(loop.CreateFuture<int>(), 1));
            Assert.Equal("The operation has timed out.", error.Message);
        });
    }

    [Fact]
    public void Works_when_created_before_any_loop_runs()
    {
        using var loop = new Testing.TestEventLoop();
        FutureTask<int> wait = Asyncio.WaitFor(After(100, 1), 30);
        var error = Assert.Throws<TimeoutException>(() => loop.RunUntilComplete(wait));
        Assert.IsType<CancelledError>(error.InnerException);
        Assert.Equal(30, loop.Time(), 6);
    }
}
