using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// The eventual outcome of an operation, bound to one <see cref="EventLoop"/> (asyncio's
/// <c>Future</c>). This is the result-less future and the base of <see cref="Future{T}"/> and of every
/// task. Not thread-safe: use it from its loop's thread.
/// </summary>
/// <remarks>
/// Done-callbacks are never run inline: completing the future schedules them on the loop with
/// <see cref="EventLoop.CallSoon(Action, ExecutionContext?)"/>, in the order they were added.
/// </remarks>
public class Future : IFutureLike
{
    private EventLoop? _loop;
    private FutureState _state;
    private ExceptionHolder? _error;
    private string? _cancelMessage;

    // The first callback lives in fields (most futures have one: the awaiting task), more in an array.
    private DoneCallback _firstCallback;
    private DoneCallback[]? _moreCallbacks;
    private int _moreCount;

    /// <summary>
    /// Creates a pending future on <paramref name="loop"/>; without one, on the running loop, else the
    /// thread's current loop. Prefer <see cref="EventLoop.CreateFuture()"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No loop given and none running or set for this thread.</exception>
    public Future(EventLoop? loop = null)
    {
        _loop = loop ?? EventLoop.RunningLoop ?? EventLoop.CurrentLoop ?? throw NoLoop();
    }

    /// <summary>For tasks (<paramref name="allowUnbound"/>): the loop may be unknown until a loop runs the task.</summary>
    private protected Future(EventLoop? loop, bool allowUnbound)
    {
        _loop = allowUnbound ? loop : loop ?? throw NoLoop();
    }

