using System;
using System.Globalization;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// A callback scheduled for a point in loop time by <c>CallLater</c> or <c>CallAt</c>
/// (asyncio's <c>TimerHandle</c>).
/// </summary>
public sealed class TimerHandle
{
    internal ReadyItem Item;
    internal readonly EventLoop Loop;
    internal long Sequence;             // set when the timer joins the heap (on the loop thread)
    internal bool InHeap;
    internal bool CountedAsCancelled;   // the loop counted this timer among the heap's cancelled ones
    private volatile bool _cancelled;

    internal TimerHandle(EventLoop loop, double when, in ReadyItem item)
    {
        Loop = loop;
        When = when;
        Item = item;
    }

    /// <summary>The loop time (<see cref="EventLoop.Time"/>, in seconds) the callback is due.</summary>
    public double When { get; }

    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    public bool IsCancelled => _cancelled;

    /// <summary>Cancels the callback if it has not run yet. Calling it again does nothing.</summary>
    public void Cancel()
    {
        if (_cancelled)
        {
            return;
        }
        _cancelled = true;
        if (!Loop.IsOwnerThread)
        {
            // The heap's bookkeeping belongs to the loop thread; the flag above already keeps the callback from running.
            try
            {
                Loop.PostCall(static timer => timer.ForgetCancelled(), this);
            }
            catch (InvalidOperationException)
            {
                // The loop is closed: it holds no timers any more.
            }
            return;
        }
        ForgetCancelled();
    }

    private void ForgetCancelled()
    {
        if (InHeap && !CountedAsCancelled)
        {
            Loop.OnTimerCancelled(this);
        }
        // Drop the references now: a cancelled timer may sit in the heap until it is due.
        Item = default;
    }

    internal void Run()
    {
        if (!_cancelled)
        {
            Item.Invoke();
        }
    }

    internal string DescribeCallback() => Item.Callback is null && Item.Invoker is null ? "" : Item.Describe();

    /// <summary><c>&lt;TimerHandle when=12.5 Type.Method()&gt;</c>, with <c>cancelled</c> when cancelled.</summary>
    public override string ToString()
    {
        string when = "when=" + When.ToString("R", CultureInfo.InvariantCulture);
        string callback = DescribeCallback();
        string text = _cancelled ? "<TimerHandle cancelled " + when : "<TimerHandle " + when;
        return callback.Length == 0 ? text + ">" : text + " " + callback + ">";
    }

    /// <summary>Runs the timer's callback from the ready queue; skipped if cancelled meanwhile.</summary>
    internal static readonly ReadyInvoker RunFromQueue = static (_, state, _) => ((TimerHandle)state!).Run();

    internal ExecutionContext? Context => Item.Context;
}
