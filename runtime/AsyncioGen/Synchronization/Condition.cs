using System;
using System.Runtime.ExceptionServices;

namespace AsyncioGen;

/// <summary>
/// asyncio's <c>Condition</c>: tasks holding its lock wait to be notified. <see cref="WaitAsync"/>
/// releases the lock, waits, and re-acquires it before returning, even when cancelled.
/// </summary>
public sealed class Condition : IWaiterOwner
{
    private readonly Lock _lock;
    private WaiterList<PrimitiveWaiter> _waiters;
    private EventLoop? _loop;

    /// <summary>Creates a condition over <paramref name="lock"/>, or over a new <see cref="Lock"/>.</summary>
    public Condition(Lock? @lock = null)
    {
        _lock = @lock ?? new Lock();
    }

    /// <summary>True if the underlying lock is held.</summary>
    public bool Locked => _lock.Locked;

    /// <summary>Acquires the underlying lock.</summary>
    public PrimitiveAwaitable AcquireAsync() => _lock.AcquireAsync();

    /// <summary>Acquires the underlying lock and returns a releaser for <c>using</c> (asyncio's <c>async with cond:</c>).</summary>
    public LockAwaitable LockAsync() => _lock.LockAsync();

    /// <summary>Releases the underlying lock.</summary>
    public void Release() => _lock.Release();

    /// <summary>
    /// Releases the lock, waits until notified, and re-acquires the lock (asyncio's <c>wait()</c>). The
    /// lock is held again when this returns or throws, also when the wait is cancelled. May return
    /// spuriously: re-check the state, or use <see cref="WaitForAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public FutureTask<bool> WaitAsync() => WaitCoreAsync();

    private async FutureTask<bool> WaitCoreAsync()
    {
        if (!_lock.Locked)
        {
            throw new InvalidOperationException("cannot wait on un-acquired lock");
        }
        var waiter = new PrimitiveWaiter(this, LoopBinding.Bind(ref _loop, this));
        _lock.Release();
        try
        {
            try
            {
                _waiters.Append(waiter);
                await new PrimitiveAwaitable(waiter);
                return true;
            }
            finally
            {
                // The lock must be re-acquired even if the wait was cancelled; only cancellation is retried.
                OperationCanceledException? error = null;
                while (true)
                {
                    try
                    {
                        await _lock.AcquireAsync();
                        break;
                    }
                    catch (OperationCanceledException e)
                    {
                        error = e;
                    }
                }
                if (error is not null)
                {
                    ExceptionDispatchInfo.Throw(error);
                }
            }
        }
        catch (Exception)
        {
            // Whatever ends the wait may come after a notify chose us: pass that notification on.
            NotifyCore(1);
            throw;
        }
    }

    void IWaiterOwner.OnWaiterResumed(PrimitiveWaiter waiter)
    {
        _waiters.Remove(waiter);
        waiter.GetResultForAwait();
    }

    /// <summary>
    /// Waits until <paramref name="predicate"/> is true and returns its last value (asyncio's
    /// <c>wait_for</c>); a true predicate returns at once.
    /// </summary>
    public async FutureTask<bool> WaitForAsync(Func<bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        bool result = predicate();
        while (!result)
        {
            await WaitAsync();
            result = predicate();
        }
        return result;
    }

    /// <summary>Wakes up to <paramref name="n"/> waiters (asyncio's <c>notify(n=1)</c>); they return once they re-acquire the lock.</summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public void Notify(int n = 1)
    {
        if (!_lock.Locked)
        {
            throw new InvalidOperationException("cannot notify on un-acquired lock");
        }
        NotifyCore(n);
    }

    /// <summary>Wakes every waiter (asyncio's <c>notify_all()</c>).</summary>
    /// <exception cref="InvalidOperationException">The lock is not held.</exception>
    public void NotifyAll() => Notify(_waiters.Count);

    private void NotifyCore(int n)
    {
        int woken = 0;
        for (PrimitiveWaiter? waiter = _waiters.First; waiter is not null && woken < n; waiter = waiter.NextWaiter)
        {
            if (!waiter.IsDone)
            {
                woken++;
                waiter.SetResult();
            }
        }
    }

    /// <summary>asyncio's repr: <c>&lt;Condition [unlocked]&gt;</c>, <c>&lt;Condition [locked, waiters:1]&gt;</c>.</summary>
    public override string ToString() =>
        "<Condition [" + (_lock.Locked ? "locked" : "unlocked") + SyncRepr.Waiters(_waiters.Count) + "]>";
}
