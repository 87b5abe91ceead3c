using System;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// Protects <paramref name="future"/> from cancellation (asyncio's <c>shield</c>):
    /// <c>int n = await Asyncio.Shield(SaveAsync());</c>. Cancelling the task that awaits the result
    /// (or the result itself) makes that await raise <see cref="CancelledError"/> while the inner
    /// future runs on. If the inner finishes first, the result is its outcome; if the inner is
    /// cancelled some other way, so is the result.
    /// </summary>
    /// <remarks>A future already done is returned as it is, as asyncio does.</remarks>
    public static Future<T> Shield<T>(Future<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        EventLoop loop = BindOne(future, nameof(future));
        if (future.IsDone)
        {
            return future;
        }
        var outer = new ShieldFuture<T>(loop, future);
        Shielding.Attach(future, outer);
        return outer;
    }

    /// <summary>Protects a result-less <paramref name="future"/> from cancellation; see <see cref="Shield{T}(Future{T})"/>.</summary>
    public static Future Shield(Future future)
    {
        ArgumentNullException.ThrowIfNull(future);
        EventLoop loop = BindOne(future, nameof(future));
        if (future.IsDone)
        {
            return future;
        }
        var outer = new ShieldFuture(loop, future);
        Shielding.Attach(future, outer);
        return outer;
    }
}
