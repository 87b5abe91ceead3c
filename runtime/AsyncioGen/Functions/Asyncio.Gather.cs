using System;
using System.Collections.Generic;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// A future of the results of <paramref name="futures"/>, in argument order (asyncio's
    /// <c>gather</c>). Tasks are futures, so coroutines are gathered by calling them:
    /// <c>await Asyncio.Gather(FetchAsync(1), FetchAsync(2))</c>.
    /// </summary>
    /// <remarks>
    /// <para>The first child to fail makes the gather fail with that exception; the other children keep
    /// running. A child cancelled on its own makes the gather fail with <see cref="CancelledError"/>.</para>
    /// <para>Cancelling the gather cancels every child that is not done; the gather then raises
    /// <see cref="CancelledError"/>. A gather of nothing is done at once with an empty array.</para>
    /// <para>The array is kept, not copied: do not change it while the gather runs.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">A null element, or futures of different loops.</exception>
    public static Future<T[]> Gather<T>(params Future<T>[] futures)
    {
        ArgumentNullException.ThrowIfNull(futures);
        if (futures.Length == 0)
        {
            return Completed(GetEventLoop(), Array.Empty<T>());
        }
        EventLoop loop = BindChildren<Future<T>>(futures, nameof(futures));
        var gather = new TypedGatherFuture<T>(loop, futures);
        gather.Start();
        return gather;
    }

    /// <summary>A future of the results of <paramref name="futures"/>, in order; see <see cref="Gather{T}(Future{T}[])"/>.</summary>
    public static Future<T[]> Gather<T>(IEnumerable<Future<T>> futures) =>
        Gather(ToChildArray(futures, nameof(futures)));

    /// <summary>
    /// A future of the results of futures of any result types, boxed, in argument order (a result-less
    /// future contributes <see langword="null"/>); see <see cref="Gather{T}(Future{T}[])"/>.
    /// </summary>
    public static Future<object?[]> Gather(params Future[] futures) => Gather(returnExceptions: false, futures);

    /// <summary>
    /// Like <see cref="Gather(Future[])"/>; with <paramref name="returnExceptions"/>, failures do not fail
    /// the gather: each failed child contributes its exception, and each child cancelled on its own a
    /// <see cref="CancelledError"/>, in its place among the results.
    /// </summary>
    public static Future<object?[]> Gather(bool returnExceptions, params Future[] futures)
    {
        ArgumentNullException.ThrowIfNull(futures);
        if (futures.Length == 0)
        {
            return Completed(GetEventLoop(), Array.Empty<object?>());
        }
        EventLoop loop = BindChildren<Future>(futures, nameof(futures));
        var gather = new MixedGatherFuture(loop, futures, returnExceptions);
        gather.Start();
        return gather;
    }

    /// <summary>A future of the boxed results of <paramref name="futures"/>; see <see cref="Gather(bool, Future[])"/>.</summary>
    public static Future<object?[]> Gather(IEnumerable<Future> futures, bool returnExceptions = false) =>
        Gather(returnExceptions, ToChildArray(futures, nameof(futures)));

    private static Future<T> Completed<T>(EventLoop loop, T result)
    {
        var future = new Future<T>(loop);
        future.SetResult(result);
        return future;
    }
}
