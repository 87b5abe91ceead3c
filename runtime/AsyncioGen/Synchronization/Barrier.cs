using System;
using System.Globalization;

namespace AsyncioGen;

/// <summary>
/// asyncio's <c>Barrier</c> (3.11): <see cref="Parties"/> tasks meet at <see cref="WaitAsync"/> and are
/// released together; each gets its own index from 0 to Parties-1. Built, as asyncio's, on a <see cref="Condition"/>.
/// </summary>
public sealed class Barrier
{
    private enum State
    {
        Filling,
        Draining,
        Resetting,
        Broken,
    }

    private readonly Condition _cond = new();
    private readonly int _parties;
    private State _state = State.Filling;
    private int _count;

    /// <summary>Creates a barrier for <paramref name="parties"/> tasks.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parties"/> is below 1.</exception>
    public Barrier(int parties)
    {
        if (parties < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parties), parties, "parties must be >= 1");
        }
        _parties = parties;
    }

    /// <summary>The number of tasks needed to pass the barrier.</summary>
    public int Parties => _parties;

    /// <summary>The number of tasks waiting while the barrier fills (0 while it drains or resets).</summary>
    public int NWaiting => _state == State.Filling ? _count : 0;

    /// <summary>True if the barrier is broken (<see cref="AbortAsync"/>).</summary>
    public bool Broken => _state == State.Broken;

    /// <summary>
    /// Waits until <see cref="Parties"/> tasks wait, then releases them all; returns this task's index
    /// (asyncio's <c>wait()</c>).
    /// </summary>
    /// <exception cref="BrokenBarrierError">The barrier was aborted, or reset while this task waited.</exception>
    public async FutureTask<int> WaitAsync()
    {
        using (await _cond.LockAsync())
        {
            await BlockAsync();
            try
            {
                int index = _count;
                _count++;
                if (index + 1 == _parties)
                {
                    ReleaseWaiters();
                }
                else
                {
                    await WaitToBeReleasedAsync();
                }
                return index;
            }
            finally
            {
                _count--;
                Exit();
            }
        }
    }

    /// <summary>Waits while the barrier drains or resets; a broken barrier throws.</summary>
    private async FutureTask BlockAsync()
    {
        await _cond.WaitForAsync(() => _state is not (State.Draining or State.Resetting));
        if (_state == State.Broken)
        {
            throw new BrokenBarrierError("Barrier aborted");
        }
    }

    private void ReleaseWaiters()
    {
        _state = State.Draining;
        _cond.NotifyAll();
    }

    private async FutureTask WaitToBeReleasedAsync()
    {
        await _cond.WaitForAsync(() => _state != State.Filling);
        if (_state is State.Broken or State.Resetting)
        {
            throw new BrokenBarrierError("Abort or reset of barrier");
        }
    }

    /// <summary>The last task out of a drain or reset lets the barrier fill again.</summary>
    private void Exit()
    {
        if (_count == 0)
        {
            if (_state is State.Resetting or State.Draining)
            {
                _state = State.Filling;
            }
            _cond.NotifyAll();
        }
    }

    /// <summary>Returns the barrier to its empty state; tasks waiting in it get <see cref="BrokenBarrierError"/> (asyncio's <c>reset()</c>).</summary>
    public async FutureTask ResetAsync()
    {
        using (await _cond.LockAsync())
        {
            if (_count > 0)
            {
                _state = State.Resetting;
            }
            else
            {
                _state = State.Filling;
            }
            _cond.NotifyAll();
        }
    }

    /// <summary>Breaks the barrier: current and future waits throw <see cref="BrokenBarrierError"/> (asyncio's <c>abort()</c>).</summary>
    public async FutureTask AbortAsync()
    {
        using (await _cond.LockAsync())
        {
            _state = State.Broken;
            _cond.NotifyAll();
        }
    }

    /// <summary>asyncio's repr: <c>&lt;Barrier [filling, waiters:1/3]&gt;</c>, <c>&lt;Barrier [broken]&gt;</c>.</summary>
    public override string ToString()
    {
        string state = _state switch
        {
            State.Filling => "filling",
            State.Draining => "draining",
            State.Resetting => "resetting",
            _ => "broken",
        };
        if (_state != State.Broken)
        {
            state += ", waiters:" + NWaiting.ToString(CultureInfo.InvariantCulture) + "/" + _parties.ToString(CultureInfo.InvariantCulture);
        }
        return "<Barrier [" + state + "]>";
    }
}
