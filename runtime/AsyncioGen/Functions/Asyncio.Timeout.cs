using System;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// Runs <paramref name="body"/> with a deadline <paramref name="delay"/> seconds from now
    /// (asyncio's <c>async with asyncio.timeout(delay)</c>); <see langword="null"/> means no deadline
    /// until the body sets one with <see cref="TimeoutScope.Reschedule"/>.
    /// <code>
    /// int n = await Asyncio.Timeout(5, async scope =>
    /// {
    ///     int first = await FetchAsync();
    ///     scope.Reschedule(scope.When + 5); // more time for the second part
    ///     return first + await FetchAsync();
    /// });
    /// </code>
    /// </summary>
    /// <remarks>
    /// <para>The body runs in a task of its own (calling an async delegate creates one); when the
    /// deadline passes that task is cancelled, and if the body then ends with
    /// <see cref="CancelledError"/> because of it, the returned task raises
    /// <see cref="TimeoutException"/> with that error as <see cref="Exception.InnerException"/>.
    /// A cancellation from elsewhere (the caller's task being cancelled) stays a
    /// <see cref="CancelledError"/>, as asyncio tells the two apart with <c>cancelling()</c>/<c>uncancel()</c>.</para>
    /// <para>This shape instead of an <c>await using</c> scope: a <c>DisposeAsync</c> cannot see the
    /// exception leaving the block, so it could not turn exactly the timeout's
    /// <see cref="CancelledError"/> into <see cref="TimeoutException"/> (and leave a block that
    /// swallowed the cancellation, or failed otherwise, alone), nor chain the error. The delegate's
    /// task is an outcome the scope can inspect.</para>
    /// </remarks>
    /// <exception cref="InvalidOperationException">No loop is running on this thread.</exception>
    public static FutureTask<T> Timeout<T>(double? delay, Func<TimeoutScope, FutureTask<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunWithTimeout(NewScope(delay, relative: true), body);
    }

    /// <summary>Runs a result-less <paramref name="body"/> with a deadline; see <see cref="Timeout{T}(double?, Func{TimeoutScope, FutureTask{T}})"/>.</summary>
    public static FutureTask Timeout(double? delay, Func<TimeoutScope, FutureTask> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunWithTimeout(NewScope(delay, relative: true), body);
    }

    /// <summary>Runs <paramref name="body"/> with a deadline <paramref name="delay"/> seconds from now, when it does not need the scope.</summary>
    public static FutureTask<T> Timeout<T>(double? delay, Func<FutureTask<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunWithTimeout<T>(NewScope(delay, relative: true), _ => body());
    }

    /// <summary>Runs a result-less <paramref name="body"/> with a deadline <paramref name="delay"/> seconds from now.</summary>
    public static FutureTask Timeout(double? delay, Func<FutureTask> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunWithTimeout(NewScope(delay, relative: true), _ => body());
    }

    /// <summary>
    /// Runs <paramref name="body"/> with a deadline at loop time <paramref name="when"/>
    /// (asyncio's <c>timeout_at</c>); see <see cref="Timeout{T}(double?, Func{TimeoutScope, FutureTask{T}})"/>.
    /// </summary>
    public static FutureTask<T> TimeoutAt<T>(double? when, Func<TimeoutScope, FutureTask<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunWithTimeout(NewScope(when, relative: false), body);
    }

    /// <summary>Runs a result-less <paramref name="body"/> with a deadline at loop time <paramref name="when"/>.</summary>
    public static FutureTask TimeoutAt(double? when, Func<TimeoutScope, FutureTask> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunWithTimeout(NewScope(when, relative: false), body);
    }

    /// <summary>Runs <paramref name="body"/> with a deadline at loop time <paramref name="when"/>, when it does not need the scope.</summary>
    public static FutureTask<T> TimeoutAt<T>(double? when, Func<FutureTask<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunWithTimeout<T>(NewScope(when, relative: false), _ => body());
    }

    /// <summary>Runs a result-less <paramref name="body"/> with a deadline at loop time <paramref name="when"/>, when it does not need the scope.</summary>
    public static FutureTask TimeoutAt(double? when, Func<FutureTask> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return RunWithTimeout(NewScope(when, relative: false), _ => body());
    }

    private static TimeoutScope NewScope(double? time, bool relative)
    {
        if (time is { } value && double.IsNaN(value))
        {
            throw new ArgumentException("The timeout must be a number, not NaN.", relative ? "delay" : "when");
        }
        EventLoop loop = GetRunningLoop();
        return new TimeoutScope(loop, relative && time is { } delay ? loop.Time() + delay : time);
    }

    // The body is called in this coroutine's first step, not at the call: a caller cancelled before
    // that step never starts the body (as an `async with` never entered), and nothing is left running.
    private static async FutureTask<T> RunWithTimeout<T>(TimeoutScope scope, Func<TimeoutScope, FutureTask<T>> body)
    {
        FutureTask<T> task = body(scope);
        ArgumentNullException.ThrowIfNull(task, nameof(body));
        GetRunningLoop().AdoptOrCheck(task);
        scope.Enter(task);
        T result;
        try
        {
            result = await task;
        }
        catch (Exception error)
        {
            if (scope.Exit(error) is { } timeout)
            {
                throw timeout;
            }
            throw;
        }
        scope.Exit(null);
        return result;
    }

    private static async FutureTask RunWithTimeout(TimeoutScope scope, Func<TimeoutScope, FutureTask> body)
    {
        FutureTask task = body(scope);
        ArgumentNullException.ThrowIfNull(task, nameof(body));
        GetRunningLoop().AdoptOrCheck(task);
        scope.Enter(task);
        try
        {
            await task;
        }
        catch (Exception error)
        {
            if (scope.Exit(error) is { } timeout)
            {
                throw timeout;
            }
            throw;
        }
        scope.Exit(null);
    }
}
