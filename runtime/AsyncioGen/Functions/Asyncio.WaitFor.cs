using System;

namespace AsyncioGen;

public static partial class Asyncio
{
    // Done-callback that completes the waiter of a cancel-and-wait; the waiter is the argument.
    private static readonly ReadyInvoker s_releaseWaiter = static (_, _, waiter) =>
    {
        var future = (Future)waiter!;
        if (!future.IsDone)
        {
            future.SetResult();
        }
    };

    /// <summary>
    /// Waits for <paramref name="future"/> for at most <paramref name="timeout"/> seconds (asyncio's
    /// <c>wait_for</c>): <c>int n = await Asyncio.WaitFor(FetchAsync(), 5);</c>
    /// </summary>
    /// <remarks>
    /// <para>On timeout the future is cancelled and, once it has finished cancelling (a task may take
    /// several steps), <see cref="TimeoutException"/> is raised with the <see cref="CancelledError"/>
    /// as its <see cref="Exception.InnerException"/>. If the future refuses the cancellation and returns
    /// a result, that result is returned. Cancelling the task that awaits this one cancels the future.
    /// <see langword="null"/> waits without limit.</para>
    /// <para><paramref name="timeout"/> &lt;= 0: a future already done gives its outcome; otherwise it is
    /// cancelled and waited for, then <see cref="TimeoutException"/> is raised.</para>
    /// </remarks>
    public static FutureTask<T> WaitFor<T>(Future<T> future, double? timeout)
    {
        ArgumentNullException.ThrowIfNull(future);
        CheckTimeout(timeout);
        BindIfPossible(future);
        return WaitForCore(future, timeout, CancelIfNotStarted(future, timeout));
    }

    /// <summary>Waits for a result-less <paramref name="future"/> for at most <paramref name="timeout"/> seconds; see <see cref="WaitFor{T}(Future{T}, double?)"/>.</summary>
    public static FutureTask WaitFor(Future future, double? timeout)
    {
        ArgumentNullException.ThrowIfNull(future);
        CheckTimeout(timeout);
        BindIfPossible(future);
        return WaitForCore(future, timeout, CancelIfNotStarted(future, timeout));
    }

    /// <summary>
    /// With no time at all, a coroutine that has not started never does (asyncio's wait_for cancels the
    /// task it made before that task's first step). It is cancelled here, at the call: the wait_for
    /// coroutine may itself run as a task, whose first step would come after the coroutine's.
    /// </summary>
    private static bool CancelIfNotStarted(Future future, double? timeout) =>
        timeout is <= 0 && FutureTaskMachinery.IsNotStarted(future) && future.Cancel();

    /// <summary>
    /// Binds an unstarted task to the running or current loop when there is one. With none (the
    /// wait_for task itself is then unbound too, e.g. <c>loop.RunUntilComplete(Asyncio.WaitFor(WorkAsync(), 5))</c>),
    /// the future is bound by the loop that runs the wait_for task, when it awaits it.
    /// </summary>
    private static void BindIfPossible(Future future)
    {
        if (future.LoopOrNull is not null || EventLoop.RunningLoop is not null || EventLoop.CurrentLoop is not null)
        {
            BindOne(future, nameof(future));
        }
    }

    private static void CheckTimeout(double? timeout)
    {
        if (timeout is { } value && double.IsNaN(value))
        {
            throw new ArgumentException("The timeout must be a number, not NaN.", nameof(timeout));
        }
    }

    private static async FutureTask<T> WaitForCore<T>(Future<T> future, double? timeout, bool alreadyCancelled)
    {
        if (timeout is <= 0)
        {
            Asyncio.GetRunningLoop().AdoptOrCheck(future); // ensure_future: a task made with no loop starts here
            if (!future.IsDone)
            {
                await CancelAndWait(future, cancel: !alreadyCancelled);
            }
            try
            {
                return future.GetResult();
            }
            catch (CancelledError cancelled) when (future.IsCancelled)
            {
                throw new TimeoutException(TimeoutScope.TimeoutMessage, cancelled);
            }
        }
        // asyncio 3.12's wait_for is `async with timeout(t): return await fut`, in the current task.
        TimeoutScope scope = EnterTimeout(timeout);
        T result;
        try
        {
            result = await future;
        }
        catch (Exception error)
        {
            if (scope.Exit(error) is { } timedOut)
            {
                throw timedOut;
            }
            throw;
        }
        scope.Exit(null);
        return result;
    }

    private static async FutureTask WaitForCore(Future future, double? timeout, bool alreadyCancelled)
    {
        if (timeout is <= 0)
        {
            Asyncio.GetRunningLoop().AdoptOrCheck(future);
            if (!future.IsDone)
            {
                await CancelAndWait(future, cancel: !alreadyCancelled);
            }
            try
            {
                future.GetResult();
                return;
            }
            catch (CancelledError cancelled) when (future.IsCancelled)
            {
                throw new TimeoutException(TimeoutScope.TimeoutMessage, cancelled);
            }
        }
        TimeoutScope scope = EnterTimeout(timeout);
        try
        {
            await future;
        }
        catch (Exception error)
        {
            if (scope.Exit(error) is { } timedOut)
            {
                throw timedOut;
            }
            throw;
        }
        scope.Exit(null);
    }

    /// <summary>A timeout scope over the running task (the wait_for coroutine's own task).</summary>
    private static TimeoutScope EnterTimeout(double? timeout)
    {
        EventLoop loop = GetRunningLoop();
        var scope = new TimeoutScope(loop, timeout is { } seconds ? loop.Time() + seconds : null);
        scope.Enter(loop.Tasks.Current!);
        return scope;
    }

    /// <summary>
    /// asyncio's <c>_cancel_and_wait</c>: cancels <paramref name="future"/> and waits until it is done,
    /// without raising its outcome; a cancellation of the waiting task propagates.
    /// </summary>
    private static async FutureTask CancelAndWait(Future future, bool cancel = true)
    {
        Future waiter = GetRunningLoop().CreateFuture();
        future.AddDoneCallbackCore(new DoneCallback(null, waiter, s_releaseWaiter, null));
        try
        {
            if (cancel)
            {
                future.Cancel();
            }
            await waiter;
        }
        finally
        {
            future.RemoveDoneCallbacksWithArg(waiter);
        }
    }
}
