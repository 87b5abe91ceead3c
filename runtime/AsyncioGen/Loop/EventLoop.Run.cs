using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace AsyncioGen;

public partial class EventLoop
{
    // A marker for RunUntilComplete's done-callback, so it can be removed by identity.
    private static readonly Action s_runUntilCompleteMarker = static () => { };
    private static readonly ReadyInvoker s_stopLoop = static (_, _, arg) => ((EventLoop)arg!).Stop();

    /// <summary>
    /// Runs the loop until <see cref="Stop"/> is called (asyncio's <c>run_forever</c>). While it
    /// runs, the loop is this thread's running loop and its <see cref="SynchronizationContext"/>.
    /// </summary>
    public void RunForever()
    {
        CheckClosed();
        CheckNotRunning();

        SynchronizationContext? previousContext = SynchronizationContext.Current;
        Thread current = Thread.CurrentThread;
        _threadId = current.ManagedThreadId;
        _ownerThread = current; // and stays the owner once the loop stops (see EventLoop.ForeignThreads.cs)
        t_running = this;
        SynchronizationContext.SetSynchronizationContext(_synchronizationContext);
        _baseContext = ExecutionContext.Capture();
        try
        {
            while (true)
            {
                RunOnce();
                if (_stopping)
                {
                    break;
                }
            }
        }
        finally
        {
            _stopping = false;
            t_running = null;
            _threadId = 0;
            SynchronizationContext.SetSynchronizationContext(previousContext);
            if (_baseContext is not null && ExecutionContext.Capture() != _baseContext)
            {
                ExecutionContext.Restore(_baseContext);
            }
        }
    }

    /// <summary>
    /// Runs the loop until <paramref name="future"/> is done and returns (asyncio's
    /// <c>run_until_complete</c>); its exception, or <see cref="CancelledError"/>, is rethrown. A task
    /// created while no loop was running starts here.
    /// </summary>
    public void RunUntilComplete(Future future)
    {
        RunUntilCompleteCore(future);
        future.GetResultCore();
    }

    /// <summary>Runs the loop until <paramref name="future"/> is done and returns its result.</summary>
    public T RunUntilComplete<T>(Future<T> future)
    {
        RunUntilCompleteCore(future);
        return future.GetResult();
    }

    /// <summary>Creates the coroutine with <paramref name="coroutine"/>, runs the loop until it is done and returns its result.</summary>
    public T RunUntilComplete<T>(Func<FutureTask<T>> coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        CheckClosed();
        CheckNotRunning();
        return RunUntilComplete(coroutine());
    }

