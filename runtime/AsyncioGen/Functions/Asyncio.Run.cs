using System;
using System.Collections.Generic;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// Runs <paramref name="main"/> on a new event loop and returns its result (asyncio's <c>run</c>):
    /// the loop is this thread's current loop meanwhile; afterwards the tasks still pending are
    /// cancelled and awaited, and the loop is closed.
    /// </summary>
    /// <param name="main">The coroutine, usually created by calling it here: <c>Asyncio.Run(MainAsync())</c>.</param>
    /// <param name="debug">Runs the loop in debug mode (<see cref="EventLoop.Debug"/>).</param>
    /// <param name="loopFactory">
    /// Makes the loop to run on instead of <c>new EventLoop()</c> (asyncio 3.12's <c>loop_factory</c>), for
    /// example <c>() =&gt; new TestEventLoop()</c> to run a program on virtual time. The loop must be new:
    /// not running and not closed; <c>Run</c> closes it at the end.
    /// </param>
    /// <exception cref="InvalidOperationException">Called from code running on a loop, or the factory's loop is closed or running.</exception>
    public static T Run<T>(FutureTask<T> main, bool debug = false, Func<EventLoop>? loopFactory = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        T result = default!;
        RunOnNewLoop(main, debug, loopFactory, (loop, task) => result = loop.RunUntilComplete((FutureTask<T>)task));
        return result;
    }

    /// <summary>Runs a result-less <paramref name="main"/> on a new event loop; see <see cref="Run{T}(FutureTask{T}, bool, Func{EventLoop})"/>.</summary>
    public static void Run(FutureTask main, bool debug = false, Func<EventLoop>? loopFactory = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        RunOnNewLoop(main, debug, loopFactory, static (loop, task) => loop.RunUntilComplete(task));
    }

    /// <summary>Calls <paramref name="main"/> on a new event loop and runs it to completion.</summary>
    public static T Run<T>(Func<FutureTask<T>> main, bool debug = false, Func<EventLoop>? loopFactory = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        CheckNotInLoop();
        return Run(main(), debug, loopFactory);
    }

    /// <summary>Calls a result-less <paramref name="main"/> on a new event loop and runs it to completion.</summary>
    public static void Run(Func<FutureTask> main, bool debug = false, Func<EventLoop>? loopFactory = null)
    {
        ArgumentNullException.ThrowIfNull(main);
        CheckNotInLoop();
        Run(main(), debug, loopFactory);
    }

    private static void CheckNotInLoop()
    {
        if (EventLoop.RunningLoop is not null)
        {
            throw new InvalidOperationException("Asyncio.Run() cannot be called from a running event loop");
        }
    }

    private static void RunOnNewLoop(Future main, bool debug, Func<EventLoop>? loopFactory, Action<EventLoop, Future> run)
    {
        CheckNotInLoop();
        EventLoop? previous = EventLoop.CurrentLoop;
        EventLoop loop = loopFactory is null ? new EventLoop() : loopFactory()
            ?? throw new InvalidOperationException("Asyncio.Run(): the loop factory returned null.");
        if (loop.IsClosed || loop.IsRunning)
        {
            throw new InvalidOperationException("Asyncio.Run(): the loop factory must return a new loop (this one is "
                + (loop.IsClosed ? "closed" : "running") + ").");
        }
        // asyncio: run() sets the loop's debug flag only when debug is given; here false keeps the factory's setting.
        if (debug)
        {
            loop.Debug = true;
        }
        EventLoop.CurrentLoop = loop;
        try
        {
            run(loop, main);
        }
        finally
        {
            try
            {
                CancelAllTasks(loop);
            }
            finally
            {
                EventLoop.CurrentLoop = previous;
                loop.Close();
            }
        }
    }

    /// <summary>asyncio.run's shutdown: cancel what is left, let it finish, report failures other than cancellation.</summary>
    private static void CancelAllTasks(EventLoop loop)
    {
        HashSet<Future> remaining = loop.Tasks.All();
        if (remaining.Count == 0)
        {
            return;
        }
        foreach (Future task in remaining)
        {
            task.Cancel();
        }
        var all = new ShutdownCounter(loop, remaining.Count);
        foreach (Future task in remaining)
        {
            task.AddDoneCallback<ShutdownCounter>(static (_, counter) => counter.OneDone(), all);
        }
        loop.RunUntilComplete(all);
        foreach (Future task in remaining)
        {
            if (task.IsCancelled)
            {
                continue;
            }
            if (task.GetException() is { } error)
            {
                loop.CallExceptionHandler(new ExceptionContext("unhandled exception during Asyncio.Run() shutdown")
                {
                    Exception = error,
                    Future = task,
                });
            }
        }
    }

    /// <summary>Completes once every task it counts is done.</summary>
    private sealed class ShutdownCounter : Future
    {
        private int _remaining;

        public ShutdownCounter(EventLoop loop, int count) : base(loop) => _remaining = count;

        public void OneDone()
        {
            if (--_remaining == 0 && !IsDone)
            {
                SetResult();
            }
        }
    }
}
