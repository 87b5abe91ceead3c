using System;
using System.Collections.Generic;
using System.Diagnostics;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>call_later / call_at / time(): order, FIFO for equal deadlines, cancellation.</summary>
public class TimerTests
{
    [Fact]
    public void TimersFireInDeadlineOrder()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        Future done = loop.CreateFuture();
        loop.CallLater(0.030, () => { log.Add("30ms"); done.SetResult(); });
        loop.CallLater(0.010, () => log.Add("10ms"));
        loop.CallLater(0.020, () => log.Add("20ms"));
        loop.CallLater(0.001, () => log.Add("1ms"));
        loop.RunUntilComplete(done);
        Assert.Equal(new[] { "1ms", "10ms", "20ms", "30ms" }, log);
    }

    [Fact]
    public void EqualDeadlinesFireInSchedulingOrder()
    {
        using var loop = new EventLoop();
        var log = new List<int>();
        double when = loop.Time() + 0.005;
        for (int i = 0; i < 20; i++)
        {
            int n = i;
            loop.CallAt(when, () => log.Add(n));
        }
        Future done = loop.CreateFuture();
        loop.CallAt(when + 0.001, () => done.SetResult());
        loop.RunUntilComplete(done);
        Assert.Equal(20, log.Count);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(i, log[i]);
        }
    }

    [Fact]
    public void CancelledTimerDoesNotFire()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        TimerHandle cancelled = loop.CallLater(0.005, () => log.Add("cancelled"));
        loop.CallLater(0.001, () => log.Add("kept"));
        Future done = loop.CreateFuture();
        loop.CallLater(0.015, () => done.SetResult());
        Assert.False(cancelled.IsCancelled);
        cancelled.Cancel();
        Assert.True(cancelled.IsCancelled);
        loop.RunUntilComplete(done);
        Assert.Equal(new[] { "kept" }, log);
    }

    [Fact]
    public void TimerCancelledByAnEarlierTimerOfTheSameIterationDoesNotFire()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        double when = loop.Time() + 0.005;
        TimerHandle? second = null;
        loop.CallAt(when, () => { log.Add("first"); second!.Cancel(); });
        second = loop.CallAt(when, () => log.Add("second"));
        Future done = loop.CreateFuture();
        loop.CallAt(when + 0.005, () => done.SetResult());
        loop.RunUntilComplete(done);
        Assert.Equal(new[] { "first" }, log);
    }

    [Fact]
    public void CallLaterWithTimeSpanWaitsAtLeastTheDelay()
    {
        using var loop = new EventLoop();
        Future<double> fired = loop.CreateFuture<double>();
        double start = loop.Time();
        loop.CallLater(TimeSpan.FromMilliseconds(20), () => fired.SetResult(loop.Time()));
        double at = loop.RunUntilComplete(fired);
        Assert.True(at - start >= 0.019, "fired after " + (at - start) + " s");
    }

    [Fact]
    public void CallAtFiresNotBeforeItsTime()
    {
        using var loop = new EventLoop();
        double when = loop.Time() + 0.015;
        Future<double> fired = loop.CreateFuture<double>();
        TimerHandle timer = loop.CallAt(when, () => fired.SetResult(loop.Time()));
        Assert.Equal(when, timer.When);
        Assert.True(loop.RunUntilComplete(fired) >= when - 0.001);
    }

    [Fact]
    public void CallLaterWhenIsNowPlusDelay()
    {
        using var loop = new EventLoop();
        double before = loop.Time();
        TimerHandle timer = loop.CallLater(10.0, () => { });
        double after = loop.Time();
        Assert.InRange(timer.When, before + 10.0, after + 10.0);
        timer.Cancel();
    }

    [Fact]
    public void CallLaterWithState()
    {
        using var loop = new EventLoop();
        Future<string> fired = loop.CreateFuture<string>();
        loop.CallLater(0.001, static f => f.SetResult("state"), fired);
        Assert.Equal("state", loop.RunUntilComplete(fired));
    }

    [Fact]
    public void TimeIsMonotonicAndAdvances()
    {
        using var loop = new EventLoop();
        double first = loop.Time();
        double previous = first;
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 5)
        {
            double now = loop.Time();
            Assert.True(now >= previous);
            previous = now;
        }
        double last = loop.Time();
        Assert.True(last >= previous);
        Assert.True(last - first >= 0.0049, "advanced " + (last - first));
    }

    [Fact]
    public void ReadyCallbacksRunBeforeTimersDueInTheSameIteration()
    {
        // asyncio's _run_once appends due timers after what is already in the ready queue.
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.CallLater(-1, () => log.Add("timer"));
        loop.CallSoon(() => log.Add("soon"));
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "soon", "timer" }, log);
    }

    [Fact]
    public void NegativeOrZeroDelayFiresInTheNextIteration()
    {
        using var loop = new EventLoop();
        int calls = 0;
        loop.CallLater(0, () => calls++);
        loop.CallLater(-5, () => calls++);
        Loops.RunOnce(loop);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void TimerNotDueDoesNotRunInAStoppedIteration()
    {
        using var loop = new EventLoop();
        int calls = 0;
        loop.CallLater(5, () => calls++);
        Loops.RunOnce(loop);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void CallAtNaNIsRejected()
    {
        using var loop = new EventLoop();
        Assert.Throws<ArgumentException>(() => loop.CallAt(double.NaN, () => { }));
    }

    [Fact]
    public void ManyCancelledTimersAreDroppedAndTheRestStillFireInOrder()
    {
        using var loop = new EventLoop();
        var log = new List<int>();
        double start = loop.Time() + 0.002;
        var timers = new List<TimerHandle>();
        for (int i = 0; i < 300; i++)
        {
            int n = i;
            // Deadlines in a scrambled order, some equal.
            timers.Add(loop.CallAt(start + ((i * 7) % 50) * 0.0001, () => log.Add(n)));
        }
        for (int i = 0; i < 300; i++)
        {
            if (i % 4 != 0)
            {
                timers[i].Cancel(); // 225 of 300: the heap is rebuilt on the way
            }
        }
        Future done = loop.CreateFuture();
        loop.CallAt(start + 0.01, () => done.SetResult());
        loop.RunUntilComplete(done);
        var expected = new List<int>();
        for (int i = 0; i < 300; i += 4)
        {
            expected.Add(i);
        }
        expected.Sort((a, b) => (((a * 7) % 50).CompareTo((b * 7) % 50)) is var c && c != 0 ? c : a.CompareTo(b));
        Assert.Equal(expected, log);
    }

    [Fact]
    public void TimerScheduledByATimerWithZeroDelayRunsInTheNextIteration()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        var iterations = new List<int>();
        loop.CallLater(0, () =>
        {
            iterations.Add(counter.Iteration);
            loop.CallLater(0, () => iterations.Add(counter.Iteration));
        });
        Loops.RunIterations(loop, 3);
        Assert.Equal(new[] { 1, 2 }, iterations);
    }
}
