using System;
using System.ComponentModel;

namespace AsyncioGen.Interop;

/// <summary>
/// The future of an event-based twin with <c>[Future(Cancel = ...)]</c>: cancelling it calls the API's cancel
/// method (<c>SendAsyncCancel</c>) on the owner. The cancel delegate is a static lambda the compiler caches.
/// A cancellation the API itself reported (<c>Cancelled</c> in the completion event) does not call it again.
/// For generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedEapFuture<TOwner, T> : GeneratedFuture<T>
{
    private readonly TOwner _owner;
    private readonly Action<TOwner, object> _cancel;

    /// <summary>Creates a pending future on <paramref name="loop"/> for an operation of <paramref name="owner"/>.</summary>
    public GeneratedEapFuture(EventLoop loop, TOwner owner, Action<TOwner, object> cancel) : base(loop)
    {
        _owner = owner;
        _cancel = cancel ?? throw new ArgumentNullException(nameof(cancel));
    }

    /// <inheritdoc/>
    public override bool Cancel(string? message = null)
    {
        bool requested = !CallbackInvoked;
        if (!base.Cancel(message))
        {
            return false;
        }
        if (requested)
        {
            GeneratedEapCompletion.RequestCancel(this, _owner, _cancel);
        }
        return true;
    }
}

/// <summary>The result-less <see cref="GeneratedEapFuture{TOwner, T}"/>. For generated code only.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedEapFuture<TOwner> : GeneratedFuture
{
    private readonly TOwner _owner;
    private readonly Action<TOwner, object> _cancel;

    /// <summary>Creates a pending future on <paramref name="loop"/> for an operation of <paramref name="owner"/>.</summary>
    public GeneratedEapFuture(EventLoop loop, TOwner owner, Action<TOwner, object> cancel) : base(loop)
    {
        _owner = owner;
        _cancel = cancel ?? throw new ArgumentNullException(nameof(cancel));
    }

    /// <inheritdoc/>
    public override bool Cancel(string? message = null)
    {
        bool requested = !CallbackInvoked;
        if (!base.Cancel(message))
        {
            return false;
        }
        if (requested)
        {
            GeneratedEapCompletion.RequestCancel(this, _owner, _cancel);
        }
        return true;
    }
}
