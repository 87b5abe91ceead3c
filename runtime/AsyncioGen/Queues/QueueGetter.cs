using System;
using System.Runtime.CompilerServices;

namespace AsyncioGen;

/// <summary>
/// A task waiting in <see cref="Queue{T}.GetAsync"/>: asyncio's getter future, which here also carries
/// the item, so a wait costs this one object. Waking a getter schedules its re-check where asyncio's
/// <c>set_result</c> schedules the woken task's wake-up; there, as asyncio's task re-running its
/// <c>while self.empty()</c> loop, the re-check takes an item, raises <see cref="QueueShutDown"/>, or
/// queues again at the back if another task took the item first. Taking or raising completes the getter
/// and resumes the awaiting task in that same callback, so it resumes in asyncio's iteration.
/// </summary>
internal sealed class QueueGetter<T> : Future<T>, IWaiterNode<QueueGetter<T>>
{
    // Run with no context of its own (the loop's base one), as a task wake-up: the task's step may run inside it.
    private static readonly ReadyInvoker s_retry = static (_, getter, _) =>
        Unsafe.As<QueueGetter<T>>(getter!)._queue.RetryGetter(Unsafe.As<QueueGetter<T>>(getter!));

    private readonly Queue<T> _queue;

    public QueueGetter(Queue<T> queue, EventLoop loop)
        : base(loop)
    {
        _queue = queue;
    }

    /// <summary>The queue's token for "an item is there": done, bound to no loop.</summary>
    private QueueGetter(Queue<T> queue)
        : base(null, allowUnbound: true)
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

    /// <summary>asyncio's <c>getter.set_result(None)</c>: the re-check runs on the next iteration, in the woken task's place.</summary>
    public void Wake() => LoopOrNull!.EnqueueReady(new ReadyItem(null, this, null, s_retry, null));

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
