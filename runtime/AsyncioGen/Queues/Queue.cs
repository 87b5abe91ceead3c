using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace AsyncioGen;

/// <summary>
/// asyncio's <c>Queue</c> (3.13, with <see cref="Shutdown"/>): a FIFO queue for producer and consumer
/// tasks on one loop. <see cref="MaxSize"/> of zero or less means unbounded; otherwise
/// <see cref="PutAsync"/> waits while the queue is full. Use it from its loop's thread.
/// </summary>
/// <remarks>
/// A get or put that does not have to wait completes without suspending and allocates nothing; a waiting
/// one costs its waiter future. Named like <see cref="System.Collections.Generic.Queue{T}"/>: code that
/// imports both namespaces writes <c>AsyncioGen.Queue&lt;T&gt;</c>.
/// </remarks>
public class Queue<T> : IWaitSource
{
    private readonly int _maxSize;
    private readonly QueueStorage<T> _items;
    private WaiterList<QueueGetter<T>> _getters;
    private WaiterList<QueuePutter<T>> _putters;
    private int _unfinishedTasks;
    private readonly Event _finished = new();
    private bool _isShutdown;
    private EventLoop? _loop;
    private readonly QueueGetter<T> _readyGet;
    private readonly QueuePutter<T> _readyPut;

    /// <summary>Creates a FIFO queue holding at most <paramref name="maxSize"/> items (unbounded if &lt;= 0).</summary>
    public Queue(int maxSize = 0)
        : this(maxSize, new FifoStorage<T>())
    {
    }

    private protected Queue(int maxSize, QueueStorage<T> storage)
    {
        _maxSize = maxSize;
        _items = storage;
        _finished.Set();
        _readyGet = QueueGetter<T>.CreateReadyToken(this);
        _readyPut = QueuePutter<T>.CreateReadyToken(this);
    }

    /// <summary>The number of items allowed in the queue (asyncio's <c>maxsize</c>).</summary>
    public int MaxSize => _maxSize;

    /// <summary>The number of items in the queue (asyncio's <c>qsize()</c>).</summary>
    public int QSize => _items.Count;

    /// <summary>True if the queue holds no item (asyncio's <c>empty()</c>).</summary>
    public bool Empty => _items.Count == 0;

    /// <summary>True if the queue holds <see cref="MaxSize"/> items; never for an unbounded queue (asyncio's <c>full()</c>).</summary>
    public bool Full => _maxSize > 0 && _items.Count >= _maxSize;

    /// <summary>True once <see cref="Shutdown"/> was called.</summary>
    public bool IsShutdown => _isShutdown;

    // ---------------------------------------------------------------- put

    /// <summary>Puts <paramref name="item"/>, waiting while the queue is full (asyncio's <c>put()</c>).</summary>
    /// <exception cref="QueueShutDown">The queue is shut down (also while waiting).</exception>
    public QueuePutAwaitable<T> PutAsync(T item) => new(this, item);

    /// <summary>Puts <paramref name="item"/> without waiting (asyncio's <c>put_nowait()</c>) and wakes one getter.</summary>
    /// <exception cref="QueueShutDown">The queue is shut down.</exception>
    /// <exception cref="QueueFull">The queue is full.</exception>
    public void PutNowait(T item)
    {
        if (_isShutdown)
        {
            throw new QueueShutDown();
        }
        if (Full)
        {
            throw new QueueFull();
        }
        _items.Put(item);
        _unfinishedTasks++;
        _finished.Clear();
        WakeupNext(ref _getters);
    }

    internal QueuePutter<T> BeginPut(T item)
    {
        if (!Full)
        {
            PutNowait(item);
            return _readyPut;
        }
        if (_isShutdown)
        {
            throw new QueueShutDown();
        }
        var putter = new QueuePutter<T>(this, item, LoopBinding.Bind(ref _loop, this));
        _putters.Append(putter);
        return putter;
    }

    /// <summary>A woken putter's re-check, on the iteration where asyncio's woken task would run it.</summary>
    internal void RetryPutter(QueuePutter<T> putter)
    {
        if (putter.IsDone)
        {
            // Cancelled while being woken: the free slot goes to the next putter in line.
            if (!Full)
            {
                WakeupNext(ref _putters);
            }
            return;
        }
        if (_isShutdown)
        {
            putter.CompleteWithExceptionRunningCallbacksNow(new QueueShutDown());
            return;
        }
        if (Full)
        {
            _putters.Append(putter); // someone took the slot first: wait again, at the back (as asyncio)
            return;
        }
        PutNowait(putter.Item);
        putter.ClearItem();
        putter.CompleteWithResultRunningCallbacksNow(); // the task resumes here, in asyncio's iteration
    }

    internal void ForgetPutter(QueuePutter<T> putter) => _putters.Remove(putter);

    /// <summary>The number of listed putters (asyncio's <c>len(self._putters)</c>).</summary>
    internal int PutterCount => _putters.Count;

    // ---------------------------------------------------------------- get

    /// <summary>Removes and returns an item, waiting while the queue is empty (asyncio's <c>get()</c>).</summary>
    /// <exception cref="QueueShutDown">The queue is shut down and empty (also while waiting).</exception>
    public QueueGetAwaitable<T> GetAsync() => new(this);

