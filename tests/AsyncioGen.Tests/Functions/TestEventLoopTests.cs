using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using AsyncioGen;
using AsyncioGen.Testing;

namespace AsyncioGen.Tests.Functions;

public class TestEventLoopTests
{
    [Fact]
    public void Without_auto_advance_time_moves_only_when_the_test_advances_it()
    {
        using var loop = new TestEventLoop(autoAdvance: false);
        bool fired = false;
        loop.CallLater(1, () => fired = true);
        loop.RunUntilIdle();
        Assert.Equal(0, loop.Time());
        Assert.False(fired);
        loop.Advance(0.5);
        loop.RunUntilIdle();
        Assert.False(fired);
        loop.Advance(0.5);
        loop.RunUntilIdle();
        Assert.True(fired);
        Assert.Equal(1, loop.Time());
    }

    [Fact]
    public void RunFor_fires_each_timer_at_its_own_time_in_order()
    {
        using var loop = new TestEventLoop(autoAdvance: false, start: 100);
        var log = new List<(string, double)>();
        loop.CallLater(3, () => log.Add(("c", loop.Time())));
        loop.CallLater(1, () => log.Add(("a", loop.Time())));
        loop.CallLater(2, () =>
        {
            log.Add(("b", loop.Time()));
            loop.CallLater(0.5, () => log.Add(("b+", loop.Time())));
        });
        loop.CallLater(10, () => log.Add(("late", loop.Time())));
        loop.RunFor(5);
        Assert.Equal(new[] { ("a", 101.0), ("b", 102.0), ("b+", 102.5), ("c", 103.0) }, log);
        Assert.Equal(105, loop.Time());
    }

    [Fact]
    public void Auto_advance_runs_a_long_sleep_without_real_waiting()
    {
        using var loop = new TestEventLoop();
        var watch = Stopwatch.StartNew();
        loop.RunUntilComplete(() => Sleepy());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal(3600 * 24, loop.Time(), 6);

        static async FutureTask Sleepy() => await Asyncio.Sleep(3600 * 24);
    }

    [Fact]
    public void Timers_due_at_the_same_time_fire_in_the_order_they_were_scheduled()
    {
        using var loop = new TestEventLoop();
        var order = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            int n = i;
            loop.CallAt(7, () => order.Add(n));
        }
        loop.CallAt(8, () => loop.Stop());
        loop.RunForever();
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, order);
    }

    [Fact]
    public void Time_never_goes_back()
    {
        using var loop = new TestEventLoop();
        Assert.Throws<ArgumentOutOfRangeException>(() => loop.Advance(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => loop.Advance(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => loop.RunFor(-1));
    }

    [Fact]
    public void Work_from_another_thread_is_waited_for_in_real_time_when_no_timer_is_pending()
    {
        using var loop = new TestEventLoop();
        int result = loop.RunUntilComplete(loop.RunInExecutor(() =>
        {
            Thread.Sleep(20);
            return 5;
        }));
        Assert.Equal(5, result);
        Assert.Equal(0, loop.Time());
    }

    [Fact]
    public void A_virtual_loop_is_a_real_loop_for_everything_else()
    {
        using var loop = new TestEventLoop();
        var order = new List<string>();
        loop.CallSoon(() => order.Add("soon"));
        loop.CallLater(0, () => order.Add("later 0"));
        loop.CallSoonThreadsafe(() => order.Add("threadsafe"));
        loop.RunUntilIdle();
        Assert.Equal(new[] { "soon", "threadsafe", "later 0" }, order);
    }
}