    internal static InvalidOperationException NoLoop() => new(
        "There is no current event loop in thread '" + (Thread.CurrentThread.Name ?? Environment.CurrentManagedThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture))
        + "'. Create the future inside a coroutine running on a loop, or pass the loop explicitly.");

    /// <summary>True once the future has a result or an exception, or was cancelled.</summary>
    public bool IsDone => _state != FutureState.Pending;

    /// <summary>True if the future was cancelled.</summary>
    public bool IsCancelled => _state == FutureState.Cancelled;

    internal EventLoop? LoopOrNull => _loop;

    internal FutureState State => _state;

    /// <summary>The event loop the future is bound to (asyncio's <c>get_loop</c>).</summary>
    /// <exception cref="InvalidOperationException">A task created with no loop running that no loop has started yet.</exception>
    public EventLoop GetLoop() => _loop ?? throw new InvalidOperationException(
        "This task is not bound to an event loop yet: it starts when a loop runs it (RunUntilComplete, Asyncio.Run, CreateTask, or an await from a running task).");

    /// <summary>Binds an unbound task to a loop (tasks override this to schedule their first step).</summary>
    internal virtual void BindToLoop(EventLoop loop) => _loop = loop;

    internal void SetLoop(EventLoop loop) => _loop = loop;

    /// <summary>
    /// A task's state (Tasks/FutureTaskCore), read only by the task machinery once a type test against
    /// <see cref="ICoroutineTask"/> said this future is a task; a null reference on any other future. A
    /// virtual, not an interface member: the machinery reads it many times per step, across as many
    /// task types as there are coroutines, where an interface call goes through a resolve stub.
    /// </summary>
    internal virtual ref FutureTaskCore TaskState => ref System.Runtime.CompilerServices.Unsafe.NullRef<FutureTaskCore>();

    /// <summary>The exception a failed future holds, without marking it retrieved.</summary>
    internal Exception? ErrorForIntrospection => _error?.Exception;

    // ---------------------------------------------------------------- results

    /// <summary>
    /// Returns if the future finished with a result (asyncio's <c>result()</c>); rethrows its exception
    /// (same instance, original stack trace); throws <see cref="CancelledError"/> if it was cancelled.
    /// </summary>
    /// <exception cref="InvalidStateError">The future is not done.</exception>
    public void GetResult() => GetResultCore();

    internal void GetResultCore()
    {
        switch (_state)
        {
            case FutureState.Pending:
                throw new InvalidStateError("Result is not ready.");
            case FutureState.Cancelled:
                ThrowCancelled();
                break;
        }
        _error?.Throw();
    }

    /// <summary>
    /// The exception set on the future, or <see langword="null"/> if it finished with a result
    /// (asyncio's <c>exception()</c>).
    /// </summary>
    /// <exception cref="CancelledError">The future was cancelled.</exception>
    /// <exception cref="InvalidStateError">The future is not done.</exception>
    public Exception? GetException()
    {
        switch (_state)
        {
            case FutureState.Pending:
                throw new InvalidStateError("Exception is not set.");
            case FutureState.Cancelled:
                ThrowCancelled();
                break;
        }
        if (_error is null)
        {
            return null;
        }
        _error.MarkObserved();
        return _error.Exception;
    }

    /// <summary>The cancel message, for <see cref="CancelledError"/>s made from this future.</summary>
    internal string? CancelMessage => _cancelMessage;

    /// <summary>The error <see cref="GetResult"/> throws for a cancelled future; tasks rethrow the coroutine's own.</summary>
    internal virtual Exception MakeCancelledError() => new CancelledError(_cancelMessage);

    // A task's original CancelledError keeps the frames it went through (the interrupted one first).
    // Each such re-raise appends to its stack trace text, so a chain thousands of tasks deep would cost
    // quadratic time: past a bound the error is re-raised from here, with the frames from here on.
    private const int MaxRethrowsWithFrames = 64;

    private void ThrowCancelled()
    {
        Exception error = MakeCancelledError();
        if (error is CancelledError { Rethrows: >= MaxRethrowsWithFrames } deep)
        {
            throw deep;
        }
        if (error is CancelledError cancelled)
        {
            cancelled.Rethrows++;
        }
        ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>asyncio's <c>cancel()</c> clears <c>__log_traceback</c>: cancelling a failed future counts as retrieving its exception.</summary>
    internal void MarkErrorRetrieved() => _error?.MarkObserved();

    /// <summary>Marks the future done without a value (asyncio's <c>set_result(None)</c>).</summary>
    /// <exception cref="InvalidStateError">The future is already done.</exception>
    public void SetResult()
    {
        if (!CheckSettable("SetResult"))
        {
            _loop!.PostCall(static future => future.SetResult(), this);
            return;
        }
        CompleteWithResult();
    }

    /// <summary>Marks the future done with an exception (asyncio's <c>set_exception</c>).</summary>
    /// <exception cref="InvalidStateError">The future is already done.</exception>
    /// <exception cref="ArgumentException"><paramref name="exception"/> is a cancellation exception: call <see cref="Cancel"/> instead.</exception>
    public void SetException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        bool here = CheckSettable("SetException");
        if (exception is OperationCanceledException)
        {
            throw new ArgumentException(
                "A cancellation exception cannot be set as a future's exception; call Cancel(message) to cancel the future.",
                nameof(exception));
        }
        if (!here)
        {
            _loop!.PostCall(static state => state.Future.SetException(state.Exception), (Future: this, Exception: exception));
            return;
        }
        CompleteWithException(exception);
    }

    /// <summary>
    /// The checks of <c>SetResult</c>/<c>SetException</c>. Returns false when the caller is not the loop's
    /// owner thread: the caller then posts the call to the loop (see EventLoop.ForeignThreads.cs).
    /// </summary>
    private protected bool CheckSettable(string operation)
    {
        if (this is ICoroutineTask)
        {
            throw new InvalidOperationException("Task does not support " + operation + " operation: a task's outcome is its coroutine's.");
        }
        bool here = _loop is not { } loop || !loop.IsForeignCall();
        if (_state != FutureState.Pending)
        {
            throw new InvalidStateError(StateName + ": " + ToString());
        }
        return here;
    }

    private string StateName => _state switch
    {
        FutureState.Pending => "PENDING",
        FutureState.Finished => "FINISHED",
        _ => "CANCELLED",
    };

    /// <summary>Moves to finished (the result is already stored by the caller) and schedules the callbacks.</summary>
    internal void CompleteWithResult()
    {
        _state = FutureState.Finished;
        ScheduleCallbacks();
    }

    internal void CompleteWithException(Exception exception)
    {
        _error = new ExceptionHolder(this, exception);
        _state = FutureState.Finished;
        ScheduleCallbacks();
    }

    /// <summary>
    /// Moves to finished (the result is already stored) and runs the callbacks now, each as the loop runs a
    /// ready callback. Only for a waiter future completed by a callback that already sits where asyncio's
    /// task wake-up would run (a queue's re-check): scheduling them would resume the waiting task one
    /// iteration after asyncio's.
    /// </summary>
    internal void CompleteWithResultRunningCallbacksNow()
    {
        _state = FutureState.Finished;
        ScheduleCallbacks(runNow: true);
    }

    /// <summary>As <see cref="CompleteWithResultRunningCallbacksNow"/>, with an exception.</summary>
    internal void CompleteWithExceptionRunningCallbacksNow(Exception exception)
    {
        _error = new ExceptionHolder(this, exception);
        _state = FutureState.Finished;
        ScheduleCallbacks(runNow: true);
    }

    /// <summary>
    /// Cancels the future and schedules its callbacks (asyncio's <c>cancel</c>). Returns
    /// <see langword="false"/> if it is already done. A task overrides this: there it is a request.
    /// </summary>
    /// <param name="message">Carried by the <see cref="CancelledError"/> that <see cref="GetResult"/> throws.</param>
    public virtual bool Cancel(string? message = null)
    {
        // Cancelling a failed future counts as retrieving its exception (asyncio 3.12), whichever thread asks.
        MarkErrorRetrieved();
        if (IsCancelFromForeignThread(message, out bool posted))
        {
            return posted;
        }
        return CancelCore(message);
    }

    /// <summary>
    /// The guard at the top of every <c>Cancel</c> override: from a thread that does not own the loop, the
    /// whole call is posted to the loop (<paramref name="posted"/>: true unless the future is already done).
    /// </summary>
    internal bool IsCancelFromForeignThread(string? message, out bool posted)
    {
        if (_loop is { } loop && loop.IsForeignCall())
        {
            posted = loop.PostCancel(this, message);
            return true;
        }
        posted = false;
        return false;
    }

    internal bool CancelCore(string? message)
    {
        if (_state != FutureState.Pending)
        {
            return false;
        }
        _state = FutureState.Cancelled;
        _cancelMessage = message;
        ScheduleCallbacks();
        return true;
    }

    // ---------------------------------------------------------------- callbacks

    /// <summary>
    /// Adds a callback run with this future when it is done (asyncio's <c>add_done_callback</c>);
    /// scheduled with <c>CallSoon</c> (also if the future is already done), in the given execution
    /// context or the caller's.
    /// </summary>
    public void AddDoneCallback(Action<Future> callback, ExecutionContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddDoneCallbackPublic(new DoneCallback(callback, null, Invokers<Future>.ActionOfState, context ?? ExecutionContext.Capture()));
    }

    /// <summary>Adds a callback with its own state; a static lambda and a reference-type state allocate nothing.</summary>
    public void AddDoneCallback<TState>(Action<Future, TState> callback, TState state)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddDoneCallbackPublic(new DoneCallback(callback, state, Invokers<Future, TState>.ActionOfFutureAndState, ExecutionContext.Capture()));
    }

    private protected void AddDoneCallbackPublic(in DoneCallback callback)
    {
        if (_loop is { } loop && loop.IsForeignCall())
        {
            loop.PostCall(static state => state.Future.AddDoneCallbackCore(state.Callback), (Future: this, Callback: callback));
            return;
        }
        AddDoneCallbackCore(callback);
    }

    internal void AddDoneCallbackCore(in DoneCallback callback)
    {
        if (this is ICoroutineTask)
        {
            // Observed as a future: awaiting it suspends on it rather than running it inline.
            FutureTaskMachinery.MarkObserved(this);
        }
        if (_state != FutureState.Pending)
        {
            Dispatch(callback);
            return;
        }
        if (_firstCallback.IsEmpty && _moreCount == 0)
        {
            _firstCallback = callback;
            return;
        }
        _moreCallbacks ??= DoneCallbackArrays.Rent(); // with the inline one: four callbacks before a resize
        if (_moreCount == _moreCallbacks.Length)
        {
            Array.Resize(ref _moreCallbacks, _moreCount * 2);
        }
        _moreCallbacks[_moreCount++] = callback;
    }

    /// <summary>
    /// Removes every registration of <paramref name="callback"/> (asyncio's
    /// <c>remove_done_callback</c>) and returns how many were removed.
    /// </summary>
    public int RemoveDoneCallback(Delegate callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        _loop?.ThrowIfForeignThread("RemoveDoneCallback");
        return RemoveCallbacksWhere(static (registered, target) => target.Equals(registered.Callback), callback);
    }

    /// <summary>
    /// Removes the registrations whose state argument is <paramref name="arg"/> (by reference). The task
    /// functions register static invokers with a bookkeeping object as the argument, so this is how
    /// they unregister (asyncio's <c>remove_done_callback</c>) without a delegate per call.
    /// </summary>
    internal int RemoveDoneCallbacksWithArg(object arg) =>
        RemoveCallbacksWhere(static (registered, target) => ReferenceEquals(registered.Arg, target), arg);

    private int RemoveCallbacksWhere<TKey>(Func<DoneCallback, TKey, bool> matches, TKey key)
    {
        int removed = 0;
        if (!_firstCallback.IsEmpty && matches(_firstCallback, key))
        {
            _firstCallback = default;
            removed++;
        }
        if (_moreCallbacks is not null)
        {
            int kept = 0;
            for (int i = 0; i < _moreCount; i++)
            {
                if (matches(_moreCallbacks[i], key))
                {
                    removed++;
                }
                else
                {
                    _moreCallbacks[kept++] = _moreCallbacks[i];
                }
            }
            Array.Clear(_moreCallbacks, kept, _moreCount - kept);
            _moreCount = kept;
        }
        // Keep FIFO order simple: the inline slot is always the oldest callback.
        if (_firstCallback.IsEmpty && _moreCount > 0)
        {
            _firstCallback = _moreCallbacks![0];
            Array.Copy(_moreCallbacks, 1, _moreCallbacks, 0, _moreCount - 1);
            _moreCallbacks[--_moreCount] = default;
        }
        return removed;
    }

    /// <summary>The number of callbacks waiting for this future.</summary>
    internal int CallbackCount => (_firstCallback.IsEmpty ? 0 : 1) + _moreCount;

    private void ScheduleCallbacks(bool runNow = false)
    {
        if (!_firstCallback.IsEmpty)
        {
            DoneCallback first = _firstCallback;
            _firstCallback = default;
            Dispatch(first, runNow);
        }
        if (_moreCount > 0)
        {
            DoneCallback[] more = _moreCallbacks!;
            int count = _moreCount;
            _moreCount = 0;
            for (int i = 0; i < count; i++)
            {
                DoneCallback callback = more[i];
                more[i] = default;
                Dispatch(callback, runNow);
            }
            // A done future adds no more callbacks (they are dispatched at once): its cleared array goes back.
            _moreCallbacks = null;
            DoneCallbackArrays.Return(more);
        }
    }

    private void Dispatch(in DoneCallback callback, bool runNow = false)
    {
        EventLoop loop = _loop ?? throw new InvalidOperationException("A task completed before it was bound to a loop.");
        if (loop.IsClosed)
        {
            throw new InvalidOperationException("Event loop is closed");
        }
        var item = new ReadyItem(callback.Callback, this, callback.Arg, callback.Invoker, callback.Context);
        if (runNow)
        {
            loop.RunReadyItemNow(in item);
            return;
        }
        loop.EnqueueReady(item);
    }

    // ---------------------------------------------------------------- await

    /// <summary>Awaits the future; awaiting allocates nothing, and may be repeated with the same outcome.</summary>
    public FutureAwaiter GetAwaiter() => new(this);

    /// <summary>Registers an awaiter's continuation; from another thread, it is marshalled to the loop and resumed on the thread pool.</summary>
    internal void AddContinuation(Action continuation, ExecutionContext? context)
    {
        EventLoop? loop = _loop;
        if (loop is not null && !loop.IsOwnerThread)
        {
            loop.CallSoonThreadsafeCore(new ReadyItem(continuation, this, context, s_registerForeignContinuation, null));
            return;
        }
        AddDoneCallbackCore(new DoneCallback(continuation, null, null, context));
    }

    private static readonly ReadyInvoker s_registerForeignContinuation = static (continuation, future, context) =>
        ((Future)future!).AddDoneCallbackCore(new DoneCallback(continuation, null, s_resumeOnThreadPool, (ExecutionContext?)context));

    private static readonly ReadyInvoker s_resumeOnThreadPool = static (continuation, _, _) =>
        ThreadPool.UnsafeQueueUserWorkItem(static c => ((Action)c!)(), continuation);

    /// <summary>What an await's <c>GetResult</c> does: delivers a pending task cancellation first (see <see cref="TaskRegistry.CancelOnResume"/>).</summary>
    internal void GetResultForAwait()
    {
        _loop?.Tasks.ThrowIfCancelDeliveredOnResume();
        GetResultCore();
    }

    // ---------------------------------------------------------------- repr

    /// <summary>
    /// asyncio's repr: <c>&lt;Future pending&gt;</c>, <c>&lt;Future pending cb=[...]&gt;</c>,
    /// <c>&lt;Future finished result=42&gt;</c>,
    /// <c>&lt;Future finished exception=InvalidOperationException('boom')&gt;</c>, <c>&lt;Future cancelled&gt;</c>.
    /// </summary>
    public override string ToString()
    {
        var info = new List<string>();
        AppendReprInfo(info);
        return "<" + ReprName + " " + string.Join(" ", info) + ">";
    }

    private protected virtual string ReprName => "Future";

    private protected virtual void AppendReprInfo(List<string> info)
    {
        info.Add(_state switch
        {
            FutureState.Pending => "pending",
            FutureState.Finished => "finished",
            _ => "cancelled",
        });
        if (_state == FutureState.Finished)
        {
            info.Add(_error is not null ? "exception=" + CallbackFormatter.ReprException(_error.Exception) : "result=" + ReprResult());
        }
        string callbacks = FormatCallbacks();
        if (callbacks.Length > 0)
        {
            info.Add(callbacks);
        }
    }

    /// <summary>The result boxed, for functions that collect results of mixed types (gather); null on a result-less future.</summary>
    internal virtual object? ResultAsObject => null;

    private protected virtual string ReprResult() => "null";

    private protected Exception? ErrorOrNull => _error?.Exception;

    private string FormatCallbacks()
    {
        int count = CallbackCount;
        if (count == 0)
        {
            return "";
        }
        DoneCallback At(int i) => _firstCallback.IsEmpty ? _moreCallbacks![i] : (i == 0 ? _firstCallback : _moreCallbacks![i - 1]);
        var text = new StringBuilder("cb=[");
        if (count <= 2)
        {
            text.Append(At(0).Describe());
            if (count == 2)
            {
                text.Append(", ").Append(At(1).Describe());
            }
        }
        else
        {
            text.Append(At(0).Describe()).Append(", <").Append(count - 2).Append(" more>, ").Append(At(count - 1).Describe());
        }
        return text.Append(']').ToString();
    }
}
