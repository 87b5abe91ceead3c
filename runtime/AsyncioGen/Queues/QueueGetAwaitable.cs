using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// What <see cref="Queue{T}.GetAsync"/> returns. Nothing happens until it is awaited (as asyncio's
/// coroutine): then an item already in the queue is taken without suspending or allocating; otherwise
/// the task waits on one getter future, which cancelling the task cancels.
/// </summary>
public readonly struct QueueGetAwaitable<T>
{
    private readonly Queue<T>? _queue;

    internal QueueGetAwaitable(Queue<T> queue) => _queue = queue;

    /// <summary>Starts the get.</summary>
    /// <exception cref="QueueShutDown">The queue is shut down and empty.</exception>
    public QueueGetAwaiter<T> GetAwaiter() => new((_queue ?? throw new InvalidOperationException(
        "This awaitable was default-initialized; get one from Queue<T>.GetAsync.")).BeginGet());

    /// <summary>Runs the get as its own task (asyncio's <c>ensure_future(queue.get())</c>), for <c>WaitFor</c>, <c>Gather</c>...</summary>
    public FutureTask<T> AsTask() => Run(this);

    /// <summary>See <see cref="AsTask"/>.</summary>
    public static implicit operator Future<T>(QueueGetAwaitable<T> awaitable) => awaitable.AsTask();

    private static async FutureTask<T> Run(QueueGetAwaitable<T> awaitable) => await awaitable;
}

/// <summary>Awaiter of <see cref="QueueGetAwaitable{T}"/>.</summary>
public readonly struct QueueGetAwaiter<T> : ICriticalNotifyCompletion, IFutureAwaiter
{
    // The only field (IFutureAwaiter): the getter future, or the queue's done token when an item is there.
    private readonly QueueGetter<T> _getter;

    internal QueueGetAwaiter(QueueGetter<T> getter) => _getter = getter;

    /// <summary>True when an item can be taken without waiting.</summary>
    public bool IsCompleted => _getter.IsDone;

    /// <summary>The item; throws <see cref="CancelledError"/> or <see cref="QueueShutDown"/>.</summary>
    public T GetResult() => _getter.Finish();

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _getter.AddContinuation(continuation, ExecutionContext.Capture());

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _getter.AddContinuation(continuation, null);
}
