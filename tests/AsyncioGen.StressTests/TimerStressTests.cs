using System;
using System.Runtime.CompilerServices;

namespace AsyncioGen.StressTests;

/// <summary>A million timers, half of them cancelled: order, none early, none cancelled run, memory back after.</summary>
public class TimerStressTests
{
    private const int Timers = 1_000_000;
    private const int DistinctDeadlines = 5000; // 200 timers share each deadline: they must fire in the order scheduled

    private sealed class Probe
    {
        public int Index;
        public Log Log = null!;
    }

    private sealed class Log
    {
        public EventLoop Loop = null!;
        public readonly int[] Order = new int[Timers / 2];
        public readonly double[] FiredAt = new double[Timers / 2];
        public int Count;
        public int CancelledRan;
    }

    private static readonly Action<Probe> s_fire = static probe =>
    {
        Log log = probe.Log;
        if (probe.Index % 2 == 0)
        {
            log.CancelledRan++;
        }
        else
        {
            log.Order[log.Count] = probe.Index;
            log.FiredAt[log.Count] = log.Loop.Time();
            log.Count++;
        }
        if (log.Count == Timers / 2)
        {
            log.Loop.Stop();
        }
    };

    private static double Deadline(double start, int index) => start + 1.0 + (index % DistinctDeadlines) * 0.0001;

    /// <summary>In a method of its own, so no local of the test keeps a timer alive for the memory check.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScheduleAndCancelHalf(EventLoop loop, Log log, double start)
    {
        var timers = new TimerHandle[Timers];
        for (int i = 0; i < Timers; i++)
        {
            timers[i] = loop.CallAt(Deadline(start, i), s_fire, new Probe { Index = i, Log = log });
        }
        for (int i = 0; i < Timers; i += 2)
        {
            timers[i].Cancel();
        }
    }

    [Fact]
    public void AMillionTimersHalfCancelled() => Bounded.Run(TimeSpan.FromSeconds(90), () =>
    {
        var loop = new EventLoop();
        var log = new Log { Loop = loop };
        Loops.RunIterations(loop, 2);
        long before = Heap.Settled();

        double start = loop.Time();
        ScheduleAndCancelHalf(loop, log, start);
        loop.CallLater(60, () => loop.Stop()); // a watchdog: the count check below reports the shortfall
        loop.RunForever();

        Assert.Equal(0, log.CancelledRan);
        Assert.Equal(Timers / 2, log.Count);
        for (int n = 0; n < log.Count; n++)
        {
            int index = log.Order[n];
            double when = Deadline(start, index);
            Assert.True(log.FiredAt[n] >= when, "timer " + index + " fired " + (when - log.FiredAt[n]) + " s early");
            if (n > 0)
            {
                int previous = log.Order[n - 1];
                double previousWhen = Deadline(start, previous);
                Assert.True(previousWhen < when || (previousWhen == when && previous < index),
                    "timer " + index + " fired after timer " + previous + " that is due later or was scheduled later");
            }
        }

        Loops.RunLightly(loop, 2.5);
        long after = Heap.Settled();
        loop.Close();
        long closed = Heap.Settled();
        GC.KeepAlive(loop);
        Assert.True(after - before < 4 * 1024 * 1024, "after the timers fired the loop still holds " + Heap.Megabytes(after - before));
        Assert.True(closed - before < 4 * 1024 * 1024, "after Close: " + Heap.Megabytes(closed - before));
    });
}
