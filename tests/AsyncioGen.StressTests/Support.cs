using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace AsyncioGen.StressTests;

/// <summary>A loop whose default handler counts reports (thread-safely: after Close it is called from any thread).</summary>
internal sealed class CountingLoop : EventLoop
{
    private int _defaults;

    public int DefaultReports => Volatile.Read(ref _defaults);

    public List<string> DefaultMessages { get; } = new();

    public override void DefaultExceptionHandler(ExceptionContext context)
    {
        Interlocked.Increment(ref _defaults);
        lock (DefaultMessages)
        {
            DefaultMessages.Add(context.Message);
        }
    }
}

internal static class Loops
{
    /// <summary>Runs exactly one iteration (asyncio: stop() before run_forever() runs one iteration).</summary>
    public static void RunOnce(EventLoop loop)
    {
        loop.Stop();
        loop.RunForever();
    }

    /// <summary>
    /// Runs the loop under a light load (one callback per iteration) for <paramref name="seconds"/>: long
    /// enough for the loop's trim windows (a second each) to see that a burst is over.
    /// </summary>
    public static void RunLightly(EventLoop loop, double seconds)
    {
        long end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        void Tick()
        {
            if (Stopwatch.GetTimestamp() >= end)
            {
                loop.Stop();
            }
            else
            {
                loop.CallSoon(Tick);
            }
        }
        loop.CallSoon(Tick);
        loop.RunForever();
    }

    public static void RunIterations(EventLoop loop, int count)
    {
        for (int i = 0; i < count; i++)
        {
            RunOnce(loop);
        }
    }

    /// <summary>Starts <paramref name="body"/> on a new thread; the caller joins it.</summary>
    public static Thread Start(Action body, string name)
    {
        var thread = new Thread(() => body()) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    public static void JoinAll(IEnumerable<Thread> threads, TimeSpan limit)
    {
        foreach (Thread thread in threads)
        {
            Assert.True(thread.Join(limit), "thread '" + thread.Name + "' did not finish");
        }
    }
}
