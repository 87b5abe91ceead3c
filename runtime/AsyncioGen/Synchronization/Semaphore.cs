using System;
using System.Globalization;

namespace AsyncioGen;

/// <summary>
/// asyncio's <c>Semaphore</c>: a counter that <see cref="AcquireAsync"/> decrements (waiting while it is
/// zero) and <see cref="Release"/> increments. Waiters are served in FIFO order: a newcomer waits while
/// earlier waiters have not run, even if the counter is positive.
/// </summary>
public class Semaphore : IReleasable, IWaiterOwner
{
    private int _value;
    private WaiterList<PrimitiveWaiter> _waiters;
    // Every waiter before this one is done (woken or cancelled, not yet resumed): WakeUpNext starts here
    // instead of rescanning them, which a fan-out with many woken waiters would do on every release.
    private PrimitiveWaiter? _wakeCursor;
    private EventLoop? _loop;
    private readonly PrimitiveWaiter _ready;

    /// <summary>Creates a semaphore with the counter at <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative.</exception>
    public Semaphore(int value = 1)
    {
        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Semaphore initial value must be >= 0");
        }
        _value = value;
        _ready = PrimitiveWaiter.CreateReadyToken(this);
    }

    /// <summary>The counter (what asyncio's repr shows as <c>value:N</c>).</summary>
    public int Value => _value;

    /// <summary>
    /// True if an acquire would not complete at once (asyncio's <c>locked()</c>): the counter is zero, or
    /// tasks that are not cancelled wait before it.
    /// </summary>
    public bool Locked => _value == 0 || HasLiveWaiter();

    /// <summary>Decrements the counter, waiting while it is zero (asyncio's <c>acquire()</c>); the result is always <see langword="true"/>.</summary>
    public PrimitiveAwaitable AcquireAsync() => new(this);

    /// <summary>Acquires and returns a releaser for <c>using</c> (asyncio's <c>async with sem:</c>).</summary>
    public LockAwaitable LockAsync() => new(this);

    /// <summary>Increments the counter and wakes the first waiter (asyncio's <c>release()</c>).</summary>
    public virtual void Release()
    {
        _value++;
        WakeUpNext();
    }

    PrimitiveWaiter IWaitSource.BeginWait()
    {
        if (!Locked)
        {
            _value--;
            return _ready;
        }
        var waiter = new PrimitiveWaiter(this, LoopBinding.Bind(ref _loop, this));
        _waiters.Append(waiter);
        _wakeCursor ??= waiter;
        return waiter;
    }

    void IWaiterOwner.OnWaiterResumed(PrimitiveWaiter waiter)
    {
        if (ReferenceEquals(waiter, _wakeCursor))
        {
            _wakeCursor = waiter.NextWaiter;
        }
        _waiters.Remove(waiter);
        try
        {
            try
            {
                waiter.GetResultForAwait();
            }
            catch (OperationCanceledException)
            {
                if (waiter.IsDone && !waiter.IsCancelled)
                {
                    // Woken (the counter was taken for us by WakeUpNext) but cancelled before running: give it back.
                    _value++;
                }
                throw;
            }
        }
        finally
        {
            // Newcomers may have queued behind us for FIFO's sake: wake as many as the counter allows.
            while (_value > 0 && WakeUpNext())
            {
            }
        }
    }

    private bool HasLiveWaiter()
    {
        for (PrimitiveWaiter? waiter = _waiters.First; waiter is not null; waiter = waiter.NextWaiter)
        {
            if (!waiter.IsCancelled)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>asyncio's <c>_wake_up_next</c>: the first waiter not done takes one from the counter now.</summary>
    private bool WakeUpNext()
    {
        for (PrimitiveWaiter? waiter = _wakeCursor; waiter is not null; waiter = waiter.NextWaiter)
        {
            if (!waiter.IsDone)
            {
                _value--;
                waiter.SetResult();
                _wakeCursor = waiter.NextWaiter;
                return true;
            }
        }
        _wakeCursor = null;
        return false;
    }

    private protected virtual string ReprName => "Semaphore";

    /// <summary>asyncio's repr: <c>&lt;Semaphore [unlocked, value:1]&gt;</c>, <c>&lt;Semaphore [locked, waiters:2]&gt;</c>.</summary>
    public override string ToString() =>
        "<" + ReprName + " [" + (Locked ? "locked" : "unlocked, value:" + _value.ToString(CultureInfo.InvariantCulture))
        + SyncRepr.Waiters(_waiters.Count) + "]>";
}
