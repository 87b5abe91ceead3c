using System;
using System.Collections.Generic;

namespace AsyncioGen;

/// <summary>asyncio's module-level functions.</summary>
public static partial class Asyncio
{
    // ---------------------------------------------------------------- loops

    /// <summary>The loop running on this thread (asyncio's <c>get_running_loop</c>).</summary>
    /// <exception cref="InvalidOperationException">No loop is running on this thread.</exception>
    public static EventLoop GetRunningLoop() =>
        EventLoop.RunningLoop ?? throw new InvalidOperationException("no running event loop");

    /// <summary>
    /// The running loop, else the loop set for this thread with <see cref="SetEventLoop"/> (asyncio's
    /// <c>get_event_loop</c>, as of Python 3.14: no loop is created implicitly).
    /// </summary>
    /// <exception cref="InvalidOperationException">No loop is running or set on this thread.</exception>
    public static EventLoop GetEventLoop() =>
        EventLoop.RunningLoop ?? EventLoop.CurrentLoop ?? throw new InvalidOperationException(
            "There is no current event loop in thread '" + (System.Threading.Thread.CurrentThread.Name ?? "#" + Environment.CurrentManagedThreadId) + "'. Create one with new EventLoop() and call Asyncio.SetEventLoop, or use Asyncio.Run.");

    /// <summary>Sets (or, with <see langword="null"/>, clears) this thread's current loop (asyncio's <c>set_event_loop</c>).</summary>
    public static void SetEventLoop(EventLoop? loop) => EventLoop.CurrentLoop = loop;

    // ---------------------------------------------------------------- tasks

    /// <summary>Schedules <paramref name="coroutine"/> on the running loop (asyncio's <c>create_task</c>); see <see cref="EventLoop.CreateTask{T}(FutureTask{T}, string?, bool)"/>.</summary>
    public static FutureTask<T> CreateTask<T>(FutureTask<T> coroutine, string? name = null, bool eager = false) =>
        GetRunningLoop().CreateTask(coroutine, name, eager);

    /// <summary>Schedules a result-less <paramref name="coroutine"/> on the running loop.</summary>
    public static FutureTask CreateTask(FutureTask coroutine, string? name = null, bool eager = false) =>
        GetRunningLoop().CreateTask(coroutine, name, eager);

    /// <summary>Calls <paramref name="coroutine"/> on the running loop and returns its task.</summary>
    public static FutureTask<T> CreateTask<T>(Func<FutureTask<T>> coroutine, string? name = null, bool eager = false) =>
        GetRunningLoop().CreateTask(coroutine, name, eager);

    /// <summary>Calls a result-less <paramref name="coroutine"/> on the running loop and returns its task.</summary>
    public static FutureTask CreateTask(Func<FutureTask> coroutine, string? name = null, bool eager = false) =>
        GetRunningLoop().CreateTask(coroutine, name, eager);

    /// <summary>
    /// asyncio 3.12's <c>eager_task_factory</c>, for <see cref="EventLoop.SetTaskFactory"/>: each task
    /// created with <c>CreateTask</c> runs its first step at once, inside that call, up to its first
    /// suspension; a task that finishes without suspending is done without ever being scheduled (its
    /// done-callbacks are still scheduled, never run inline).
    /// </summary>
    public static FutureTaskFactory EagerTaskFactory { get; } = static (_, task) => FutureTaskMachinery.StartEagerly((Future)task);

    /// <summary>
    /// The task running on this thread's loop, or <see langword="null"/> if the caller is a plain
    /// callback (asyncio's <c>current_task</c>). The task is a <see cref="FutureTask"/> or a
    /// <see cref="FutureTask{T}"/>; both implement <see cref="IFutureTask"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No loop is running on this thread.</exception>
    public static Future? CurrentTask() => GetRunningLoop().Tasks.Current;

    /// <summary>The task running on <paramref name="loop"/>, if any.</summary>
    public static Future? CurrentTask(EventLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return loop.Tasks.Current;
    }

    /// <summary>The unfinished tasks of the running loop (asyncio's <c>all_tasks</c>).</summary>
    public static IReadOnlySet<Future> AllTasks() => GetRunningLoop().Tasks.All();

    /// <summary>The unfinished tasks of <paramref name="loop"/>.</summary>
    public static IReadOnlySet<Future> AllTasks(EventLoop loop)
    {
        ArgumentNullException.ThrowIfNull(loop);
        return loop.Tasks.All();
    }

    /// <summary>
    /// True for a <see cref="Future"/>, a task, or any <see cref="IFutureLike"/> (asyncio's <c>isfuture</c>).
    /// </summary>
    public static bool IsFuture(object? obj) => obj is IFutureLike;

    // ---------------------------------------------------------------- sleep

    /// <summary>
    /// Suspends the current coroutine for <paramref name="seconds"/> (asyncio's <c>sleep</c>).
    /// <c>Sleep(0)</c> yields exactly one loop iteration and allocates nothing.
    /// </summary>
    public static SleepAwaitable Sleep(double seconds)
    {
        CheckDelay(seconds);
        EventLoop loop = GetRunningLoop();
        if (seconds <= 0)
        {
            return new SleepAwaitable(null);
        }
        var future = new SleepFuture(loop);
        future.Start(seconds);
        return new SleepAwaitable(future);
    }

    /// <summary>Suspends the current coroutine for <paramref name="delay"/>.</summary>
    public static SleepAwaitable Sleep(TimeSpan delay) => Sleep(delay.TotalSeconds);

    /// <summary>Suspends the current coroutine for <paramref name="seconds"/>, then returns <paramref name="result"/>.</summary>
    public static SleepAwaitable<T> Sleep<T>(double seconds, T result)
    {
        CheckDelay(seconds);
        EventLoop loop = GetRunningLoop();
        var future = new SleepFuture<T>(loop);
        if (seconds <= 0)
        {
            // Already done: the awaiting task's wake-up is scheduled at once, one iteration later.
            future.SetResult(result);
        }
        else
        {
            future.Start(seconds, result);
        }
        return new SleepAwaitable<T>(future);
    }

    private static void CheckDelay(double seconds)
    {
        if (double.IsNaN(seconds))
        {
            throw new ArgumentException("The delay must be a number, not NaN.", nameof(seconds));
        }
    }
}
