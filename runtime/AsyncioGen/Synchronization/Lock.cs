using System;

namespace AsyncioGen;

/// <summary>
/// asyncio's <c>Lock</c>: a mutual-exclusion lock for tasks on one loop, not owned by the task that
/// acquired it. Waiters are woken in FIFO order. Use it from its loop's thread.
/// </summary>
/// <remarks>
/// <c>using (await lk.LockAsync()) { ... }</c> is <c>async with lk:</c>; <c>await lk.AcquireAsync()</c>
/// with <c>lk.Release()</c> in a <c>finally</c> is the long form. An uncontended acquire completes
/// without suspending and allocates nothing; a contended one costs its waiter future.
/// </remarks>
public sealed class Lock : IReleasable, IWaiterOwner
{
    private bool _locked;
    private WaiterList<PrimitiveWaiter> _waiters;
    private EventLoop? _loop;
    private readonly PrimitiveWaiter _ready;

    /// <summary>Creates an unlocked lock; it binds to the running loop when it first has to wait.</summary>
    public Lock()
    {
        _ready = PrimitiveWaiter.CreateReadyToken(this);
    }

    /// <summary>True if the lock is held (asyncio's <c>locked()</c>).</summary>
    public bool Locked => _locked;

    /// <summary>
    /// Acquires the lock (asyncio's <c>acquire()</c>): at once if it is free and nobody waits, else after
    /// the waiters before this one. The result is always <see langword="true"/>.
    /// </summary>
    public PrimitiveAwaitable AcquireAsync() => new(this);

    /// <summary>Acquires the lock and returns a releaser for <c>using</c> (asyncio's <c>async with lock:</c>).</summary>
    public LockAwaitable LockAsync() => new(this);

    /// <summary>Releases the lock and wakes the first waiter (asyncio's <c>release()</c>).</summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public void Release()
    {
        if (!_locked)
        {
            throw new InvalidOperationException("Lock is not acquired.");
        }
        _locked = false;
        WakeUpFirst();
    }

    PrimitiveWaiter IWaitSource.BeginWait()
    {
        // Fair scheduling: a newcomer waits its turn; jumping the queue when every waiter is cancelled is fine.
        if (!_locked && AllWaitersCancelled())
        {
            _locked = true;
            return _ready;
        }
        var waiter = new PrimitiveWaiter(this, LoopBinding.Bind(ref _loop, this));
        _waiters.Append(waiter);
        return waiter;
    }

    void IWaiterOwner.OnWaiterResumed(PrimitiveWaiter waiter)
    {
        _waiters.Remove(waiter);
        try
        {
            waiter.GetResultForAwait();
        }
        catch (OperationCanceledException)
        {
            // Cancelled, possibly after release() woke us: if nobody holds the lock, the next waiter must run.
            if (!_locked)
            {
                WakeUpFirst();
            }
            throw;
        }
        _locked = true;
    }

    private bool AllWaitersCancelled()
    {
        for (PrimitiveWaiter? waiter = _waiters.First; waiter is not null; waiter = waiter.NextWaiter)
        {
            if (!waiter.IsCancelled)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>asyncio's <c>_wake_up_first</c>: only the head; a done head is already on its way.</summary>
    private void WakeUpFirst()
    {
        PrimitiveWaiter? first = _waiters.First;
        if (first is not null && !first.IsDone)
        {
            first.SetResult();
        }
    }

    /// <summary>asyncio's repr: <c>&lt;Lock [unlocked]&gt;</c>, <c>&lt;Lock [locked, waiters:2]&gt;</c>.</summary>
    public override string ToString() =>
        "<Lock [" + (_locked ? "locked" : "unlocked") + SyncRepr.Waiters(_waiters.Count) + "]>";
}
