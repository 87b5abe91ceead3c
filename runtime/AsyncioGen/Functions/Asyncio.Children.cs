using System;
using System.Collections.Generic;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// The loop a set of futures shares (asyncio's <c>ensure_future</c> + <c>_get_loop</c> over the
    /// arguments): the first bound future's loop, else the running loop, else the thread's current
    /// loop. A task created while no loop was running is adopted by that loop, as <c>ensure_future</c>
    /// schedules a coroutine; futures of two different loops are an <see cref="ArgumentException"/>.
    /// </summary>
    internal static EventLoop BindChildren<TFuture>(ReadOnlySpan<TFuture> children, string parameterName)
        where TFuture : Future
    {
        EventLoop? loop = null;
        foreach (TFuture child in children)
        {
            if (child is null)
            {
                throw new ArgumentException("The futures must not contain null.", parameterName);
            }
            EventLoop? childLoop = child.LoopOrNull;
            if (childLoop is null)
            {
                continue;
            }
            if (loop is null)
            {
                loop = childLoop;
            }
            else if (!ReferenceEquals(loop, childLoop))
            {
                throw new ArgumentException("The futures are bound to different event loops.", parameterName);
            }
        }
        loop ??= EventLoop.RunningLoop ?? EventLoop.CurrentLoop ?? throw Future.NoLoop();
        foreach (TFuture child in children)
        {
            FutureTaskMachinery.MarkRunsAsTask(child); // handed to a task function: a task of its own
            if (child.LoopOrNull is null)
            {
                loop.AdoptOrCheck(child);
            }
        }
        return loop;
    }

    /// <summary><see cref="BindChildren{TFuture}"/> for one future, without an array.</summary>
    internal static EventLoop BindOne(Future future, string parameterName) =>
        BindChildren(new ReadOnlySpan<Future>(ref future), parameterName);

    /// <summary>Copies an argument sequence into an array (the one copy the functions keep of their children).</summary>
    internal static TFuture[] ToChildArray<TFuture>(IEnumerable<TFuture> futures, string parameterName)
        where TFuture : Future
    {
        ArgumentNullException.ThrowIfNull(futures, parameterName);
        if (futures is TFuture[] array)
        {
            return array; // like a params array, kept as given: the caller must not change it meanwhile
        }
        return new List<TFuture>(futures).ToArray();
    }

    /// <summary>The distinct futures of <paramref name="futures"/> in first-seen order (asyncio builds a set).</summary>
    internal static TFuture[] Distinct<TFuture>(TFuture[] futures)
        where TFuture : Future
    {
        if (futures.Length < 2)
        {
            return futures;
        }
        var seen = new HashSet<TFuture>(futures.Length, ReferenceEqualityComparer.Instance);
        var unique = new List<TFuture>(futures.Length);
        foreach (TFuture future in futures)
        {
            if (seen.Add(future))
            {
                unique.Add(future);
            }
        }
        return unique.Count == futures.Length ? futures : unique.ToArray();
    }
}
