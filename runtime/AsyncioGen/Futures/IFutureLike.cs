namespace AsyncioGen;

/// <summary>
/// Marks a type as future-like for <see cref="Asyncio.IsFuture(object?)"/> and
/// <c>Asyncio.EnsureFuture</c>: the counterpart of asyncio's <c>_asyncio_future_blocking</c>
/// duck-typing attribute. <see cref="Future"/> and every task implement it.
/// </summary>
public interface IFutureLike
{
    /// <summary>True once the operation has a result, an exception, or was cancelled.</summary>
    bool IsDone { get; }

    /// <summary>True if the operation was cancelled.</summary>
    bool IsCancelled { get; }
}
