using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// Futures that complete in the order <paramref name="futures"/> finish (asyncio's
    /// <c>as_completed</c>): awaiting the first element gives the result of the first to finish (or
    /// raises its exception), and so on.
    /// <code>
    /// foreach (Future&lt;int&gt; next in Asyncio.AsCompleted(tasks, timeout: 10))
    /// {
    ///     int result = await next; // earliest first
    /// }
    /// </code>
    /// </summary>
    /// <remarks>
    /// The elements are not the futures given but coroutines (asyncio's <c>_wait_for_one()</c>): each one
    /// awaited gives the next future to finish, whichever element it is. Once <paramref name="timeout"/>
    /// seconds pass, the elements awaited after that raise <see cref="TimeoutException"/>. The futures given
    /// are never cancelled. Duplicates count once. The clock starts at this call.
    /// </remarks>
    /// <exception cref="ArgumentException">A null element, or futures of different loops.</exception>
    public static IEnumerable<Future<T>> AsCompleted<T>(IEnumerable<Future<T>> futures, double? timeout = null)
    {
        Future<T>[] children = Distinct(ToChildArray(futures, nameof(futures)));
        if (children.Length == 0)
        {
            return Array.Empty<Future<T>>();
        }
        EventLoop loop = BindChildren<Future<T>>(children, nameof(futures));
        var queue = new AsCompletedQueue<Future<T>>(loop, children);
        queue.Start(timeout);
        return NextResults(queue);
    }

    /// <summary>
    /// <see cref="AsCompleted{T}(IEnumerable{Future{T}}, double?)"/> for futures of any result types:
    /// awaiting an element completes (or raises) as the next future to finish did.
    /// </summary>
    public static IEnumerable<Future> AsCompleted(IEnumerable<Future> futures, double? timeout = null)
    {
        Future[] children = Distinct(ToChildArray(futures, nameof(futures)));
        if (children.Length == 0)
        {
            return Array.Empty<Future>();
        }
        EventLoop loop = BindChildren<Future>(children, nameof(futures));
        var queue = new AsCompletedQueue<Future>(loop, children);
        queue.Start(timeout);
        return NextOutcomes(queue);
    }

    private static IEnumerable<Future<T>> NextResults<T>(AsCompletedQueue<Future<T>> queue)
    {
        for (int i = 0; i < queue.Count; i++)
        {
            yield return NextResultAsync(queue);
        }
    }

    private static async FutureTask<T> NextResultAsync<T>(AsCompletedQueue<Future<T>> queue)
    {
        Future<T> finished = await queue.TakeAsync() ?? throw new TimeoutException();
        return finished.GetResult();
    }

    private static IEnumerable<Future> NextOutcomes(AsCompletedQueue<Future> queue)
    {
        for (int i = 0; i < queue.Count; i++)
        {
            yield return NextOutcomeAsync(queue);
        }
    }

    private static async FutureTask NextOutcomeAsync(AsCompletedQueue<Future> queue)
    {
        Future finished = await queue.TakeAsync() ?? throw new TimeoutException();
        finished.GetResult();
    }

    /// <summary>
    /// The futures given, yielded as they finish (asyncio 3.13's <c>async for f in as_completed(...)</c>,
    /// which yields the original tasks): <c>await foreach (var task in Asyncio.AsCompletedAsync(tasks))</c>.
    /// Once <paramref name="timeout"/> seconds pass, the next <c>MoveNextAsync</c> raises
    /// <see cref="TimeoutException"/>. The clock starts at this call.
    /// </summary>
    /// <remarks>
    /// <c>MoveNextAsync</c> returns a <see cref="System.Threading.Tasks.ValueTask{TResult}"/>, which a
    /// coroutine awaits like any BCL awaitable: a cancellation request reaches the coroutine at its next
    /// await of a future, not while it waits for the next element.
    /// </remarks>
    public static IAsyncEnumerable<Future<T>> AsCompletedAsync<T>(IEnumerable<Future<T>> futures, double? timeout = null) =>
        AsCompletedAsyncCore(futures, timeout);

    /// <summary>The futures given, of any result types, yielded as they finish; see <see cref="AsCompletedAsync{T}(IEnumerable{Future{T}}, double?)"/>.</summary>
    public static IAsyncEnumerable<Future> AsCompletedAsync(IEnumerable<Future> futures, double? timeout = null) =>
        AsCompletedAsyncCore(futures, timeout);

    private static IAsyncEnumerable<TFuture> AsCompletedAsyncCore<TFuture>(IEnumerable<TFuture> futures, double? timeout)
        where TFuture : Future
    {
        TFuture[] children = Distinct(ToChildArray(futures, nameof(futures)));
        if (children.Length == 0)
        {
            return YieldFinished(Array.Empty<Future<TFuture>>(), default);
        }
        EventLoop loop = BindChildren<TFuture>(children, nameof(futures));
        var core = new AsCompletedFutures<TFuture>(loop, children);
        core.Start(loop, timeout);
        return YieldFinished(core.Slots, default);
    }

    private static async IAsyncEnumerable<TFuture> YieldFinished<TFuture>(
        Future<TFuture>[] slots, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TFuture : Future
    {
        foreach (Future<TFuture> slot in slots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return await slot;
        }
    }
}
