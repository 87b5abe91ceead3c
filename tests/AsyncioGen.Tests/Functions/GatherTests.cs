using System;
using System.Collections.Generic;
using AsyncioGen;
using AsyncioGen.Testing;
using static AsyncioGen.Tests.Functions.VirtualLoop;

namespace AsyncioGen.Tests.Functions;

public class GatherTests
{
    [Fact]
    public void Results_come_in_argument_order_not_completion_order()
    {
        int[] results = Run(async loop => await Asyncio.Gather(After(3, 1), After(1, 2), After(2, 3)));
        Assert.Equal(new[] { 1, 2, 3 }, results);
    }

    [Fact]
    public void Gather_takes_as_long_as_the_slowest_child()
    {
        double elapsed = Run(async loop =>
        {
            double start = loop.Time();
            await Asyncio.Gather(After(5, 0), After(30, 0), After(1, 0));
            return loop.Time() - start;
        });
        Assert.Equal(30, elapsed, 6);
    }

    [Fact]
    public void Mixed_result_types_are_boxed_in_order()
    {
        object?[] results = Run(async loop => await Asyncio.Gather(After(2, 1), After(1, "two"), After(0.5, 3.0)));
        Assert.Equal(new object?[] { 1, "two", 3.0 }, results);
    }

    [Fact]
    public void A_result_less_child_contributes_null()
    {
        object?[] results = Run(async loop =>
        {
            Future plain = loop.CreateFuture();
            loop.CallLater(1, () => plain.SetResult());
            return await Asyncio.Gather(plain, After(1, 7));
        });
        Assert.Equal(new object?[] { null, 7 }, results);
    }

    [Fact]
    public void Gather_of_nothing_is_done_at_once_with_an_empty_array()
    {
        Run(async loop =>
        {
            Future<object?[]> mixed = Asyncio.Gather();
            Future<int[]> typed = Asyncio.Gather<int>();
            Assert.True(mixed.IsDone);
            Assert.True(typed.IsDone);
            Assert.Empty(await mixed);
            Assert.Empty(await typed);
        });
    }

    [Fact]
    public void Gather_of_done_futures_is_done_at_once()
    {
        Run(async loop =>
        {
            Future<int> a = loop.CreateFuture<int>();
            Future<int> b = loop.CreateFuture<int>();
            a.SetResult(1);
            b.SetResult(2);
            Future<int[]> gather = Asyncio.Gather(a, b);
            Assert.True(gather.IsDone); // asyncio runs the done callback of already-done children synchronously
            Assert.Equal(new[] { 1, 2 }, await gather);
        });
    }

