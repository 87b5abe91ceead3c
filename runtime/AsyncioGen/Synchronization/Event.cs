namespace AsyncioGen;

/// <summary>
/// asyncio's <c>Event</c>: a flag tasks can wait for. <see cref="Set"/> wakes every waiter;
/// <see cref="WaitAsync"/> on a set event completes without suspending.
/// </summary>
public sealed class Event : IWaitSource, IWaiterOwner
{
    private bool _value;
    private WaiterList<PrimitiveWaiter> _waiters;
    private EventLoop? _loop;
    private readonly PrimitiveWaiter _ready;

    /// <summary>Creates an event whose flag is false.</summary>
    public Event()
    {
        _ready = PrimitiveWaiter.CreateReadyToken(this);
    }

    /// <summary>True if the flag is set (asyncio's <c>is_set()</c>).</summary>
    public bool IsSet => _value;

    /// <summary>Sets the flag and wakes every waiter (asyncio's <c>set()</c>).</summary>
    public void Set()
    {
        if (_value)
        {
            return;
        }
        _value = true;
        for (PrimitiveWaiter? waiter = _waiters.First; waiter is not null; waiter = waiter.NextWaiter)
        {
            if (!waiter.IsDone)
            {
                waiter.SetResult();
            }
        }
    }

    /// <summary>Resets the flag (asyncio's <c>clear()</c>); waiters already woken stay woken.</summary>
    public void Clear() => _value = false;

    /// <summary>Waits until the flag is set (asyncio's <c>wait()</c>); the result is always <see langword="true"/>.</summary>
    public PrimitiveAwaitable WaitAsync() => new(this);

    PrimitiveWaiter IWaitSource.BeginWait()
    {
        if (_value)
        {
            return _ready;
        }
        var waiter = new PrimitiveWaiter(this, LoopBinding.Bind(ref _loop, this));
        _waiters.Append(waiter);
        return waiter;
    }

    void IWaiterOwner.OnWaiterResumed(PrimitiveWaiter waiter)
    {
        _waiters.Remove(waiter);
        waiter.GetResultForAwait();
    }

    /// <summary>asyncio's repr: <c>&lt;Event [unset]&gt;</c>, <c>&lt;Event [set, waiters:1]&gt;</c>.</summary>
    public override string ToString() =>
        "<Event [" + (_value ? "set" : "unset") + SyncRepr.Waiters(_waiters.Count) + "]>";
}