    /// <summary>Creates the coroutine with <paramref name="coroutine"/> and runs the loop until it is done.</summary>
    public void RunUntilComplete(Func<FutureTask> coroutine)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        CheckClosed();
        CheckNotRunning();
        RunUntilComplete(coroutine());
    }

    private void RunUntilCompleteCore(Future future)
    {
        ArgumentNullException.ThrowIfNull(future);
        CheckClosed();
        CheckNotRunning();
        AdoptOrCheck(future);

        future.AddDoneCallbackCore(new DoneCallback(s_runUntilCompleteMarker, this, s_stopLoop, null));
        try
        {
            RunForever();
        }
        finally
        {
            future.RemoveDoneCallback(s_runUntilCompleteMarker);
        }
        if (!future.IsDone)
        {
            throw new InvalidOperationException("Event loop stopped before Future completed.");
        }
    }

    /// <summary>Binds a task that was created with no loop running to this loop; rejects another loop's future.</summary>
    internal void AdoptOrCheck(Future future)
    {
        FutureTaskMachinery.MarkRunsAsTask(future);
        if (future.LoopOrNull is null)
        {
            future.BindToLoop(this);
        }
        else if (!ReferenceEquals(future.LoopOrNull, this))
        {
            throw new ArgumentException("The future belongs to a different loop than this one.", nameof(future));
        }
    }

    /// <summary>
    /// Stops the loop (asyncio's <c>stop</c>): the current iteration completes, then
    /// <see cref="RunForever"/> returns. Called before the loop runs, the next run does one iteration.
    /// From another thread the stop is posted (so it also wakes a loop waiting for work).
    /// </summary>
    public void Stop()
    {
        if (!ReferenceEquals(_ownerThread, Thread.CurrentThread) && !_closed)
        {
            try
            {
                Post(new ReadyItem(null, null, this, s_stopLoop, null));
                return;
            }
            catch (InvalidOperationException)
            {
                // Closed meanwhile: nothing will run again; the flag below is all that is left to set.
            }
        }
        _stopping = true;
    }

    /// <summary>
    /// Closes the loop (asyncio's <c>close</c>): pending callbacks and timers are dropped and the loop's
    /// buffers released. Idempotent; a running loop cannot be closed. Reports of exceptions never
    /// retrieved that were waiting in the queue are not dropped: they go to <see cref="DefaultExceptionHandler"/>.
    /// </summary>
    public void Close()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Cannot close a running event loop");
        }
        if (_closed)
        {
            return;
        }
        ReadyQueue ready = _ready;
        _closed = true;
        _ready = new ReadyQueue(ReadyQueue.InitialCapacity);
        // Posts that reserved their place before this point join the discarded items; any later one throws.
        _posts.Close(ref ready);
        lock (_threadsafeLock)
        {
            _cancelledIds = null;
            Volatile.Write(ref _cancelledIdCount, 0);
        }
        _timers.Release();
        _cancelledTimers = 0;
        List<ExceptionContext>? reports = null;
        int discarded = 0;
        for (int i = 0; i < ready.Count; i++)
        {
            discarded += Discard(in ready.PeekAt(i), ref reports);
        }
        _discardedByClose += discarded;
        if (ReferenceEquals(t_current, this))
        {
            t_current = null;
        }
        if (reports is not null)
        {
            foreach (ExceptionContext report in reports)
            {
                CallDefaultHandlerSafely(report);
            }
        }
    }

    /// <summary>A dropped item: a pending report is kept for the default handler, anything else counts as discarded.</summary>
    private static int Discard(in ReadyItem item, ref List<ExceptionContext>? reports)
    {
        if (IsReport(in item, out ExceptionContext? report))
        {
            (reports ??= new List<ExceptionContext>()).Add(report);
            return 0;
        }
        return 1;
    }

    /// <summary>How many posted or queued callbacks <see cref="Close"/> dropped (for the stress tests' accounting).</summary>
    internal int DiscardedByClose => _discardedByClose;

    /// <summary>Closes the loop.</summary>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    private void CheckNotRunning()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("This event loop is already running");
        }
        if (t_running is not null)
        {
            throw new InvalidOperationException("Cannot run the event loop while another loop is running");
        }
    }

    /// <summary>
    /// One iteration (asyncio's <c>_run_once</c>): wait for work if there is none, move due timers to
    /// the ready queue, then run exactly the callbacks that are ready now. Callbacks they schedule run
    /// in the next iteration.
    /// </summary>
    /// <summary>The execution context the loop restores after each callback (captured when it started running).</summary>
    internal ExecutionContext? BaseContext => _baseContext;

    private void RunOnce()
    {
        DrainThreadsafe();
        PurgeCancelledTimersAtHead();

        double timeout;
        if (_ready.Count > 0 || _stopping)
        {
            timeout = 0;
        }
        else if (_timers.Count > 0)
        {
            timeout = Math.Max(0, _timers.Peek().When - Time());
        }
        else
        {
            timeout = -1;
        }
        if (timeout != 0)
        {
            WaitForWork(timeout);
            DrainThreadsafe();
        }

        // The clock is read only when there are timers: a clock read costs more than a callback.
        double end = _timers.Count > 0 ? Time() + ClockResolution : 0;
        while (_timers.Count > 0)
        {
            TimerHandle timer = _timers.Peek();
            if (timer.IsCancelled)
            {
                _timers.Pop();
                OnCancelledTimerPopped(timer);
                continue;
            }
            if (timer.When >= end)
            {
                break;
            }
            _timers.Pop();
            _ready.Enqueue(new ReadyItem(null, timer, null, TimerHandle.RunFromQueue, timer.Context));
        }

        int remaining = _ready.Count;
        NoteIteration(remaining);
        while (remaining > 0)
        {
            if (!Debug)
            {
                remaining = RunReady(remaining);
                continue;
            }
            remaining--;
            ReadyItem item = _ready.Dequeue();
            if (!IsSkipped(item.IdAndFlags))
            {
                Run(in item);
            }
        }
        if (Volatile.Read(ref _cancelledIdCount) != 0)
        {
            ForgetCancelsOfRunItems();
        }
    }

    /// <summary>
    /// Runs up to <paramref name="remaining"/> ready callbacks, as <see cref="Run"/> does one, with one
    /// exception region around the batch instead of one per callback. Returns how many are left: after a
    /// callback threw (it is reported, then the batch goes on) or once debug mode is switched on.
    /// </summary>
    private int RunReady(int remaining)
    {
        // The item's parts are read out of its slot, which is cleared before the callback runs (the
        // callback may queue more): no copy of the whole item. They live outside the try for the report.
        Delegate? callback = null;
        object? state = null;
        object? arg = null;
        ReadyInvoker? invoker = null;
        ExecutionContext? context = null;
        long idAndFlags = 0;
        ExecutionContext? baseContext = _baseContext;
        try
        {
            while (remaining > 0 && !Debug)
            {
                remaining--;
                ref ReadyItem slot = ref _ready.TakeHead();
                callback = slot.Callback;
                state = slot.State;
                arg = slot.Arg;
                invoker = slot.Invoker;
                context = slot.Context;
                idAndFlags = slot.IdAndFlags;
                ReadyQueue.ClearReferences(ref slot);
                if (ReadyItem.HasDefaultContextIn(idAndFlags))
                {
                    context = DefaultExecutionContext.Instance;
                }
                if (IsSkipped(idAndFlags))
                {
                    continue;
                }
                if (context is not null && context != baseContext)
                {
                    ExecutionContext.Restore(context);
                }
                ReadyItem.Invoke(callback, state, arg, invoker, idAndFlags);
                // Whatever the callback did to the context (AsyncLocal writes) stays with it.
                if (baseContext is not null && ExecutionContext.Capture() != baseContext)
                {
                    ExecutionContext.Restore(baseContext);
                }
            }
        }
        catch (Exception ex)
        {
            try
            {
                ReportCallbackException(new ReadyItem(callback, state, arg, invoker, context) { IdAndFlags = idAndFlags }, ex);
            }
            finally
            {
                if (_baseContext is not null && ExecutionContext.Capture() != _baseContext)
                {
                    ExecutionContext.Restore(_baseContext);
                }
            }
        }
        return remaining;
    }

    private void ReportCallbackException(in ReadyItem item, Exception ex) =>
        CallExceptionHandler(new ExceptionContext("Exception in callback " + item.Describe())
        {
            Exception = ex,
            Handle = item.State as TimerHandle ?? (object)new Handle(this, item.Id),
        });

    private void PurgeCancelledTimersAtHead()
    {
        while (_timers.Count > 0 && _timers.Peek().IsCancelled)
        {
            OnCancelledTimerPopped(_timers.Pop());
        }
    }

    /// <summary>Runs <paramref name="item"/> inside the current callback as if the loop ran it (context, error reporting).</summary>
    internal void RunReadyItemNow(in ReadyItem item) => Run(in item);

    private void Run(in ReadyItem item)
    {
        ExecutionContext? context = item.Context;
        if (context is not null && context != _baseContext)
        {
            ExecutionContext.Restore(context);
        }
        long started = Debug ? Stopwatch.GetTimestamp() : 0;
        try
        {
            item.Invoke();
        }
        catch (Exception ex)
        {
            ReportCallbackException(in item, ex);
        }
        finally
        {
            // Whatever the callback did to the context (AsyncLocal writes) stays with it.
            if (_baseContext is not null && ExecutionContext.Capture() != _baseContext)
            {
                ExecutionContext.Restore(_baseContext);
            }
        }
        if (started != 0)
        {
            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (seconds >= SlowCallbackDuration)
            {
                CallExceptionHandler(new ExceptionContext(
                    "Executing " + item.Describe() + " took " + seconds.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) + " seconds"));
            }
        }
    }

    /// <summary>
    /// Blocks until another thread posts work or <paramref name="timeoutSeconds"/> pass
    /// (negative: no limit). A virtual-time loop overrides this to advance its clock instead.
    /// </summary>
    protected virtual void WaitForWork(double timeoutSeconds)
    {
        _wake.Reset();
        Interlocked.Exchange(ref _sleeping, 1);
        try
        {
            if (_posts.HasWork)
            {
                return;
            }
            if (timeoutSeconds < 0)
            {
                _wake.Wait();
            }
            else
            {
                double ms = Math.Ceiling(timeoutSeconds * 1000.0);
                _wake.Wait(ms >= int.MaxValue ? int.MaxValue : (int)ms);
            }
        }
        finally
        {
            Volatile.Write(ref _sleeping, 0);
        }
    }
}
