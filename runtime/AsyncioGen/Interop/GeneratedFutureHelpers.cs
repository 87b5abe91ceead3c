using System;
using System.Threading;

namespace AsyncioGen.Interop;

/// <summary>The logic the generated futures share: loop lookup, thread hops, reports, cancellation hooks.</summary>
internal static class GeneratedFutureHelpers
{
    /// <summary>The running loop, or the error a twin called off the loop throws.</summary>
    public static EventLoop RunningLoop(string twin) => EventLoop.RunningLoop ?? throw new InvalidOperationException(
        "'" + twin + "' must be called on a running event loop: call it from a coroutine (an async FutureTask method run by "
        + "Asyncio.Run, loop.RunUntilComplete or loop.CreateTask), or pass the loop by scheduling the call on it with loop.CallSoon.");

    /// <summary>Posts <paramref name="finish"/>(<paramref name="future"/>) to the loop from another thread, in the loop's own context.</summary>
    public static void Post<TFuture>(TFuture future, Action<TFuture> finish)
        where TFuture : Future
    {
        EventLoop? loop = future.LoopOrNull;
        if (loop is null || loop.IsClosed)
        {
            return; // Nobody can await the future any more.
        }
        try
        {
            loop.CallSoonThreadsafeCore(new ReadyItem(finish, future, null, Invokers<TFuture>.ActionOfState, null));
        }
        catch (InvalidOperationException)
        {
            // The loop closed between the check and the post: same as above.
        }
    }

    /// <summary>Reports a misuse of the callback (a second call, a throw after completion) to the loop's handler, from any thread.</summary>
    public static void Report(Future future, string message, Exception? exception)
    {
        try
        {
            EventLoop? loop = future.LoopOrNull;
            if (loop is null)
            {
                return;
            }
            var context = new ExceptionContext(message) { Future = future, Exception = exception };
            if (loop.IsOnLoopThread)
            {
                loop.CallExceptionHandler(context);
            }
            else
            {
                loop.CallExceptionHandlerThreadsafe(context);
            }
        }
        catch (Exception)
        {
            // Never throw into the thread that invoked the callback.
        }
    }

    public static void ReportSecondCall(Future future) => Report(
        future,
        "[Future] completion callback invoked more than once; the second call was ignored",
        new InvalidStateError("The operation's completion callback was already invoked: " + future));

    public static void ReportThrowAfterCompletion(Future future, Exception exception) => Report(
        future, "[Future] method threw after its callback had completed the operation; the exception was ignored", exception);

    /// <summary>The token a callback form with a CancellationToken parameter gets; the source is created on first use.</summary>
    public static CancellationToken GetToken(ref object? cancellation)
    {
        if (cancellation is CancellationTokenSource existing)
        {
            return existing.Token;
        }
        var source = new CancellationTokenSource();
        if (cancellation is IDisposable registration)
        {
            source.Token.UnsafeRegister(static r => ((IDisposable)r!).Dispose(), registration);
        }
        cancellation = source;
        return source.Token;
    }

    /// <summary>Keeps the <see cref="IDisposable"/> the callback form returned, to dispose it when the future is cancelled.</summary>
    public static void AddRegistration(Future future, ref object? cancellation, IDisposable? registration)
    {
        if (registration is null || future.IsDone)
        {
            if (registration is not null && future.IsCancelled)
            {
                DisposeReporting(future, registration);
            }
            return;
        }
        if (cancellation is CancellationTokenSource source)
        {
            source.Token.UnsafeRegister(static r => ((IDisposable)r!).Dispose(), registration);
            return;
        }
        cancellation = registration;
    }

    /// <summary>Runs on cancel of the future: cancels the token source or disposes the registration.</summary>
    public static void RunCancellation(Future future, ref object? cancellation)
    {
        object? hook = cancellation;
        cancellation = null;
        switch (hook)
        {
            case CancellationTokenSource source:
                try
                {
                    source.Cancel();
                }
                catch (Exception ex)
                {
                    Report(future, "Exception while cancelling the operation of a [Future] twin", ex);
                }
                break;
            case IDisposable registration:
                DisposeReporting(future, registration);
                break;
        }
    }

    private static void DisposeReporting(Future future, IDisposable registration)
    {
        try
        {
            registration.Dispose();
        }
        catch (Exception ex)
        {
            Report(future, "Exception while disposing the operation of a cancelled [Future] twin", ex);
        }
    }
}
