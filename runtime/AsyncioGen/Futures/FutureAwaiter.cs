using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// Implemented by the awaiters of futures. Each such awaiter is a struct whose only field is the
/// future (or null for a bare yield), so a task's builder can read it without boxing through
/// <see cref="FutureAwaiterLayout"/>. Keep it that way when adding one.
/// </summary>
internal interface IFutureAwaiter
{
}

/// <summary>
/// An <see cref="IFutureAwaiter"/> whose <c>GetResult</c> does nothing but deliver the awaiting task's
/// pending cancellation and the future's outcome (no hand-off, no bookkeeping): a task resumed with a
/// cancellation at such an await may skip the throw when nothing in its coroutine could catch it.
/// </summary>
internal interface IPlainFutureAwaiter : IFutureAwaiter
{
}

/// <summary>The shared layout of every <see cref="IFutureAwaiter"/>.</summary>
internal readonly struct FutureAwaiterLayout
{
    public readonly Future? Future;
}

/// <summary>Awaiter of a result-less <see cref="Future"/>.</summary>
public readonly struct FutureAwaiter : ICriticalNotifyCompletion, IPlainFutureAwaiter
{
    private readonly Future _future;

    internal FutureAwaiter(Future future) => _future = future;

    /// <summary>True when the future is done and the await does not suspend.</summary>
    public bool IsCompleted => _future.IsDone;

    /// <summary>Returns, or throws the future's exception or <see cref="CancelledError"/>.</summary>
    public void GetResult() => _future.GetResultForAwait();

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _future.AddContinuation(continuation, ExecutionContext.Capture());

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _future.AddContinuation(continuation, null);
}

/// <summary>Awaiter of a <see cref="Future{T}"/>.</summary>
public readonly struct FutureAwaiter<T> : ICriticalNotifyCompletion, IPlainFutureAwaiter
{
    private readonly Future<T> _future;

    internal FutureAwaiter(Future<T> future) => _future = future;

    /// <summary>True when the future is done and the await does not suspend.</summary>
    public bool IsCompleted => _future.IsDone;

    /// <summary>The result, or the future's exception or <see cref="CancelledError"/>.</summary>
    public T GetResult() => _future.GetResultForAwaitOfT();

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _future.AddContinuation(continuation, ExecutionContext.Capture());

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _future.AddContinuation(continuation, null);
}
