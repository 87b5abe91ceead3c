using System;
using System.Collections.Generic;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// Waits for <paramref name="futures"/> until <paramref name="returnWhen"/> says so or
    /// <paramref name="timeout"/> seconds pass, and gives the futures back as two sets:
    /// <c>var (done, pending) = await Asyncio.Wait(tasks, 5, ReturnWhen.FirstCompleted);</c>
    /// (asyncio's <c>wait</c>).
    /// </summary>
    /// <remarks>
    /// Never raises on timeout and never cancels a future: what is not done is in <c>pending</c>. The
    /// sets hold each distinct future once, compared by reference. Cancelling the returned future (or
    /// the task awaiting it) stops the wait and leaves the futures running. The arguments are checked
    /// at once; asyncio raises the same errors when the coroutine is awaited.
    /// </remarks>
    /// <exception cref="ArgumentException">No futures (asyncio: "Set of Tasks/Futures is empty."), a null element, futures of different loops, or an undefined <paramref name="returnWhen"/>.</exception>
    public static Future<(IReadOnlySet<Future> Done, IReadOnlySet<Future> Pending)> Wait(
        IEnumerable<Future> futures, double? timeout = null, ReturnWhen returnWhen = ReturnWhen.AllCompleted) =>
        WaitCore(futures, timeout, returnWhen);

    /// <summary>
    /// <see cref="Wait(IEnumerable{Future}, double?, ReturnWhen)"/> for futures (or tasks) of one result
    /// type, so the sets give the typed futures back.
    /// </summary>
    public static Future<(IReadOnlySet<Future<T>> Done, IReadOnlySet<Future<T>> Pending)> Wait<T>(
        IEnumerable<Future<T>> futures, double? timeout = null, ReturnWhen returnWhen = ReturnWhen.AllCompleted) =>
        WaitCore(futures, timeout, returnWhen);

    private static FutureTask<(IReadOnlySet<TFuture> Done, IReadOnlySet<TFuture> Pending)> WaitCore<TFuture>(IEnumerable<TFuture> futures, double? timeout, ReturnWhen returnWhen)
        where TFuture : Future
    {
        if (returnWhen is not (ReturnWhen.FirstCompleted or ReturnWhen.FirstException or ReturnWhen.AllCompleted))
        {
            throw new ArgumentException("Invalid return_when value: " + returnWhen, nameof(returnWhen));
        }
        if (timeout is { } seconds && double.IsNaN(seconds))
        {
            throw new ArgumentException("The timeout must be a number, not NaN.", nameof(timeout));
        }
        TFuture[] children = Distinct(ToChildArray(futures, nameof(futures)));
        if (children.Length == 0)
        {
            throw new ArgumentException("Set of Tasks/Futures is empty.", nameof(futures));
        }
        EventLoop loop = BindChildren<TFuture>(children, nameof(futures));
        return WaitAsync(loop, children, timeout, returnWhen);
    }

    // asyncio's _wait: the sets are made when the waiting coroutine wakes up, so a child that finished
    // between the condition and the wake-up is in done.
    private static async FutureTask<(IReadOnlySet<TFuture> Done, IReadOnlySet<TFuture> Pending)> WaitAsync<TFuture>(
        EventLoop loop, TFuture[] children, double? timeout, ReturnWhen returnWhen)
        where TFuture : Future
    {
        var waiter = new WaitFuture<TFuture>(loop, children, returnWhen);
        waiter.Start(timeout);
        try
        {
            await waiter;
        }
        finally
        {
            waiter.Unregister();
        }
        return waiter.Split();
    }
}
