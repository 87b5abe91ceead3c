using System;
using System.Collections.Generic;
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
