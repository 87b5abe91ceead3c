using System;
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

    private ReadyQueue _ready = new(ReadyQueue.InitialCapacity);
    private TimerHeap _timers = new(TimerHeap.InitialCapacity);
    private long _timerSequence;
    private int _cancelledTimers;

    // Posts from other threads: a lock-free multi-producer queue the loop drains into the ready queue
    // (see PostQueue). _threadsafeLock guards the record of handle cancels made from other threads.
    private readonly object _threadsafeLock = new();
    private readonly PostQueue _posts = new();
    private int _discardedByClose;

    private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
    private int _sleeping;

    private volatile bool _stopping;
    private volatile bool _closed;
    private volatile int _threadId;
    // The thread that may touch the loop directly: the one running it, else the one that ran it last,
    // else the one that created it. Calls from any other thread are posted (see EventLoop.ForeignThreads.cs).
    // Compared by reference with Thread.CurrentThread: the same thread-static read ExecutionContext.Capture
    // makes, which the JIT can share when both are inlined into one call_soon.
    private volatile Thread _ownerThread = Thread.CurrentThread;
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
        return ScheduleSoon(ReadyItem.WithState(callback, state, ExecutionContext.Capture()));
    }

    /// <summary>Schedules <paramref name="callback"/> with <paramref name="state"/> in the given execution context.</summary>
    public Handle CallSoon<TState>(Action<TState> callback, TState state, ExecutionContext? context)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return ScheduleSoon(ReadyItem.WithState(callback, state, context ?? ExecutionContext.Capture()));
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

    /// <summary>
    /// Queues an item, after anything other threads posted before it. The one thread check of the enqueue
    /// path: from a thread that does not own the loop the item is posted instead (its id is then negative).
    /// </summary>
    internal long EnqueueReady(in ReadyItem item)
    {
        if (!ReferenceEquals(_ownerThread, Thread.CurrentThread))
        {
            return -Post(item);
        }
        if (_posts.HasWork)
        {
            DrainThreadsafeCore();
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
        return CallSoonThreadsafeCore(ReadyItem.WithState(callback, state, ExecutionContext.Capture()));
    }

    /// <summary>Thread-safe <see cref="CallSoon{TState}(Action{TState}, TState, ExecutionContext?)"/>.</summary>
    public Handle CallSoonThreadsafe<TState>(Action<TState> callback, TState state, ExecutionContext? context)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return CallSoonThreadsafeCore(ReadyItem.WithState(callback, state, context ?? ExecutionContext.Capture()));
    }

    internal Handle CallSoonThreadsafeCore(ReadyItem item)
    {
        if (ReferenceEquals(_ownerThread, Thread.CurrentThread))
        {
            CheckClosed();
            return new Handle(this, EnqueueReady(item));
        }
        return new Handle(this, -Post(item));
    }

    /// <summary>
    /// Appends an item for the loop from any thread and wakes the loop; returns its ticket. A post either
    /// reserves its place before <see cref="Close"/> closes the queue (and runs, or is discarded by that
    /// <c>Close</c>) or throws.
    /// </summary>
    private long Post(in ReadyItem item)
    {
        long ticket = _posts.TryPost(in item);
        if (ticket == 0)
        {
            throw ClosedError();
        }
        // The reservation was a full fence, so this read cannot move before it; WaitForWork sets
        // _sleeping before it looks for reservations: one of the two sees the other.
        if (Volatile.Read(ref _sleeping) != 0)
        {
            _wake.Set();
        }
        return ticket;
    }

    /// <summary>True when other threads posted work the loop has not taken yet (a virtual-time loop must not skip ahead of it).</summary>
    internal bool HasThreadsafeWork => _posts.HasWork;

    /// <summary>Moves what other threads posted into the ready queue, in the order it was posted.</summary>
    private void DrainThreadsafe()
    {
        if (_posts.HasWork)
        {
            DrainThreadsafeCore();
        }
    }

    private void DrainThreadsafeCore()
    {
        int moved = _posts.DrainInto(ref _ready);
        if (moved > _postedHighWater)
        {
            _postedHighWater = moved;
        }
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
        return ScheduleTimer(when, ReadyItem.WithState(callback, state, ExecutionContext.Capture()));
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
        var timer = new TimerHandle(this, when, item);
        if (!ReferenceEquals(_ownerThread, Thread.CurrentThread))
        {
            // The heap belongs to the loop thread: the timer joins it there.
            Post(new ReadyItem(null, timer, null, s_pushTimer, null));
            return timer;
        }
        PushTimer(timer);
        return timer;
    }

    private static readonly ReadyInvoker s_pushTimer = static (_, timer, _) => ((TimerHandle)timer!).Loop.PushTimer((TimerHandle)timer!);

    private void PushTimer(TimerHandle timer)
    {
        if (timer.IsCancelled)
        {
            return; // cancelled by its thread before it reached the loop
        }
        timer.Sequence = ++_timerSequence;
        _timers.Push(timer);
    }

    /// <summary>A timer in the heap was cancelled (on the loop thread): counted, and the heap compacted once half are.</summary>
    internal void OnTimerCancelled(TimerHandle timer)
    {
        timer.CountedAsCancelled = true;
        _cancelledTimers++;
        // asyncio rebuilds the heap when more than half is cancelled timers; at exactly half it kept them
        // all (a 50% cancelled heap of a million timers held 57 MB), so half is enough here.
        if (_timers.Count > 100 && _cancelledTimers * 2 >= _timers.Count)
        {
            _timers.RemoveCancelled();
            _cancelledTimers = 0;
        }
    }

    /// <summary>A cancelled timer left the heap.</summary>
    private void OnCancelledTimerPopped(TimerHandle timer)
    {
        if (timer.CountedAsCancelled)
        {
            _cancelledTimers--;
        }
    }

    /// <summary>The number of timers still scheduled (cancelled ones excluded).</summary>
    internal int ScheduledTimerCount => _timers.Count - _cancelledTimers;

    // ---------------------------------------------------------------- checks

    private void CheckClosed()
    {
        if (_closed)
        {
            throw ClosedError();
        }
    }

    private static InvalidOperationException ClosedError() => new("Event loop is closed");

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
