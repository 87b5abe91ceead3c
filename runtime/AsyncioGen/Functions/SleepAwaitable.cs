using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// What <see cref="Asyncio.Sleep(double)"/> returns. Always suspends: <c>Sleep(0)</c> for exactly one
/// loop iteration without allocating, a positive delay until a timer completes a future.
/// </summary>
public readonly struct SleepAwaitable
{
    private readonly Future? _future;

    internal SleepAwaitable(Future? future) => _future = future;

    /// <summary>Awaits the sleep.</summary>
    public SleepAwaiter GetAwaiter() => new(_future);

    /// <summary>
    /// The sleep as a future, for the functions that take one (asyncio: <c>gather(to_thread(f), sleep(1))</c>):
    /// a positive delay's timer future (cancelling it cancels the timer), or for <c>Sleep(0)</c> a future
    /// done after one loop iteration. A plain <c>await</c> needs none of this and stays allocation-free.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>Sleep(0)</c> converted with no loop running.</exception>
    public Future AsFuture()
    {
        if (_future is not null)
        {
            return _future;
        }
        EventLoop loop = Asyncio.GetRunningLoop();
        var yielded = new Future(loop);
        loop.CallSoon(static future =>
        {
            if (!future.IsDone)
            {
                future.SetResult();
            }
        }, yielded);
        return yielded;
    }

    /// <summary>See <see cref="AsFuture"/>.</summary>
    public static implicit operator Future(SleepAwaitable sleep) => sleep.AsFuture();
}

/// <summary>Awaiter of <see cref="SleepAwaitable"/>.</summary>
public readonly struct SleepAwaiter : ICriticalNotifyCompletion, IPlainFutureAwaiter
{
    // The only field, as for every IFutureAwaiter: null means "yield one iteration".
    private readonly Future? _future;

    internal SleepAwaiter(Future? future) => _future = future;

    /// <summary>Always false: a sleep always gives the loop at least one iteration.</summary>
    public bool IsCompleted => false;

    /// <summary>Returns when the sleep is over; throws <see cref="CancelledError"/> if it was cancelled.</summary>
    public void GetResult()
    {
        if (_future is null)
        {
            EventLoop.RunningLoop?.Tasks.ThrowIfCancelDeliveredOnResume();
            return;
        }
        _future.GetResultForAwait();
    }

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => Schedule(continuation, ExecutionContext.Capture());

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => Schedule(continuation, null);

    private void Schedule(Action continuation, ExecutionContext? context)
    {
        if (_future is null)
        {
            Asyncio.GetRunningLoop().EnqueueReady(new ReadyItem(continuation, null, null, null, context));
        }
        else
        {
            _future.AddContinuation(continuation, context);
        }
    }
}

/// <summary>What <see cref="Asyncio.Sleep{T}(double, T)"/> returns: a sleep that ends with a value.</summary>
public readonly struct SleepAwaitable<T>
{
    private readonly Future<T> _future;

    internal SleepAwaitable(Future<T> future) => _future = future;

    /// <summary>Awaits the sleep.</summary>
    public SleepAwaiter<T> GetAwaiter() => new(_future);

    /// <summary>The sleep's future, for the functions that take one (<c>Gather</c>, <c>WaitFor</c>...); cancelling it cancels the timer.</summary>
    public Future<T> AsFuture() => _future;

    /// <summary>See <see cref="AsFuture"/>.</summary>
    public static implicit operator Future<T>(SleepAwaitable<T> sleep) => sleep.AsFuture();
}

/// <summary>Awaiter of <see cref="SleepAwaitable{T}"/>.</summary>
public readonly struct SleepAwaiter<T> : ICriticalNotifyCompletion, IPlainFutureAwaiter
{
    private readonly Future<T> _future;

    internal SleepAwaiter(Future<T> future) => _future = future;

    /// <summary>Always false: a sleep always gives the loop at least one iteration.</summary>
    public bool IsCompleted => false;

    /// <summary>The value given to <c>Sleep</c>; throws <see cref="CancelledError"/> if the sleep was cancelled.</summary>
    public T GetResult() => _future.GetResultForAwaitOfT();

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _future.AddContinuation(continuation, ExecutionContext.Capture());

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _future.AddContinuation(continuation, null);
}

/// <summary>A sleep's future: cancelling it also cancels its timer, as asyncio's <c>sleep</c> does on the way out.</summary>
internal sealed class SleepFuture<T> : Future<T>
{
    private TimerHandle? _timer;

    public SleepFuture(EventLoop loop) : base(loop)
    {
    }

    public void Start(double delay, T result)
    {
        _timer = LoopOrNull!.CallLater(delay, static state =>
        {
            (SleepFuture<T> future, T value) = state;
            future._timer = null;
            if (!future.IsDone)
            {
                future.SetResult(value);
            }
        }, (this, result));
    }

    public override bool Cancel(string? message = null)
    {
        if (IsCancelFromForeignThread(message, out bool posted))
        {
            return posted;
        }
        _timer?.Cancel();
        _timer = null;
        return base.Cancel(message);
    }
}

/// <summary>The result-less sleep future.</summary>
internal sealed class SleepFuture : Future
{
    private TimerHandle? _timer;

    public SleepFuture(EventLoop loop) : base(loop)
    {
    }

    public void Start(double delay)
    {
        _timer = LoopOrNull!.CallLater(delay, static future =>
        {
            future._timer = null;
            if (!future.IsDone)
            {
                future.SetResult();
            }
        }, this);
    }

    public override bool Cancel(string? message = null)
    {
        if (IsCancelFromForeignThread(message, out bool posted))
        {
            return posted;
        }
        _timer?.Cancel();
        _timer = null;
        return base.Cancel(message);
    }
}
