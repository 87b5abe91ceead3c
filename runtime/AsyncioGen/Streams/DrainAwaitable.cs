using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace AsyncioGen.Streams;

/// <summary>
/// What <see cref="StreamWriter.DrainAsync"/> returns: complete at once (no allocation) while the transport's
/// write buffer is under its high-water mark, else a wait until it drains to the low-water mark. Awaited by a
/// coroutine, the wait is a future the task waits on: cancelling the task cancels only the wait.
/// </summary>
public readonly struct DrainAwaitable
{
    // One field, as the awaiter: null (nothing to wait for), the error to raise, or the future to wait on.
    private readonly object? _outcome;

    internal DrainAwaitable(object? outcome) => _outcome = outcome;

    /// <summary>True when the drain will not suspend.</summary>
    public bool IsCompleted => _outcome is not Future future || future.IsDone;

    /// <summary>Awaits the drain.</summary>
    public DrainAwaiter GetAwaiter() => new(_outcome);
}

/// <summary>Awaiter of <see cref="DrainAwaitable"/>.</summary>
public readonly struct DrainAwaiter : ICriticalNotifyCompletion, IFutureAwaiter
{
    // The only field, as for every IFutureAwaiter (see StreamReadAwaiter).
    private readonly object? _outcome;

    internal DrainAwaiter(object? outcome) => _outcome = outcome;

    /// <summary>True when the drain does not need to wait.</summary>
    public bool IsCompleted => _outcome is not Future future || future.IsDone;

    /// <summary>Returns once drained; throws the connection's error or <see cref="CancelledError"/>.</summary>
    public void GetResult()
    {
        switch (_outcome)
        {
            case null:
                return;
            case Exception error:
                ExceptionDispatchInfo.Throw(error);
                return;
            case DrainWaiter waiter:
                try
                {
                    waiter.GetResultForAwait();
                }
                finally
                {
                    waiter.Protocol.RemoveDrainWaiter(waiter);
                }
                return;
            case Future task:
                task.GetResultForAwait(); // the drain that first yields to let connection_lost run
                return;
            default:
                throw new InvalidOperationException("Unexpected drain state.");
        }
    }

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => Pending.AddContinuation(continuation, ExecutionContext.Capture());

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => Pending.AddContinuation(continuation, null);

    private Future Pending => _outcome as Future ?? throw new InvalidOperationException("The drain is already complete.");
}
