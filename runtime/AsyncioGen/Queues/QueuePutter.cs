using System;
using System.Runtime.CompilerServices;

namespace AsyncioGen;

/// <summary>
/// A task waiting in <see cref="Queue{T}.PutAsync"/> on a full queue: asyncio's putter future, carrying
/// the item. A woken putter re-checks in the woken task's place, as asyncio's <c>while self.full()</c>
/// loop, and resumes the task in that same callback (see <see cref="QueueGetter{T}"/>).
/// </summary>
internal sealed class QueuePutter<T> : Future, IWaiterNode<QueuePutter<T>>
{
    private static readonly ReadyInvoker s_retry = static (_, putter, _) =>
        Unsafe.As<QueuePutter<T>>(putter!)._queue.RetryPutter(Unsafe.As<QueuePutter<T>>(putter!));

    private readonly Queue<T> _queue;

    public QueuePutter(Queue<T> queue, T item, EventLoop loop)
        : base(loop)
    {
        _queue = queue;
        Item = item;
    }

    /// <summary>The token for "put without waiting": done, bound to no loop.</summary>
    private QueuePutter(Queue<T> queue)
        : base(null, allowUnbound: true)
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

    /// <summary>asyncio's <c>putter.set_result(None)</c>: the re-check runs on the next iteration, in the woken task's place.</summary>
    public void Wake() => LoopOrNull!.EnqueueReady(new ReadyItem(null, this, null, s_retry, null));

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
