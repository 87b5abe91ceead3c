using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// What <see cref="Lock.AcquireAsync"/>, <see cref="Semaphore.AcquireAsync"/>, <see cref="Event.WaitAsync"/>
/// and <see cref="Queue{T}.JoinAsync"/> return. As asyncio's coroutines, nothing happens until it is
/// awaited; then an uncontended operation completes without suspending and allocates nothing, and a
/// contended one waits on a single waiter future, which a cancelled task cancels.
/// </summary>
public readonly struct PrimitiveAwaitable
{
    private readonly IWaitSource? _source;

    internal PrimitiveAwaitable(IWaitSource source) => _source = source;

    /// <summary>Starts the operation (asyncio: the coroutine runs up to its first suspension).</summary>
    public PrimitiveAwaiter GetAwaiter() => new((_source ?? throw new InvalidOperationException(
        "This awaitable was default-initialized; get one from a Lock, Semaphore, Event or Queue.")).BeginWait());

    /// <summary>
    /// Runs the operation as its own task (asyncio's <c>ensure_future(lock.acquire())</c>), for
    /// <c>Asyncio.WaitFor</c>, <c>Gather</c> and the other functions that take a future.
    /// </summary>
    public FutureTask<bool> AsTask() => Run(this);

    /// <summary>See <see cref="AsTask"/>.</summary>
    public static implicit operator Future<bool>(PrimitiveAwaitable awaitable) => awaitable.AsTask();

    private static async FutureTask<bool> Run(PrimitiveAwaitable awaitable) => await awaitable;
}

/// <summary>Awaiter of <see cref="PrimitiveAwaitable"/>: the waiter future, or a done token on the fast path.</summary>
public readonly struct PrimitiveAwaiter : ICriticalNotifyCompletion, IFutureAwaiter
{
    // The only field, as for every IFutureAwaiter: the task machinery registers on it and cancels it.
    private readonly PrimitiveWaiter _waiter;

    internal PrimitiveAwaiter(PrimitiveWaiter waiter) => _waiter = waiter;

    /// <summary>True when the operation completed without waiting.</summary>
    public bool IsCompleted => _waiter.IsDone;

    /// <summary>
    /// Finishes the operation as asyncio's code after <c>await fut</c> does; returns <see langword="true"/>
    /// (asyncio's return value) or throws <see cref="CancelledError"/>.
    /// </summary>
    public bool GetResult()
    {
        _waiter.OnResumed();
        return true;
    }

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _waiter.AddContinuation(continuation, ExecutionContext.Capture());

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _waiter.AddContinuation(continuation, null);
}
