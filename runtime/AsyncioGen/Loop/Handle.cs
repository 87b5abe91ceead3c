using System;

namespace AsyncioGen;

/// <summary>
/// A callback scheduled with <see cref="EventLoop.CallSoon(Action, System.Threading.ExecutionContext?)"/>
/// (asyncio's <c>Handle</c>). A struct: scheduling allocates nothing. <see cref="Cancel"/> keeps the
/// callback from running if it has not run yet.
/// </summary>
public struct Handle : IEquatable<Handle>
{
    private readonly EventLoop? _loop;
    private readonly long _id;
    private bool _cancelled;

    internal Handle(EventLoop loop, long id)
    {
        _loop = loop;
        _id = id;
        _cancelled = false;
    }

    /// <summary>
    /// True after <see cref="Cancel"/> was called on this handle, or on a copy of it while the callback
    /// was still pending.
    /// </summary>
    public readonly bool IsCancelled => _cancelled || (_loop is not null && _loop.IsHandleCancelled(_id));

    /// <summary>Cancels the callback. Does nothing if it already ran; calling it twice is harmless.</summary>
    public void Cancel()
    {
        _cancelled = true;
        _loop?.CancelHandle(_id);
    }

    /// <inheritdoc/>
    public readonly bool Equals(Handle other) => ReferenceEquals(_loop, other._loop) && _id == other._id;

    /// <inheritdoc/>
    public override readonly bool Equals(object? obj) => obj is Handle other && Equals(other);

    /// <inheritdoc/>
    public override readonly int GetHashCode() => _id.GetHashCode();

    /// <summary>Handles are equal when they schedule the same callback on the same loop.</summary>
    public static bool operator ==(Handle left, Handle right) => left.Equals(right);

    /// <summary>Handles are equal when they schedule the same callback on the same loop.</summary>
    public static bool operator !=(Handle left, Handle right) => !left.Equals(right);

    /// <summary><c>&lt;Handle Type.Method()&gt;</c>, or <c>&lt;Handle cancelled Type.Method()&gt;</c>.</summary>
    public override readonly string ToString()
    {
        string? callback = _loop?.DescribeHandle(_id);
        string state = IsCancelled ? "cancelled" : "";
        if (callback is null)
        {
            return state.Length == 0 ? "<Handle>" : "<Handle " + state + ">";
        }
        return state.Length == 0 ? "<Handle " + callback + ">" : "<Handle " + state + " " + callback + ">";
    }
}
