using System;

namespace AsyncioGen;

/// <summary>
/// A task waiting in <see cref="Queue{T}.PutAsync"/> on a full queue: asyncio's putter future, carrying
/// the item. A woken putter re-checks on the next iteration, as asyncio's <c>while self.full()</c> loop.
/// </summary>
internal sealed class QueuePutter<T> : Future, IWaiterNode<QueuePutter<T>>
{
    private static readonly Action<QueuePutter<T>> s_retry = static putter => putter._queue.RetryPutter(putter);

    private readonly Queue<T> _queue;

    public QueuePutter(Queue<T> queue, T item, EventLoop loop)
        : base(loop)
    {
        _queue = queue;
        Item = item;
    }

    /// <summary>The token for "put without waiting": done, bound to no loop.</summary>
    private QueuePutter(Queue<T> queue)
        : base(null, isTask: false)
    {
        _queue = queue;
        Item = default!;
        IsReadyToken = true;
        CompleteWithResult();
    }

    public static QueuePutter<T> CreateReadyToken(Queue<T> queue) => new(queue);

    public bool IsReadyToken { get; }

    public T Item { get; private set; }

    public QueuePutter<T>? NextWaiter { get; set; }

    public QueuePutter<T>? PreviousWaiter { get; set; }

    public bool IsLinked { get; set; }

    public void Wake() => LoopOrNull!.CallSoon(s_retry, this);

    /// <summary>The item went in: drop the reference so the putter does not keep it alive.</summary>
    public void ClearItem() => Item = default!;

    /// <summary>The awaiting coroutine resumed: returns, or throws the putter's CancelledError / QueueShutDown.</summary>
    public void Finish()
    {
        if (IsReadyToken)
        {
            return;
        }
        if (!IsDone)
        {
            PrimitiveWaiter.AbandonSynchronousWait(this, static putter => putter.Finish());
        }
        _queue.ForgetPutter(this);
        GetResult();
    }
}
