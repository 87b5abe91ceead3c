using System;
using System.Collections.Generic;
using AsyncioGen;

namespace AsyncioGen.Tests.Core.Support;

/// <summary>Small helpers to drive an <see cref="EventLoop"/> iteration by iteration.</summary>
internal static class Loops
{
    /// <summary>Runs exactly one iteration (asyncio: stop() before run_forever() runs one iteration).</summary>
    public static void RunOnce(EventLoop loop)
    {
        loop.Stop();
        loop.RunForever();
    }

    /// <summary>Runs <paramref name="count"/> iterations.</summary>
    public static void RunIterations(EventLoop loop, int count)
    {
        for (int i = 0; i < count; i++)
        {
            RunOnce(loop);
        }
    }
}

/// <summary>
/// Counts loop iterations with a self-rescheduling <c>CallSoon</c>. Started before anything else is
/// scheduled, it runs first in every iteration, so <see cref="Iteration"/> read by any other callback
/// is the number of the iteration that callback runs in (1 = the first iteration).
/// </summary>
internal sealed class IterationCounter
{
    private readonly EventLoop _loop;
    private bool _stopped;

    private IterationCounter(EventLoop loop) => _loop = loop;

    public int Iteration { get; private set; }

    public static IterationCounter Start(EventLoop loop)
    {
        var counter = new IterationCounter(loop);
        loop.CallSoon(counter.Tick);
        return counter;
    }

    /// <summary>Stops rescheduling (the counter runs at most once more).</summary>
    public void Stop() => _stopped = true;

    private void Tick()
    {
        if (_stopped)
        {
            return;
        }
        Iteration++;
        _loop.CallSoon(Tick);
    }
}

/// <summary>Records what reaches a loop's exception handler.</summary>
internal sealed class HandlerRecorder
{
    public List<ExceptionContext> Contexts { get; } = new();

    public static HandlerRecorder Install(EventLoop loop)
    {
        var recorder = new HandlerRecorder();
        loop.SetExceptionHandler((_, context) => recorder.Contexts.Add(context));
        return recorder;
    }

    public List<ExceptionContext> WithMessage(string message) =>
        Contexts.FindAll(c => c.Message == message);
}
