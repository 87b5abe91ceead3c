using System;
using System.Globalization;

namespace AsyncioGen;

/// <summary>
/// The deadline of an <see cref="Asyncio.Timeout{T}(double?, Func{TimeoutScope, FutureTask{T}})"/> block
/// (asyncio's <c>asyncio.Timeout</c>): the block's code receives it to read <see cref="When"/>, move
/// the deadline with <see cref="Reschedule"/> and ask <see cref="Expired"/>.
/// </summary>
/// <remarks>
/// When the deadline passes, the task running the block is cancelled (a request, as any
/// <see cref="IFutureTask.Cancel"/>). When the block then ends with <see cref="CancelledError"/>, and
/// no other cancellation of that task is pending (<see cref="IFutureTask.Cancelling"/> is back to
/// what it was on entry after <see cref="IFutureTask.Uncancel"/>), the error becomes a
/// <see cref="TimeoutException"/> whose <see cref="Exception.InnerException"/> is that
/// <see cref="CancelledError"/>. A block that swallows the cancellation and returns keeps its result.
/// </remarks>
public sealed class TimeoutScope
{
    /// <summary>The message of the <see cref="TimeoutException"/>s the task functions raise.</summary>
    internal const string TimeoutMessage = "The operation has timed out.";

    private enum State
    {
        Created,
        Entered,
        Expiring,
        Expired,
        Exited,
    }

    private readonly EventLoop _loop;
    private double? _when;
    private TimerHandle? _timer;
    private Handle _soon;
    private bool _soonScheduled;
    private Future? _task;
    private int _cancelling;
    private State _state;

    internal TimeoutScope(EventLoop loop, double? when)
    {
        _loop = loop;
        _when = when;
    }

    /// <summary>The deadline in loop time (<see cref="EventLoop.Time"/>), or <see langword="null"/> for none.</summary>
    public double? When => _when;

    /// <summary>True once the deadline passed and the block's task was cancelled for it (asyncio's <c>expired()</c>).</summary>
    public bool Expired => _state is State.Expiring or State.Expired;

    /// <summary>
    /// Moves the deadline to loop time <paramref name="when"/> (<see langword="null"/>: no deadline);
    /// a deadline already past cancels at the next loop iteration (asyncio's <c>reschedule</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The block has not started, or the scope has expired or ended.</exception>
    public void Reschedule(double? when)
    {
        if (_state != State.Entered)
        {
            throw new InvalidOperationException(_state == State.Created
                ? "Timeout has not been entered"
                : "Cannot change state of " + StateName + " Timeout");
        }
        if (when is { } value && double.IsNaN(value))
        {
            throw new ArgumentException("The deadline must be a number, not NaN.", nameof(when));
        }
        _when = when;
        CancelHandler();
        if (when is not { } deadline)
        {
            return;
        }
        if (deadline <= _loop.Time())
        {
            _soon = _loop.CallSoon(static scope => scope.OnTimeout(), this);
            _soonScheduled = true;
        }
        else
        {
            _timer = _loop.CallAt(deadline, static scope => scope.OnTimeout(), this);
        }
    }

    /// <summary>Moves the deadline to <paramref name="delay"/> seconds from now.</summary>
    public void RescheduleIn(double delay) => Reschedule(_loop.Time() + delay);

    /// <summary>The block starts running in <paramref name="task"/>: arm the deadline.</summary>
    internal void Enter(Future task)
    {
        if (_state != State.Created)
        {
            throw new InvalidOperationException("Timeout has already been entered");
        }
        _state = State.Entered;
        _task = task;
        _cancelling = ((IFutureTask)task).Cancelling();
        Reschedule(_when);
    }

    /// <summary>
    /// The block ended with <paramref name="error"/> (null: normally). Returns the
    /// <see cref="TimeoutException"/> to raise instead, or null to let the outcome through (asyncio's
    /// <c>__aexit__</c>).
    /// </summary>
    internal Exception? Exit(Exception? error)
    {
        CancelHandler();
        if (_state == State.Expiring)
        {
            _state = State.Expired;
            // Uncancel first, always: the request this timeout made is withdrawn whatever happened.
            if (((IFutureTask)_task!).Uncancel() <= _cancelling && error is CancelledError)
            {
                return new TimeoutException(TimeoutMessage, error);
            }
        }
        else if (_state == State.Entered)
        {
            _state = State.Exited;
        }
        return null;
    }

    private void OnTimeout()
    {
        _timer = null;
        _soonScheduled = false;
        if (_state != State.Entered)
        {
            return;
        }
        ((IFutureTask)_task!).Cancel();
        _state = State.Expiring;
    }

    private void CancelHandler()
    {
        _timer?.Cancel();
        _timer = null;
        if (_soonScheduled)
        {
            _soon.Cancel();
            _soonScheduled = false;
        }
    }

    private string StateName => _state switch
    {
        State.Created => "created",
        State.Entered => "active",
        State.Expiring => "expiring",
        State.Expired => "expired",
        _ => "finished",
    };

    /// <summary>asyncio's repr: <c>&lt;Timeout [active] when=12.5&gt;</c>, <c>&lt;Timeout [expired]&gt;</c>.</summary>
    public override string ToString()
    {
        string when = _state == State.Entered
            ? " when=" + (_when is { } value ? Math.Round(value, 3).ToString("R", CultureInfo.InvariantCulture) : "None")
            : "";
        return "<Timeout [" + StateName + "]" + when + ">";
    }
}
