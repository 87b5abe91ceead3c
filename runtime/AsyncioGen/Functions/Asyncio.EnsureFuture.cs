using System;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// <paramref name="obj"/> as a future (asyncio's <c>ensure_future</c>): a <see cref="Future"/> or
    /// task is returned as it is (a task created while no loop was running is scheduled on the loop);
    /// any other awaitable (a type with a <c>GetAwaiter()</c> method: a BCL <c>Task</c>,
    /// <c>ValueTask</c>, a custom awaitable) is awaited by a new <see cref="FutureTask{T}"/> of
    /// <see cref="object"/>, whose result is the awaitable's (null for a result-less one).
    /// </summary>
    /// <remarks>
    /// For BCL tasks prefer <see cref="WrapFuture{T}(System.Threading.Tasks.Task{T}, EventLoop?)"/>:
    /// typed, and without the wrapping task. A task awaiting something other than a future resumes
    /// through <c>CallSoonThreadsafe</c>, and its
    /// cancellation is delivered at its next await of a future.
    /// </remarks>
    /// <param name="obj">A future, task, or awaitable.</param>
    /// <param name="loop">The loop; by default the running loop, else the thread's current loop.</param>
    /// <exception cref="ArgumentException"><paramref name="obj"/> is not awaitable (asyncio: TypeError), or is a future of another loop than <paramref name="loop"/>.</exception>
    public static Future EnsureFuture(object obj, EventLoop? loop = null)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj is Future future)
        {
            return EnsureBound(future, loop);
        }
        if (!DynamicAwaitable.IsAwaitable(obj.GetType()))
        {
            throw new ArgumentException(
                "A Future, a coroutine (FutureTask) or an awaitable is required, not " + obj.GetType().FullName + ".", nameof(obj));
        }
        return EnsureBound(AwaitDynamically(obj), loop);
    }

    /// <summary>A typed future is returned as it is (bound to the loop if it is a task not started yet).</summary>
    public static Future<T> EnsureFuture<T>(Future<T> future, EventLoop? loop = null)
    {
        ArgumentNullException.ThrowIfNull(future);
        EnsureBound(future, loop);
        return future;
    }

    private static Future EnsureBound(Future future, EventLoop? loop)
    {
        FutureTaskMachinery.MarkRunsAsTask(future);
        EventLoop? target = loop ?? (future.LoopOrNull is null ? EventLoop.RunningLoop ?? EventLoop.CurrentLoop : null);
        if (target is null)
        {
            return future; // already bound, or a task that starts when a loop runs it
        }
        if (future.LoopOrNull is not null && !ReferenceEquals(future.LoopOrNull, target))
        {
            throw new ArgumentException("The future belongs to a different loop than the one given.", nameof(loop));
        }
        if (future.LoopOrNull is null)
        {
            target.AdoptOrCheck(future);
        }
        return future;
    }

    // asyncio's _wrap_awaitable: a coroutine that awaits anything awaitable.
    private static async FutureTask<object?> AwaitDynamically(object awaitable) => await new DynamicAwaitable(awaitable);
}
