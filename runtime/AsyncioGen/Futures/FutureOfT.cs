using System;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// A future with a result of type <typeparamref name="T"/> (asyncio's <c>Future</c>). Create it with
/// <see cref="EventLoop.CreateFuture{T}"/>; complete it once with <see cref="SetResult(T)"/>,
/// <see cref="Future.SetException"/> or <see cref="Future.Cancel"/>; <c>await</c> it from coroutines.
/// </summary>
public class Future<T> : Future
{
    private T _result = default!;

    /// <summary>
    /// Creates a pending future on <paramref name="loop"/>; without one, on the running loop, else the
    /// thread's current loop. Prefer <see cref="EventLoop.CreateFuture{T}"/>.
    /// </summary>
    public Future(EventLoop? loop = null) : base(loop)
    {
    }

    private protected Future(EventLoop? loop, bool allowUnbound) : base(loop, allowUnbound)
    {
    }

    /// <summary>
    /// The result (asyncio's <c>result()</c>). Rethrows the future's exception (same instance, original
    /// stack trace); throws <see cref="CancelledError"/> if it was cancelled.
    /// </summary>
    /// <exception cref="InvalidStateError">The future is not done.</exception>
    public new T GetResult()
    {
        GetResultCore();
        return _result;
    }

    /// <summary>Marks the future done with <paramref name="result"/> and schedules its callbacks.</summary>
    /// <exception cref="InvalidStateError">The future is already done.</exception>
    public void SetResult(T result)
    {
        if (!CheckSettable("SetResult"))
        {
            LoopOrNull!.PostCall(static state => state.Future.SetResult(state.Result), (Future: this, Result: result));
            return;
        }
        _result = result;
        CompleteWithResult();
    }

    /// <summary>Completes a task with its coroutine's return value.</summary>
    /// <summary>A waiter's completion whose callbacks run now (see <see cref="Future.CompleteWithResultRunningCallbacksNow"/>).</summary>
    internal void SetResultRunningCallbacksNow(T result)
    {
        _result = result;
        CompleteWithResultRunningCallbacksNow();
    }

    internal void SetResultFromTask(T result)
    {
        _result = result;
        CompleteWithResult();
    }

    /// <summary>Adds a callback run with this future when it is done; see <see cref="Future.AddDoneCallback(Action{Future}, ExecutionContext?)"/>.</summary>
    public void AddDoneCallback(Action<Future<T>> callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddDoneCallbackPublic(new DoneCallback(callback, null, Invokers<Future<T>>.ActionOfState, context ?? ExecutionContext.Capture()));
    }

    /// <summary>Adds a callback with its own state; a static lambda and a reference-type state allocate nothing.</summary>
    public void AddDoneCallback<TState>(Action<Future<T>, TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddDoneCallbackPublic(new DoneCallback(callback, state, Invokers<Future<T>, TState>.ActionOfFutureAndState, ExecutionContext.Capture()));
    }

    /// <summary>Awaits the future's result; awaiting allocates nothing, and may be repeated with the same outcome.</summary>
    public new FutureAwaiter<T> GetAwaiter() => new(this);

    internal T GetResultForAwaitOfT()
    {
        GetResultForAwait();
        return _result;
    }

    /// <summary>The result without state checks, for the repr of a finished future.</summary>
    internal T RawResult => _result;

    internal override object? ResultAsObject => _result;

    private protected override string ReprResult() => CallbackFormatter.ReprValue(_result);
}
