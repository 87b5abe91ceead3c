using System;

namespace AsyncioGen;

/// <summary>
/// The bookkeeping of <see cref="Asyncio.AsCompleted{T}(System.Collections.Generic.IEnumerable{Future{T}}, double?)"/>
/// (asyncio's <c>as_completed</c>): one slot future per distinct child; the k-th child to finish
/// fills the k-th slot, and the timeout fails every slot still empty with <see cref="TimeoutException"/>.
/// Registered on each child with a static invoker: no delegate per child.
/// </summary>
internal abstract class AsCompletedCore<TFuture>
    where TFuture : Future
{
    private static readonly ReadyInvoker s_onChildDone = static (_, child, core) =>
        ((AsCompletedCore<TFuture>)core!).OnChildDone((TFuture)child!);

    private readonly TFuture[] _children;
    private int _pending;
    private int _next;
    private TimerHandle? _timer;
    private bool _timedOut;

    private protected AsCompletedCore(TFuture[] children)
    {
        _children = children;
        _pending = children.Length;
    }

    /// <summary>The slot the <paramref name="index"/>-th finisher goes to.</summary>
    private protected abstract Future Slot(int index);

    /// <summary>Hands a finished child to its slot.</summary>
    private protected abstract void Deliver(Future slot, TFuture child);

    /// <summary>Registers on the children and starts the timeout; call once the slots exist.</summary>
    internal void Start(EventLoop loop, double? timeout)
    {
        foreach (TFuture child in _children)
        {
            child.AddDoneCallbackCore(new DoneCallback(null, this, s_onChildDone, null));
        }
        if (timeout is { } seconds && _children.Length > 0)
        {
            _timer = loop.CallLater(seconds, static core => core.OnTimeout(), this);
        }
    }

    private void OnChildDone(TFuture child)
    {
        if (_timedOut)
        {
            return;
        }
        _pending--;
        // A slot cancelled by its consumer is skipped: the result goes to the next await, as asyncio's
        // queue hands it to the next _wait_for_one.
        while (_next < _children.Length && Slot(_next).IsDone)
        {
            _next++;
        }
        if (_next < _children.Length)
        {
            Deliver(Slot(_next++), child);
        }
        if (_pending == 0)
        {
            _timer?.Cancel();
            _timer = null;
        }
    }

    private void OnTimeout()
    {
        _timer = null;
        _timedOut = true;
        foreach (TFuture child in _children)
        {
            child.RemoveDoneCallbacksWithArg(this);
        }
        for (int i = _next; i < _children.Length; i++)
        {
            Future slot = Slot(i);
            if (!slot.IsDone)
            {
                slot.CompleteWithException(new TimeoutException());
                // Only the next await is expected to see it; the others are not "never retrieved" failures.
                slot.GetException();
            }
        }
        _next = _children.Length;
    }

    /// <summary>Copies a finished child's outcome onto a slot; the child's exception counts as retrieved.</summary>
    private protected static void CopyFailure(Future slot, Future child, out bool copied)
    {
        copied = true;
        if (child.IsCancelled)
        {
            slot.CancelCore(child.CancelMessage);
            return;
        }
        Exception? error = child.GetException();
        if (error is not null)
        {
            slot.CompleteWithException(error);
            return;
        }
        copied = false;
    }
}

/// <summary>Slots whose result is the finished child itself (the async-enumerable form).</summary>
internal sealed class AsCompletedFutures<TFuture> : AsCompletedCore<TFuture>
    where TFuture : Future
{
    private readonly Future<TFuture>[] _slots;

    public AsCompletedFutures(EventLoop loop, TFuture[] children) : base(children)
    {
        _slots = new Future<TFuture>[children.Length];
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Future<TFuture>(loop);
        }
    }

    public Future<TFuture>[] Slots => _slots;

    private protected override Future Slot(int index) => _slots[index];

    private protected override void Deliver(Future slot, TFuture child) =>
        ((Future<TFuture>)slot).SetResultFromTask(child);
}