    /// <summary>Removes and returns an item without waiting (asyncio's <c>get_nowait()</c>) and wakes one putter.</summary>
    /// <exception cref="QueueShutDown">The queue is shut down and empty.</exception>
    /// <exception cref="QueueEmpty">The queue is empty.</exception>
    public T GetNowait()
    {
        if (Empty)
        {
            if (_isShutdown)
            {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        T item = _items.Take();
        WakeupNext(ref _putters);
        return item;
    }

    internal QueueGetter<T> BeginGet()
    {
        if (!Empty)
        {
            return _readyGet;
        }
        if (_isShutdown)
        {
            throw new QueueShutDown();
        }
        var getter = new QueueGetter<T>(this, LoopBinding.Bind(ref _loop, this));
        _getters.Append(getter);
        return getter;
    }

    /// <summary>A woken getter's re-check, on the iteration where asyncio's woken task would run it.</summary>
    internal void RetryGetter(QueueGetter<T> getter)
    {
        if (getter.IsDone)
        {
            // Cancelled while being woken: the item goes to the next getter in line.
            if (!Empty)
            {
                WakeupNext(ref _getters);
            }
            return;
        }
        if (Empty)
        {
            if (_isShutdown)
            {
                getter.CompleteWithExceptionRunningCallbacksNow(new QueueShutDown());
            }
            else
            {
                _getters.Append(getter); // someone took the item first: wait again, at the back (as asyncio)
            }
            return;
        }
        getter.SetResultRunningCallbacksNow(GetNowait()); // the task resumes here, in asyncio's iteration
    }

    internal void ForgetGetter(QueueGetter<T> getter) => _getters.Remove(getter);

    /// <summary>The number of listed getters (asyncio's <c>len(self._getters)</c>).</summary>
    internal int GetterCount => _getters.Count;

    // ---------------------------------------------------------------- join

    /// <summary>Counts one item as processed (asyncio's <c>task_done()</c>); the last one releases <see cref="JoinAsync"/>.</summary>
    /// <exception cref="InvalidOperationException">Called more times than items were put (asyncio: ValueError).</exception>
    public void TaskDone()
    {
        if (_unfinishedTasks <= 0)
        {
            throw new InvalidOperationException("TaskDone() called too many times");
        }
        _unfinishedTasks--;
        if (_unfinishedTasks == 0)
        {
            _finished.Set();
        }
    }

    /// <summary>Waits until every item put was taken and marked done with <see cref="TaskDone"/> (asyncio's <c>join()</c>).</summary>
    public PrimitiveAwaitable JoinAsync() => new(this);

    PrimitiveWaiter IWaitSource.BeginWait() => ((IWaitSource)_finished).BeginWait();

    // ---------------------------------------------------------------- shutdown

    /// <summary>
    /// Shuts the queue down (asyncio 3.13's <c>shutdown()</c>): puts raise <see cref="QueueShutDown"/>, and
    /// gets too once the queue is empty. With <paramref name="immediate"/>, the items left are dropped
    /// (each counted as done, which may release <see cref="JoinAsync"/>). Every waiting get and put wakes.
    /// </summary>
    public void Shutdown(bool immediate = false)
    {
        _isShutdown = true;
        if (immediate)
        {
            while (!Empty)
            {
                _items.Take();
                if (_unfinishedTasks > 0)
                {
                    _unfinishedTasks--;
                }
            }
            if (_unfinishedTasks == 0)
            {
                _finished.Set();
            }
        }
        while (_getters.PopFirst() is { } getter)
        {
            if (!getter.IsDone)
            {
                getter.Wake();
            }
        }
        while (_putters.PopFirst() is { } putter)
        {
            if (!putter.IsDone)
            {
                putter.Wake();
            }
        }
    }

    /// <summary>asyncio's <c>_wakeup_next</c>: pop waiters until one that is not done, and wake it.</summary>
    private static void WakeupNext(ref WaiterList<QueueGetter<T>> waiters)
    {
        while (waiters.PopFirst() is { } waiter)
        {
            if (!waiter.IsDone)
            {
                waiter.Wake();
                return;
            }
        }
    }

    private static void WakeupNext(ref WaiterList<QueuePutter<T>> waiters)
    {
        while (waiters.PopFirst() is { } waiter)
        {
            if (!waiter.IsDone)
            {
                waiter.Wake();
                return;
            }
        }
    }

    // ---------------------------------------------------------------- repr

    private protected virtual string ReprName => "Queue";

    /// <summary>
    /// asyncio's <c>str()</c>: <c>&lt;Queue maxsize=0 _queue=[1, 2] _getters[1] _putters[1] tasks=2 shutdown&gt;</c>
    /// (each part only when it applies).
    /// </summary>
    public override string ToString()
    {
        string result = "maxsize=" + _maxSize.ToString(CultureInfo.InvariantCulture);
        if (!Empty)
        {
            result += " _queue=[" + string.Join(", ", _items.Items.Select(item => CallbackFormatter.ReprValue(item))) + "]";
        }
        if (_getters.Count > 0)
        {
            result += " _getters[" + _getters.Count.ToString(CultureInfo.InvariantCulture) + "]";
        }
        if (_putters.Count > 0)
        {
            result += " _putters[" + _putters.Count.ToString(CultureInfo.InvariantCulture) + "]";
        }
        if (_unfinishedTasks > 0)
        {
            result += " tasks=" + _unfinishedTasks.ToString(CultureInfo.InvariantCulture);
        }
        if (_isShutdown)
        {
            result += " shutdown";
        }
        return "<" + ReprName + " " + result + ">";
    }
}
