using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// Runs <paramref name="function"/> on the thread pool in the caller's <see cref="ExecutionContext"/>
    /// (asyncio 3.9's <c>to_thread</c>: its contextvars go along) and returns a future for its result,
    /// completed on the running loop.
    /// </summary>
    /// <exception cref="InvalidOperationException">No loop is running on this thread.</exception>
    public static Future<T> ToThread<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        EventLoop loop = GetRunningLoop();
        return loop.RunInExecutor(new ContextBoundCall<T>(function, ExecutionContext.Capture()).Invoke);
    }

    /// <summary>Runs <paramref name="action"/> on the thread pool in the caller's context; see <see cref="ToThread{T}(Func{T})"/>.</summary>
    public static Future ToThread(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        EventLoop loop = GetRunningLoop();
        var call = new ContextBoundCall<object?>(() =>
        {
            action();
            return null;
        }, ExecutionContext.Capture());
        return loop.RunInExecutor(call.Invoke);
    }

    /// <summary>
    /// Submits a coroutine to <paramref name="loop"/> from another thread (asyncio's
    /// <c>run_coroutine_threadsafe</c>). <paramref name="coroutine"/> is called on the loop's thread and
    /// runs as a task there; the returned <see cref="Task{T}"/> can be waited on or awaited from any
    /// thread. Cancelling <paramref name="cancellationToken"/> cancels the task on the loop (asyncio:
    /// cancelling the concurrent future); the returned task then ends cancelled.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loop is closed.</exception>
    public static Task<T> RunCoroutineThreadsafe<T>(Func<FutureTask<T>> coroutine, EventLoop loop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ArgumentNullException.ThrowIfNull(loop);
        return ThreadsafeCoroutine<T>.Submit(coroutine, loop, cancellationToken);
    }

    /// <summary>Submits a result-less coroutine to <paramref name="loop"/> from another thread; see <see cref="RunCoroutineThreadsafe{T}(Func{FutureTask{T}}, EventLoop, CancellationToken)"/>.</summary>
    public static Task RunCoroutineThreadsafe(Func<FutureTask> coroutine, EventLoop loop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        ArgumentNullException.ThrowIfNull(loop);
        return ThreadsafeCoroutine<bool>.Submit(async () =>
        {
            await coroutine();
            return true;
        }, loop, cancellationToken);
    }
}