    [Fact]
    public void The_first_exception_propagates_and_the_other_children_keep_running()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            FutureTask<int> slow = Sleeper(5, log, "slow");
            var error = await Throws<InvalidOperationException>(Asyncio.Gather(slow, FailAfter<int>(1, new InvalidOperationException("boom"))));
            Assert.Equal("boom", error.Message);
            Assert.False(slow.IsDone);
            Assert.Equal(5, await slow);
        });
        Assert.Equal(new[] { "slow done" }, log);
    }

    [Fact]
    public void The_exception_is_the_same_instance_the_child_raised()
    {
        var boom = new ArgumentException("bad");
        Exception? seen = Run(async loop =>
        {
            try
            {
                await Asyncio.Gather(FailAfter<int>(1, boom), After(2, 0));
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
        });
        Assert.Same(boom, seen);
    }

    [Fact]
    public void With_returnExceptions_exceptions_take_their_place_among_the_results()
    {
        var boom = new InvalidOperationException("boom");
        object?[] results = Run(async loop => await Asyncio.Gather(true, After(2, 1), FailAfter<int>(1, boom), After(3, "c")));
        Assert.Equal(1, results[0]);
        Assert.Same(boom, results[1]);
        Assert.Equal("c", results[2]);
    }

    [Fact]
    public void A_child_cancelled_on_its_own_makes_the_gather_raise_CancelledError()
    {
        Run(async loop =>
        {
            Future<int> a = loop.CreateFuture<int>();
            Future<int> b = loop.CreateFuture<int>();
            Future<int[]> gather = Asyncio.Gather(a, b);
            b.Cancel("child went away");
            await Yield();
            Assert.True(gather.IsDone);
            Assert.False(gather.IsCancelled); // asyncio: the CancelledError is the gather's exception
            var error = Assert.IsType<CancelledError>(gather.GetException());
            Assert.Equal("child went away", error.Message);
            Assert.False(a.IsDone);
        });
    }

    [Fact]
    public void With_returnExceptions_a_cancelled_child_appears_as_a_CancelledError_result()
    {
        object?[] results = Run(async loop =>
        {
            Future<int> a = loop.CreateFuture<int>();
            Future<int> b = loop.CreateFuture<int>();
            Future<object?[]> gather = Asyncio.Gather(true, a, b);
            a.Cancel("msg");
            b.SetResult(2);
            return await gather;
        });
        var cancelled = Assert.IsType<CancelledError>(results[0]);
        Assert.Equal("msg", cancelled.Message);
        Assert.Equal(2, results[1]);
    }

    [Fact]
    public void Cancelling_the_gather_cancels_every_child_not_done()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            Future<int> done = loop.CreateFuture<int>();
            done.SetResult(1);
            FutureTask<int> a = Sleeper(10, log, "a");
            FutureTask<int> b = Sleeper(20, log, "b");
            Future<int[]> gather = Asyncio.Gather(done, a, b);
            await Asyncio.Sleep(1);
            Assert.True(gather.Cancel());
            await Throws<CancelledError>(gather);
            Assert.True(a.IsCancelled);
            Assert.True(b.IsCancelled);
            Assert.False(done.IsCancelled);
        });
        Assert.Equal(new[] { "a cancelled", "b cancelled" }, log);
    }

    [Fact]
    public void Cancelling_a_finished_gather_returns_false()
    {
        Run(async loop =>
        {
            Future<int[]> gather = Asyncio.Gather(After(1, 1));
            await gather;
            Assert.False(gather.Cancel());
        });
    }

    [Fact]
    public void Cancelling_the_task_awaiting_a_gather_cancels_the_children()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            FutureTask<int> a = Sleeper(10, log, "a");
            FutureTask<int> b = Sleeper(10, log, "b");
            FutureTask<int[]> waiter = Waits(Asyncio.Gather(a, b));
            await Asyncio.Sleep(1);
            waiter.Cancel();
            await Throws<CancelledError>(waiter);
            Assert.True(waiter.IsCancelled);
            Assert.True(a.IsCancelled && b.IsCancelled);
        });
        Assert.Equal(new[] { "a cancelled", "b cancelled" }, log);

        static async FutureTask<int[]> Waits(Future<int[]> gather) => await gather;
    }

    [Fact]
    public void A_child_that_refuses_cancellation_still_makes_a_cancelled_gather_raise_CancelledError()
    {
        Run(async loop =>
        {
            FutureTask<int> stubborn = Stubborn();
            FutureTask<int> ordinary = After(5, 2);
            Future<object?[]> gather = Asyncio.Gather(true, stubborn, ordinary);
            await Asyncio.Sleep(1);
            Assert.True(gather.Cancel());
            await Throws<CancelledError>(gather);
            Assert.Equal(42, stubborn.GetResult());
        });

        static async FutureTask<int> Stubborn()
        {
            try
            {
                await Asyncio.Sleep(10);
            }
            catch (CancelledError)
            {
                // swallowed
            }
            return 42;
        }
    }

    [Fact]
    public void Race_a_child_failing_while_another_is_cancelled_the_first_outcome_wins()
    {
        Run(async loop =>
        {
            Future<int> failing = loop.CreateFuture<int>();
            Future<int> cancelled = loop.CreateFuture<int>();
            Future<int[]> gather = Asyncio.Gather(failing, cancelled);
            failing.SetException(new InvalidOperationException("first"));
            cancelled.Cancel();
            await Yield();
            var error = Assert.IsType<InvalidOperationException>(gather.GetException());
            Assert.Equal("first", error.Message);
        });
    }

    [Fact]
    public void Race_a_child_cancelled_before_another_fails_makes_CancelledError_win()
    {
        Run(async loop =>
        {
            Future<int> failing = loop.CreateFuture<int>();
            Future<int> cancelled = loop.CreateFuture<int>();
            Future<int[]> gather = Asyncio.Gather(failing, cancelled);
            cancelled.Cancel();
            failing.SetException(new InvalidOperationException("second"));
            await Yield();
            Assert.IsType<CancelledError>(gather.GetException());
        });
    }

    [Fact]
    public void The_same_future_twice_gives_its_result_twice()
    {
        int[] results = Run(async loop =>
        {
            FutureTask<int> task = After(1, 5);
            return await Asyncio.Gather(task, task, After(2, 6));
        });
        Assert.Equal(new[] { 5, 5, 6 }, results);
    }

    [Fact]
    public void An_enumerable_of_futures_can_be_gathered()
    {
        int[] results = Run(async loop =>
        {
            var tasks = new List<Future<int>>();
            for (int i = 5; i > 0; i--)
            {
                tasks.Add(After(i, i * 10));
            }
            return await Asyncio.Gather(tasks);
        });
        Assert.Equal(new[] { 50, 40, 30, 20, 10 }, results);
    }

    [Fact]
    public void A_mixed_enumerable_with_returnExceptions()
    {
        object?[] results = Run(async loop =>
            await Asyncio.Gather(new List<Future> { After(1, 'x'), FailAfter<int>(1, new FormatException("f")) }, returnExceptions: true));
        Assert.Equal('x', results[0]);
        Assert.IsType<FormatException>(results[1]);
    }

    [Fact]
    public void Futures_of_different_loops_are_rejected()
    {
        using var other = new TestEventLoop();
        Run(async loop =>
        {
            Future<int> mine = loop.CreateFuture<int>();
            Future<int> theirs = other.CreateFuture<int>();
            Assert.Throws<ArgumentException>(() => Asyncio.Gather(mine, theirs));
            await Yield();
        });
    }

    [Fact]
    public void The_gather_is_a_Future_of_the_childrens_loop_created_outside_a_running_loop()
    {
        using var loop = new TestEventLoop();
        Future<int> a = loop.CreateFuture<int>();
        Future<int[]> gather = Asyncio.Gather(a);
        Assert.Same(loop, gather.GetLoop());
        loop.CallLater(3, () => a.SetResult(9));
        Assert.Equal(new[] { 9 }, loop.RunUntilComplete(gather));
        Assert.Equal(3, loop.Time(), 6);
    }

    [Fact]
    public void A_child_exception_after_the_gather_failed_counts_as_retrieved()
    {
        // asyncio marks the late exceptions retrieved so they are not reported as "never retrieved".
        Run(async loop =>
        {
            Future<int> a = loop.CreateFuture<int>();
            Future<int> b = loop.CreateFuture<int>();
            Future<int[]> gather = Asyncio.Gather(a, b);
            a.SetException(new InvalidOperationException("1"));
            await Yield();
            b.SetException(new InvalidOperationException("2"));
            await Yield();
            Assert.Equal("1", gather.GetException()!.Message);
            Assert.True(b.IsDone);
        });
    }
}
