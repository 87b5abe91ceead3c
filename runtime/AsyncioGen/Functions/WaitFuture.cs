using System;
using System.Collections.Generic;

namespace AsyncioGen;

/// <summary>
/// The waiter of <see cref="Asyncio.Wait(IEnumerable{Future}, double?, ReturnWhen)"/> (asyncio's
/// <c>_wait</c>: its <c>waiter</c> future and <c>_on_completion</c> counter): registered on every child
/// with a static invoker, it completes when the condition is met or the timeout passes. Which children
/// are done is decided by the waiting coroutine when it wakes up, not here (asyncio's rule).
/// </summary>
internal sealed class WaitFuture<TFuture> : Future
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
            _timer = GetLoop().CallLater(seconds, static wait => wait.Release(), this);
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
            Release();
        }
    }

    private void Release()
    {
        if (!IsDone)
        {
            SetResult();
        }
    }

    /// <summary>asyncio's <c>finally</c> of <c>_wait</c>: the timer and every registration go, the children stay untouched.</summary>
    public void Unregister()
    {
        _timer?.Cancel();
        _timer = null;
        foreach (TFuture child in _children)
        {
            child.RemoveDoneCallbacksWithArg(this);
        }
    }

    /// <summary>The children split by whether they are done now.</summary>
    public (IReadOnlySet<TFuture> Done, IReadOnlySet<TFuture> Pending) Split()
    {
        var done = new HashSet<TFuture>(ReferenceEqualityComparer.Instance);
        var pending = new HashSet<TFuture>(ReferenceEqualityComparer.Instance);
        foreach (TFuture child in _children)
        {
            (child.IsDone ? done : pending).Add(child);
        }
        return (done, pending);
    }
}
