using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen.Streams;

/// <summary>
/// What the <see cref="StreamReader"/> reads return: the bytes at once when the buffer already holds them (no
/// allocation but the bytes), else the pending read. Awaited by a coroutine, a pending read is a future the task
/// waits on, so cancelling the task cancels just that wait and the data stays buffered for the next read.
/// </summary>
public readonly struct StreamReadAwaitable
{
    // One field, as the awaiter: the bytes, or the future of the pending read (a ReadWaiter or a coroutine's task).
    private readonly object _outcome;

    internal StreamReadAwaitable(object outcome) => _outcome = outcome;

    /// <summary>True when the bytes were already buffered and the await will not suspend.</summary>
    public bool IsCompleted => _outcome is not Future future || future.IsDone;

    /// <summary>Awaits the read.</summary>
    public StreamReadAwaiter GetAwaiter() => new(_outcome);
}

/// <summary>Awaiter of <see cref="StreamReadAwaitable"/>.</summary>
public readonly struct StreamReadAwaiter : ICriticalNotifyCompletion, IFutureAwaiter
{
    // The only field, as for every IFutureAwaiter: the task machinery reads it as the future when the await
    // suspends, which happens only when it is one (IsCompleted is true for bytes).
    private readonly object _outcome;

    internal StreamReadAwaiter(object outcome) => _outcome = outcome;

    /// <summary>True when the read does not need to wait.</summary>
    public bool IsCompleted => _outcome is not Future future || future.IsDone;

    /// <summary>The bytes read; throws the stream's error, <see cref="IncompleteReadError"/>, <see cref="LimitOverrunError"/> or <see cref="CancelledError"/>.</summary>
    public byte[] GetResult() => _outcome switch
    {
        byte[] bytes => bytes,
        ReadWaiter waiter => waiter.Reader.FinishWait(waiter),
        Future<byte[]> task => task.GetResultForAwaitOfT(), // read(-1): a coroutine reading blocks until EOF
        _ => throw new InvalidOperationException("This StreamReadAwaitable was default-initialized and holds no read."),
    };

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => Pending.AddContinuation(continuation, ExecutionContext.Capture());

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => Pending.AddContinuation(continuation, null);

    private Future Pending => _outcome as Future ?? throw new InvalidOperationException("The read is already complete.");
}
