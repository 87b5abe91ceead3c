using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// What <see cref="Queue{T}.PutAsync"/> returns. When awaited, the item goes in at once if there is room
/// (no suspension, no allocation); otherwise the task waits on one putter future.
/// </summary>
public readonly struct QueuePutAwaitable<T>
{
    private readonly Queue<T>? _queue;
    private readonly T _item;

    internal QueuePutAwaitable(Queue<T> queue, T item)
    {
        _queue = queue;
        _item = item;
    }

    /// <summary>Starts the put.</summary>
    /// <exception cref="QueueShutDown">The queue is shut down.</exception>
    public QueuePutAwaiter<T> GetAwaiter() => new((_queue ?? throw new InvalidOperationException(
        "This awaitable was default-initialized; get one from Queue<T>.PutAsync.")).BeginPut(_item));

    /// <summary>Runs the put as its own task (asyncio's <c>ensure_future(queue.put(item))</c>).</summary>
    public FutureTask<bool> AsTask() => Run(this);

    /// <summary>See <see cref="AsTask"/>.</summary>
    public static implicit operator Future<bool>(QueuePutAwaitable<T> awaitable) => awaitable.AsTask();

    private static async FutureTask<bool> Run(QueuePutAwaitable<T> awaitable)
    {
        await awaitable;
        return true;
    }
}

/// <summary>Awaiter of <see cref="QueuePutAwaitable{T}"/>.</summary>
public readonly struct QueuePutAwaiter<T> : ICriticalNotifyCompletion, IFutureAwaiter
{
    // The only field (IFutureAwaiter): the putter future, or the queue's done token.
    private readonly QueuePutter<T> _putter;

    internal QueuePutAwaiter(QueuePutter<T> putter) => _putter = putter;

    /// <summary>True when the item went in without waiting.</summary>
    public bool IsCompleted => _putter.IsDone;

    /// <summary>Returns once the item is in; throws <see cref="CancelledError"/> or <see cref="QueueShutDown"/>.</summary>
    public void GetResult() => _putter.Finish();

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _putter.AddContinuation(continuation, ExecutionContext.Capture());

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _putter.AddContinuation(continuation, null);
}
