using System.ComponentModel;

namespace AsyncioGen.Interop;

/// <summary>
/// The future of a twin whose callback form also returns a handle (an operation object, a subscription):
/// the future keeps it in <see cref="Handle"/> so the caller can still use it while awaiting the result.
/// A handle that is an <see cref="System.IDisposable"/> is disposed when the future is cancelled.
/// </summary>
public sealed class GeneratedHandleFuture<T, THandle> : GeneratedFuture<T>
{
    /// <summary>Creates a pending future on <paramref name="loop"/>.</summary>
    public GeneratedHandleFuture(EventLoop loop) : base(loop)
    {
    }

    /// <summary>What the callback form returned (default until it returned, or if it threw).</summary>
    public THandle Handle { get; private set; } = default!;

    /// <summary>Keeps the returned handle. For generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void SetHandle(THandle handle) => Handle = handle;
}

/// <summary>The result-less <see cref="GeneratedHandleFuture{T, THandle}"/>.</summary>
public sealed class GeneratedHandleFuture<THandle> : GeneratedFuture
{
    /// <summary>Creates a pending future on <paramref name="loop"/>.</summary>
    public GeneratedHandleFuture(EventLoop loop) : base(loop)
    {
    }

    /// <summary>What the callback form returned (default until it returned, or if it threw).</summary>
    public THandle Handle { get; private set; } = default!;

    /// <summary>Keeps the returned handle. For generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void SetHandle(THandle handle) => Handle = handle;
}
