using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// A single-threaded event loop with asyncio's semantics: one loop per thread, callbacks run in the
/// order they were scheduled, one iteration runs the timers that are due and the callbacks that
/// were ready when it began (asyncio's <c>_run_once</c>).
/// </summary>
/// <remarks>
/// Only <see cref="CallSoonThreadsafe(Action, ExecutionContext?)"/> and its overloads may be called
/// from other threads; everything else belongs to the loop's thread (set <see cref="Debug"/> to have
/// that checked).
/// </remarks>
public partial class EventLoop : IDisposable
{
    [ThreadStatic] private static EventLoop? t_running;
    [ThreadStatic] private static EventLoop? t_current;

    private ReadyQueue _ready = new(16);
    private TimerHeap _timers = new(16);
    private long _timerSequence;
    private int _cancelledTimers;

    // Posts from other threads: producers append to one list under a lock, the loop swaps it with
    // an empty one and drains it outside the lock. Both lists keep their capacity, so in steady
    // state posting allocates nothing (a ConcurrentQueue allocates a segment per few thousand posts).
    private readonly object _threadsafeLock = new();
    private List<ReadyItem> _posted = new();
    private List<ReadyItem> _draining = new();
    private int _threadsafeCount;
    private long _ticketCounter;
    private ConcurrentDictionary<long, byte>? _cancelledTickets;

    private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
    private int _sleeping;

    private volatile bool _stopping;
    private volatile bool _closed;
    private volatile int _threadId;
    private ExecutionContext? _baseContext;
    private readonly LoopSynchronizationContext _synchronizationContext;

    private static readonly double s_clockResolution = 1.0 / Stopwatch.Frequency;

    /// <summary>Creates a loop. It runs on the thread that calls one of its <c>Run</c> methods.</summary>
    public EventLoop()
    {
        _synchronizationContext = new LoopSynchronizationContext(this);
    }

    /// <summary>True while <see cref="RunForever"/> or <see cref="RunUntilComplete(Future)"/> runs the loop.</summary>
    public bool IsRunning => _threadId != 0;

    /// <summary>True after <see cref="Close"/>.</summary>
    public bool IsClosed => _closed;

    /// <summary>
    /// Debug mode (asyncio's <c>set_debug</c>): calls that are not thread-safe throw when made from
    /// another thread, and callbacks slower than <see cref="SlowCallbackDuration"/> are reported.
    /// </summary>
    public bool Debug { get; set; }

    /// <summary>In debug mode, callbacks that take longer than this many seconds are reported (default 0.1).</summary>
    public double SlowCallbackDuration { get; set; } = 0.1;

    /// <summary>True when called on the thread that is running this loop.</summary>
    internal bool IsOnLoopThread => _threadId == Environment.CurrentManagedThreadId;

    /// <summary>The loop running on this thread, if any.</summary>
    internal static EventLoop? RunningLoop => t_running;

    /// <summary>The loop set for this thread with <see cref="Asyncio.SetEventLoop"/>.</summary>
    internal static EventLoop? CurrentLoop
    {
        get => t_current;
        set => t_current = value;
    }

    /// <summary>Monotonic loop time in seconds (asyncio's <c>loop.time()</c>).</summary>
    public virtual double Time() => (double)Stopwatch.GetTimestamp() / Stopwatch.Frequency;

    /// <summary>The smallest step of <see cref="Time"/>; timers due within it of now fire now.</summary>
    protected virtual double ClockResolution => s_clockResolution;

    // ---------------------------------------------------------------- call_soon

    /// <summary>Schedules <paramref name="callback"/> for the next iteration (asyncio's <c>call_soon</c>).</summary>
    /// <param name="callback">The callback.</param>
    /// <param name="context">The execution context to run it in; by default the caller's.</param>
    public Handle CallSoon(Action callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleSoon(new ReadyItem(callback, null, null, null, context ?? ExecutionContext.Capture()));
    }

    /// <summary>Schedules <paramref name="callback"/> with <paramref name="state"/>; a static lambda and a reference-type state allocate nothing.</summary>
    public Handle CallSoon<TState>(Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleSoon(new ReadyItem(callback, state, null, Invokers<TState>.ActionOfState, ExecutionContext.Capture()));
    }

