using System;
using System.ComponentModel;

namespace AsyncioGen.Interop;

/// <summary>
/// The body of the completion-event handler an event-based twin subscribes once: the future travelled as
/// the operation's user state, so each completion finds its own future (completions of operations started
/// by other code carry other user states and are ignored). <c>Cancelled</c> cancels the future, <c>Error</c>
/// fails it, otherwise the result is read from the arguments. For generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedEapCompletion
{
    /// <summary>Completes the future in <paramref name="args"/>' user state with <paramref name="result"/>(<paramref name="args"/>).</summary>
    public static void Complete<TArgs, T>(TArgs args, Func<TArgs, T> result)
        where TArgs : AsyncCompletedEventArgs
    {
        if (args?.UserState is not GeneratedFuture<T> future)
        {
            return;
        }
        if (args.Cancelled)
        {
            future.OnCancelled();
            return;
        }
        if (args.Error is { } error)
        {
            future.OnError(error);
            return;
        }
        T value;
        try
        {
            value = result(args);
        }
        catch (Exception ex)
        {
            future.OnError(ex);
            return;
        }
        future.OnResult(value);
    }

    /// <summary>Completes the result-less future in <paramref name="args"/>' user state.</summary>
    public static void Complete(AsyncCompletedEventArgs args)
    {
        if (args?.UserState is not GeneratedFuture future)
        {
            return;
        }
        if (args.Cancelled)
        {
            future.OnCancelled();
        }
        else if (args.Error is { } error)
        {
            future.OnError(error);
        }
        else
        {
            future.OnCompleted();
        }
    }

    /// <summary>Calls the API's cancel method for a cancelled future; its exception goes to the loop's handler.</summary>
    internal static void RequestCancel<TOwner>(Future future, TOwner owner, Action<TOwner, object> cancel)
    {
        try
        {
            cancel(owner, future);
        }
        catch (Exception ex)
        {
            GeneratedFutureHelpers.Report(future, "Exception while cancelling the operation of a [Future] twin", ex);
        }
    }
}
