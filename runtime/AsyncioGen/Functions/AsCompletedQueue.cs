using System;
using System.Collections.Generic;

namespace AsyncioGen;

/// <summary>
/// The bookkeeping of <see cref="Asyncio.AsCompleted{T}(IEnumerable{Future{T}}, double?)"/> (asyncio's
/// <c>as_completed</c>: its <c>done</c> queue, <c>_on_completion</c>, <c>_on_timeout</c> and
/// <c>_wait_for_one</c>): finished children queue up in the order they finish, and each awaited element
/// takes the next one, whichever element it is. The timeout queues one "timed out" mark per child still
/// running. Registered on each child with a static invoker: no delegate per child.
/// </summary>
internal sealed class AsCompletedQueue<TFuture>
    where TFuture : Future
{
    private static readonly ReadyInvoker s_onChildDone = static (_, child, queue) =>
        ((AsCompletedQueue<TFuture>)queue!).OnChildDone((TFuture)child!);

    private readonly EventLoop _loop;
    private readonly TFuture[] _children;
    // Finished children, in order; null is a timeout mark.
    private readonly System.Collections.Generic.Queue<TFuture?> _done = new();
    // Elements waiting for the next finisher (asyncio's Queue getters).
    private readonly System.Collections.Generic.Queue<Future<TFuture?>> _getters = new();
    private int _running;
    private TimerHandle? _timer;

    public AsCompletedQueue(EventLoop loop, TFuture[] children)
    {
        _loop = loop;
        _children = children;
        _running = children.Length;
    }

    public int Count => _children.Length;

    public void Start(double? timeout)
    {
        foreach (TFuture child in _children)
        {
            child.AddDoneCallbackCore(new DoneCallback(null, this, s_onChildDone, null));
        }
        if (timeout is { } seconds && _children.Length > 0)
        {
            _timer = _loop.CallLater(seconds, static queue => queue.OnTimeout(), this);
        }
    }

    private void OnChildDone(TFuture child)
    {
        if (_running == 0)
        {
            return; // the timeout came first
        }
        _running--;
        Put(child);
        if (_running == 0)
        {
            _timer?.Cancel();
            _timer = null;
        }
    }

    private void OnTimeout()
    {
        _timer = null;
        foreach (TFuture child in _children)
        {
            child.RemoveDoneCallbacksWithArg(this);
        }
        for (; _running > 0; _running--)
        {
            Put(null);
        }
    }

    /// <summary>
    /// A finisher goes to the oldest element still waiting, else it waits for the next one to ask. Handed
    /// over, not left for whoever asks first: an element resumes an iteration after its getter is done,
    /// and an element started meanwhile (one nobody awaited yet runs as a task) must not take it.
    /// </summary>
    private void Put(TFuture? finished)
    {
        while (_getters.Count > 0)
        {
            Future<TFuture?> getter = _getters.Dequeue();
            if (!getter.IsDone)
            {
                getter.SetResult(finished);
                return;
            }
        }
        _done.Enqueue(finished);
    }

    /// <summary>asyncio's <c>_wait_for_one</c>: the next child to finish; null once the timeout passed.</summary>
    public async FutureTask<TFuture?> TakeAsync()
    {
        if (_done.Count > 0)
        {
            return _done.Dequeue();
        }
        Future<TFuture?> getter = _loop.CreateFuture<TFuture?>();
        _getters.Enqueue(getter);
        try
        {
            return await getter;
        }
        catch (CancelledError)
        {
            if (getter.IsDone && !getter.IsCancelled)
            {
                // Handed a finisher, then cancelled before it resumed: the finisher goes to the next
                // element, ahead of any that finished later.
                PutFirst(getter.GetResult());
            }
            else
            {
                getter.Cancel();
            }
            throw;
        }
    }

    private void PutFirst(TFuture? finished)
    {
        if (_done.Count == 0)
        {
            Put(finished);
            return;
        }
        TFuture?[] later = _done.ToArray();
        _done.Clear();
        _done.Enqueue(finished);
        foreach (TFuture? item in later)
        {
            _done.Enqueue(item);
        }
    }
}