    /// <summary>Schedules <paramref name="callback"/> with <paramref name="state"/> in the given execution context.</summary>
    public Handle CallSoon<TState>(Action<TState> callback, TState state, ExecutionContext? context)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleSoon(new ReadyItem(callback, state, null, Invokers<TState>.ActionOfState, context ?? ExecutionContext.Capture()));
    }

    private Handle ScheduleSoon(in ReadyItem item)
    {
        CheckClosed();
        if (Debug)
        {
            CheckThread();
        }
        return new Handle(this, EnqueueReady(item));
    }

    /// <summary>Queues an item on the loop thread, after anything other threads posted before it.</summary>
    internal long EnqueueReady(in ReadyItem item)
    {
        if (Volatile.Read(ref _threadsafeCount) != 0)
        {
            DrainThreadsafe();
        }
        return _ready.Enqueue(item);
    }

    // ---------------------------------------------------------------- call_soon_threadsafe

    /// <summary>
    /// Like <see cref="CallSoon(Action, ExecutionContext?)"/>, callable from any thread; wakes the loop
    /// if it is waiting (asyncio's <c>call_soon_threadsafe</c>).
    /// </summary>
    public Handle CallSoonThreadsafe(Action callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CallSoonThreadsafeCore(new ReadyItem(callback, null, null, null, context ?? ExecutionContext.Capture()));
    }

    /// <summary>Thread-safe <see cref="CallSoon{TState}(Action{TState}, TState)"/>.</summary>
    public Handle CallSoonThreadsafe<TState>(Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CallSoonThreadsafeCore(new ReadyItem(callback, state, null, Invokers<TState>.ActionOfState, ExecutionContext.Capture()));
    }

    /// <summary>Thread-safe <see cref="CallSoon{TState}(Action{TState}, TState, ExecutionContext?)"/>.</summary>
    public Handle CallSoonThreadsafe<TState>(Action<TState> callback, TState state, ExecutionContext? context)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CallSoonThreadsafeCore(new ReadyItem(callback, state, null, Invokers<TState>.ActionOfState, context ?? ExecutionContext.Capture()));
    }

    internal Handle CallSoonThreadsafeCore(ReadyItem item)
    {
        CheckClosed();
        if (IsOnLoopThread)
        {
            return new Handle(this, EnqueueReady(item));
        }
        long ticket;
        lock (_threadsafeLock)
        {
            ticket = ++_ticketCounter;
            item.Ticket = ticket;
            _posted.Add(item);
            // A full fence, so the read of _sleeping below cannot move before this write (see WaitForWork).
            Interlocked.Exchange(ref _threadsafeCount, _posted.Count);
        }
        if (Volatile.Read(ref _sleeping) != 0)
        {
            _wake.Set();
        }
        return new Handle(this, -ticket);
    }

    /// <summary>True when other threads posted work the loop has not taken yet (a virtual-time loop must not skip ahead of it).</summary>
    internal bool HasThreadsafeWork => Volatile.Read(ref _threadsafeCount) != 0;

    /// <summary>Moves what other threads posted into the ready queue, in the order it was posted.</summary>
    private void DrainThreadsafe()
    {
        if (Volatile.Read(ref _threadsafeCount) == 0)
        {
            return;
        }
        List<ReadyItem> batch;
        lock (_threadsafeLock)
        {
            batch = _posted;
            _posted = _draining;
            _draining = batch;
            Volatile.Write(ref _threadsafeCount, 0);
        }
        foreach (ReadyItem item in batch)
        {
            _ready.Enqueue(item);
        }
        batch.Clear();
    }

    // ---------------------------------------------------------------- handles

    internal void CancelHandle(long id)
    {
        if (id > 0)
        {
            ref ReadyItem slot = ref _ready.FindSlot(id, out bool found);
            if (found)
            {
                slot.Cancelled = true;
            }
            return;
        }
        long ticket = -id;
        if (IsOnLoopThread)
        {
            DrainThreadsafe();
            if (_ready.CancelTicket(ticket))
            {
                return;
            }
        }
        // Not on the loop thread: the loop checks this set before it runs a posted item.
        LazyInitializer.EnsureInitialized(ref _cancelledTickets).TryAdd(ticket, 0);
    }

    internal bool IsHandleCancelled(long id)
    {
        if (id > 0)
        {
            ref ReadyItem slot = ref _ready.FindSlot(id, out bool found);
            return found && slot.Cancelled;
        }
        return _cancelledTickets is { } cancelled && cancelled.ContainsKey(-id);
    }

    internal string? DescribeHandle(long id)
    {
        if (id > 0 && _ready.IsPending(id))
        {
            ref ReadyItem slot = ref _ready.FindSlot(id, out bool found);
            return found ? slot.Describe() : null;
        }
        return null;
    }

    // ---------------------------------------------------------------- timers

    /// <summary>Schedules <paramref name="callback"/> to run after <paramref name="delay"/> seconds (asyncio's <c>call_later</c>).</summary>
    public TimerHandle CallLater(double delay, Action callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CallAt(Time() + delay, callback, context);
    }

    /// <summary>Schedules <paramref name="callback"/> to run after <paramref name="delay"/>.</summary>
    public TimerHandle CallLater(TimeSpan delay, Action callback, ExecutionContext? context = null) =>
        CallLater(delay.TotalSeconds, callback, context);

    /// <summary>Schedules <paramref name="callback"/> with <paramref name="state"/> after <paramref name="delay"/> seconds.</summary>
    public TimerHandle CallLater<TState>(double delay, Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CallAt(Time() + delay, callback, state);
    }

    /// <summary>Schedules <paramref name="callback"/> with <paramref name="state"/> after <paramref name="delay"/>.</summary>
    public TimerHandle CallLater<TState>(TimeSpan delay, Action<TState> callback, TState state) =>
        CallLater(delay.TotalSeconds, callback, state);

    /// <summary>Schedules <paramref name="callback"/> at loop time <paramref name="when"/> (asyncio's <c>call_at</c>).</summary>
    public TimerHandle CallAt(double when, Action callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleTimer(when, new ReadyItem(callback, null, null, null, context ?? ExecutionContext.Capture()));
    }

    /// <summary>Schedules <paramref name="callback"/> with <paramref name="state"/> at loop time <paramref name="when"/>.</summary>
    public TimerHandle CallAt<TState>(double when, Action<TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleTimer(when, new ReadyItem(callback, state, null, Invokers<TState>.ActionOfState, ExecutionContext.Capture()));
    }

    private TimerHandle ScheduleTimer(double when, in ReadyItem item)
    {
        if (double.IsNaN(when))
        {
            throw new ArgumentException("The time must be a number, not NaN.", nameof(when));
        }
        CheckClosed();
        if (Debug)
        {
            CheckThread();
        }
        var timer = new TimerHandle(this, when, ++_timerSequence, item);
        _timers.Push(timer);
        return timer;
    }

    internal void OnTimerCancelled()
    {
        _cancelledTimers++;
        // As asyncio: rebuild once most of a large heap is cancelled timers.
        if (_timers.Count > 100 && _cancelledTimers * 2 > _timers.Count)
        {
            _timers.RemoveCancelled();
            _cancelledTimers = 0;
        }
    }

    /// <summary>The number of timers still scheduled (cancelled ones excluded).</summary>
    internal int ScheduledTimerCount => _timers.Count - _cancelledTimers;

    // ---------------------------------------------------------------- checks

    private void CheckClosed()
    {
        if (_closed)
        {
            throw new InvalidOperationException("Event loop is closed");
        }
    }

    /// <summary>In debug mode: throws when called from a thread other than the one running the loop.</summary>
    internal void CheckThread()
    {
        int owner = _threadId;
        if (owner != 0 && owner != Environment.CurrentManagedThreadId)
        {
            Thread current = Thread.CurrentThread;
            throw new InvalidOperationException(
                "Non-thread-safe operation invoked on an event loop other than the current one: called from thread "
                + (current.Name is null ? "" : "'" + current.Name + "' ") + "(id " + current.ManagedThreadId
                + ") while the loop runs on thread id " + owner + ". Use CallSoonThreadsafe to reach the loop from another thread.");
        }
    }

    /// <summary><c>&lt;EventLoop running=True closed=False debug=False&gt;</c>, as asyncio's repr.</summary>
    public override string ToString() =>
        "<" + GetType().Name + " running=" + IsRunning + " closed=" + IsClosed + " debug=" + Debug + ">";
}
