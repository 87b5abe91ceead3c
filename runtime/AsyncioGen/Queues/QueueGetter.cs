using System;

namespace AsyncioGen;

/// <summary>
/// A task waiting in <see cref="Queue{T}.GetAsync"/>: asyncio's getter future, which here also carries
/// the item, so a wait costs this one object. A woken getter re-checks the queue on the next loop
/// iteration, where asyncio's woken task re-runs its <c>while self.empty()</c> loop: it takes an item,
/// raises <see cref="QueueShutDown"/>, or queues again at the back if another task took the item first.
/// </summary>
internal sealed class QueueGetter<T> : Future<T>, IWaiterNode<QueueGetter<T>>
{
    private static readonly Action<QueueGetter<T>> s_retry = static getter => getter._queue.RetryGetter(getter);

    private readonly Queue<T> _queue;

    public QueueGetter(Queue<T> queue, EventLoop loop)
        : base(loop)
    {
        _queue = queue;
    }

    /// <summary>The queue's token for "an item is there": done, bound to no loop.</summary>
    private QueueGetter(Queue<T> queue)
        : base(null, isTask: false)
    {
        _queue = queue;
        IsReadyToken = true;
        CompleteWithResult();
    }

    public static QueueGetter<T> CreateReadyToken(Queue<T> queue) => new(queue);

    public bool IsReadyToken { get; }

    public QueueGetter<T>? NextWaiter { get; set; }

    public QueueGetter<T>? PreviousWaiter { get; set; }

    public bool IsLinked { get; set; }

    /// <summary>asyncio's <c>getter.set_result(None)</c>: the re-check runs on the next iteration.</summary>
    public void Wake() => LoopOrNull!.CallSoon(s_retry, this);

    /// <summary>The awaiting coroutine resumed: the item, or the getter's CancelledError / QueueShutDown.</summary>
    public T Finish()
    {
        if (IsReadyToken)
        {
            return _queue.GetNowait();
        }
        if (!IsDone)
        {
            PrimitiveWaiter.AbandonSynchronousWait(this, static getter => getter.Finish());
        }
        _queue.ForgetGetter(this);
        return GetResult();
    }
}
