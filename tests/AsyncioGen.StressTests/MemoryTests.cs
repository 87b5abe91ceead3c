using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen.StressTests;

/// <summary>
/// Memory that comes back (defects 6 and 7 of issue 11): cancelling handles that already ran keeps
/// nothing; the ready queue, the thread-safe buffers and the timer heap shrink after a burst and are
/// released on <c>Close</c>.
/// </summary>
public class MemoryTests
{
    private const long Slack = 4 * 1024 * 1024;

    private sealed class Counter
    {
        public int Count;
    }

    private static readonly Action<Counter> s_increment = static c => c.Count++;

    [Fact]
    public void CancellingAMillionHandlesAfterTheyRanFromAnotherThreadKeepsNothing() => Bounded.Run(TimeSpan.FromSeconds(60), () =>
    {
        const int Handles = 1_000_000;
        var loop = new EventLoop();
        var counter = new Counter();
        var handles = new Handle[Handles];
        Thread poster = Loops.Start(() =>
        {
            for (int i = 0; i < Handles; i++)
            {
                handles[i] = loop.CallSoonThreadsafe(s_increment, counter);
            }
        }, "poster");
        Loops.JoinAll(new[] { poster }, TimeSpan.FromSeconds(30));
        Loops.RunOnce(loop);
        Assert.Equal(Handles, counter.Count);
        Loops.RunLightly(loop, 2.5); // lets the buffers of the burst go, so only the cancels are measured
        long before = Heap.Settled();

        Thread canceller = Loops.Start(() =>
        {
            for (int i = 0; i < Handles; i++)
            {
                handles[i].Cancel();
            }
        }, "canceller");
        Loops.JoinAll(new[] { canceller }, TimeSpan.FromSeconds(30));
        long afterCancels = Heap.Settled();
        Loops.RunIterations(loop, 2);
        Assert.Equal(Handles, counter.Count);
        loop.Close();
        long afterClose = Heap.Settled();
        GC.KeepAlive(handles);
        GC.KeepAlive(loop);
        Assert.True(afterCancels - before < Slack, "cancelling handles that ran kept " + Heap.Megabytes(afterCancels - before));
        Assert.True(afterClose - before < Slack, "after Close: " + Heap.Megabytes(afterClose - before));
    });

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void BurstOfCallSoon(EventLoop loop, Counter counter, int count)
    {
        for (int i = 0; i < count; i++)
        {
            loop.CallSoon(s_increment, counter);
        }
    }

    private static void BurstOfPosts(EventLoop loop, Counter counter, int count)
    {
        Thread poster = Loops.Start(() =>
        {
            for (int i = 0; i < count; i++)
            {
                loop.CallSoonThreadsafe(s_increment, counter);
            }
        }, "poster");
        Loops.JoinAll(new[] { poster }, TimeSpan.FromSeconds(30));
    }

    private const int Burst = 1_000_000;

    private static void BuffersComeBack(Action<EventLoop, Counter> burst, bool close) => Bounded.Run(TimeSpan.FromSeconds(60), () =>
    {
        var loop = new EventLoop();
        var counter = new Counter();
        Loops.RunIterations(loop, 2);
        long before = Heap.Settled();
        burst(loop, counter);
        Loops.RunOnce(loop);
        Assert.Equal(Burst, counter.Count);
        long peak = Heap.Settled();
        if (close)
        {
            loop.Close();
        }
        else
        {
            Loops.RunLightly(loop, 2.5); // back to a light load for two trim windows
        }
        long after = Heap.Settled();
        GC.KeepAlive(loop);
        Assert.True(peak - before > 16 * 1024 * 1024, "the burst should have grown the buffers: " + Heap.Megabytes(peak - before));
        Assert.True(after - before < Slack, (close ? "after Close" : "after the burst") + " the loop still holds " + Heap.Megabytes(after - before));
    });

    [Fact]
    public void TheReadyQueueShrinksAfterABurst() =>
        BuffersComeBack((loop, counter) => BurstOfCallSoon(loop, counter, Burst), close: false);

    [Fact]
    public void TheThreadsafeBuffersShrinkAfterABurst() =>
        BuffersComeBack((loop, counter) => BurstOfPosts(loop, counter, Burst), close: false);

    [Fact]
    public void CloseReleasesTheReadyQueue() =>
        BuffersComeBack((loop, counter) => BurstOfCallSoon(loop, counter, Burst), close: true);

    [Fact]
    public void CloseReleasesTheThreadsafeBuffers() =>
        BuffersComeBack((loop, counter) => BurstOfPosts(loop, counter, Burst), close: true);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static TimerHandle?[] ScheduleFarTimers(EventLoop loop, Counter counter, int count)
    {
        var timers = new TimerHandle?[count];
        for (int i = 0; i < count; i++)
        {
            timers[i] = loop.CallLater(3600, s_increment, counter);
        }
        return timers;
    }

    [Fact]
    public void TheTimerHeapDropsCancelledTimersOnceHalfAreCancelled() => Bounded.Run(TimeSpan.FromSeconds(60), () =>
    {
        const int Timers = 400_000;
        var loop = new EventLoop();
        var counter = new Counter();
        long before = Heap.Settled();
        TimerHandle?[] timers = ScheduleFarTimers(loop, counter, Timers);
        long scheduled = Heap.Settled();
        for (int i = 0; i < Timers; i += 2)
        {
            timers[i]!.Cancel(); // exactly half
            timers[i] = null;
        }
        long halfCancelled = Heap.Settled();
        double kept = (double)(halfCancelled - before) / (scheduled - before);
        Assert.True(kept < 0.65, "with exactly half the timers cancelled the heap keeps " + kept.ToString("P0", System.Globalization.CultureInfo.InvariantCulture) + " of its memory");

        for (int i = 1; i < Timers; i += 2)
        {
            timers[i]!.Cancel();
            timers[i] = null;
        }
        Loops.RunLightly(loop, 2.5);
        long allCancelled = Heap.Settled();
        loop.Close();
        long closed = Heap.Settled();
        GC.KeepAlive(loop);
        Assert.True(allCancelled - before < Slack, "all timers cancelled, the heap still holds " + Heap.Megabytes(allCancelled - before));
        Assert.True(closed - before < Slack, "after Close: " + Heap.Megabytes(closed - before));
        Assert.Equal(0, counter.Count);
    });
}
