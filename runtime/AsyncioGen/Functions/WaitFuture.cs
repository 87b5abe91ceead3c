using System;
using System.Collections.Generic;

namespace AsyncioGen;

/// <summary>
/// The future <see cref="Asyncio.Wait(IEnumerable{Future}, double?, ReturnWhen)"/> returns, and its
/// bookkeeping (asyncio's <c>_wait</c>): registered on every child with a static invoker; on the
/// condition or the timeout it unregisters and splits the children into done and pending. It never
/// cancels a child. Cancelling it (as a task awaiting it does when cancelled) unregisters too.
/// </summary>
internal sealed class WaitFuture<TFuture> : Future<(IReadOnlySet<TFuture> Done, IReadOnlySet<TFuture> Pending)>
    where TFuture : Future
{
    private static readonly ReadyInvoker s_onChildDone = static (_, child, wait) =>
        ((WaitFuture<TFuture>)wait!).OnChildDone((Future)child!);

    private readonly TFuture[] _children;
    private readonly ReturnWhen _returnWhen;
    private int _remaining;
    private TimerHandle? _timer;

    public WaitFuture(EventLoop loop, TFuture[] children, ReturnWhen returnWhen) : base(loop)
    {
        _children = children;
        _returnWhen = returnWhen;
        _remaining = children.Length;
    }

    public void Start(double? timeout)
    {
        if (timeout is { } seconds)
        {
            _timer = GetLoop().CallLater(seconds, static wait => wait.Finish(), this);
        }
        foreach (TFuture child in _children)
        {
            // Done children too: their callback is scheduled at once, as add_done_callback does.
            child.AddDoneCallbackCore(new DoneCallback(null, this, s_onChildDone, null));
        }
    }

    private void OnChildDone(Future child)
    {
        _remaining--;
        if (_remaining <= 0
            || _returnWhen == ReturnWhen.FirstCompleted
            || (_returnWhen == ReturnWhen.FirstException && !child.IsCancelled && child.GetException() is not null))
        {
            Finish();
        }
    }

    private void Finish()
    {
        if (IsDone)
        {
            return;
        }
        Unregister();
        var done = new HashSet<TFuture>(ReferenceEqualityComparer.Instance);
        var pending = new HashSet<TFuture>(ReferenceEqualityComparer.Instance);
        foreach (TFuture child in _children)
        {
            (child.IsDone ? done : pending).Add(child);
        }
        SetResultFromTask((done, pending));
    }

    private void Unregister()
    {
        _timer?.Cancel();
        _timer = null;
        foreach (TFuture child in _children)
        {
            child.RemoveDoneCallbacksWithArg(this);
        }
    }

    /// <summary>Stops waiting: the children are left alone (asyncio's <c>wait</c> never cancels them).</summary>
    public override bool Cancel(string? message = null)
    {
        if (IsCancelFromForeignThread(message, out bool posted))
        {
            return posted;
        }
        bool cancelled = base.Cancel(message);
        if (cancelled)
        {
            Unregister();
        }
        return cancelled;
    }
}
