using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// The logic shared by <see cref="FutureTask"/> and <see cref="FutureTask{T}"/>: asyncio's
/// <c>Task.__step</c>, <c>__wakeup</c> and <c>cancel</c>, over a state machine instead of a generator.
/// </summary>
internal static class FutureTaskMachinery
{
    /// <summary>The state of <paramref name="task"/>, which is a task (only tasks reach the machinery).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref FutureTaskCore CoreOf(Future task) => ref task.TaskState;

    /// <summary>
    /// Called by the builder's <c>Start</c>. Created by a running task's step, the coroutine's start is
    /// deferred: that step will most likely await it at once, and then it runs inline (asyncio's
    /// <c>await coro()</c>) and never is a task of its own. It becomes one, with its first step
    /// scheduled, when it is used as a task (<see cref="MarkRunsAsTask"/>, a done-callback, a cancel) or
    /// when the step ends without awaiting it (<see cref="StartDeferred(EventLoop)"/>). Created anywhere
    /// else on a running loop, its first step is scheduled at once; with no loop running, when a loop
    /// adopts it.
    /// </summary>
    public static void Initialize(Future task)
    {
        EventLoop? loop = EventLoop.RunningLoop;
        if (loop is not null && loop.Tasks.Deferring)
        {
            task.SetLoop(loop);
            CoreOf(task).Deferred = true;
            loop.Tasks.Defer(task);
            return;
        }
        CoreOf(task).Context = ExecutionContext.Capture();
        if (loop is not null)
        {
            Bind(task, loop);
        }
    }

    /// <summary>A task gets its loop: it joins the loop's live tasks and its first step is scheduled.</summary>
    public static void Bind(Future task, EventLoop loop)
    {
        task.SetLoop(loop);
        Schedule(task, loop);
    }

    private static void Schedule(Future task, EventLoop loop)
    {
        loop.Tasks.Register(task);
        CoreOf(task).FirstStep = loop.EnqueueReady(ReadyItem.TaskStep(task));
    }

    /// <summary>A coroutine whose start was deferred becomes a task: its first step is scheduled now, in the current context.</summary>
    private static void StartDeferred(Future task)
    {
        ref FutureTaskCore core = ref CoreOf(task);
        core.Deferred = false;
        EventLoop loop = task.LoopOrNull!;
        loop.Tasks.Undefer(task);
        core.Context = ExecutionContext.Capture();
        Schedule(task, loop);
    }

    /// <summary>The step that created them ends: the coroutines it did not await become tasks, in creation order.</summary>
    private static void StartDeferred(EventLoop loop)
    {
        ExecutionContext? context = null;
        while (loop.Tasks.TakeDeferred() is { } task)
        {
            ref FutureTaskCore core = ref CoreOf(task);
            core.Deferred = false;
            core.Context = context ??= ExecutionContext.Capture();
            Schedule(task, loop);
        }
    }

    /// <summary>
    /// The task is handed to <c>CreateTask</c>, a task function or a done-callback: it runs as a task
    /// of its own, and a coroutine awaiting it suspends on it instead of running it inline.
    /// </summary>
    public static void MarkRunsAsTask(Future future)
    {
        if (future is not ICoroutineTask)
        {
            return;
        }
        ref FutureTaskCore core = ref CoreOf(future);
        if (core.RunsAsTask)
        {
            return;
        }
        core.RunsAsTask = true;
        if (core.Deferred)
        {
            StartDeferred(future); // asyncio's create_task order: after everything scheduled so far
            return;
        }
        // asyncio schedules a task's first step when create_task (or gather, ...) wraps the coroutine:
        // a step scheduled at the call moves behind what was scheduled since.
        if (!core.Started && core.FirstStep != 0 && future.LoopOrNull is { } loop && loop.RescheduleIfNotLast(core.FirstStep) is long moved)
        {
            core.FirstStep = moved;
        }
    }

    /// <summary>A done-callback observes the task as a future: awaiting it no longer runs it inline.</summary>
    public static void MarkObserved(Future task)
    {
        ref FutureTaskCore core = ref CoreOf(task);
        core.RunsAsTask = true;
        if (core.Deferred)
        {
            StartDeferred(task);
        }
    }

    /// <summary>A coroutine whose first step has not run (and that is not run inline).</summary>
    public static bool IsNotStarted(Future future) => future is ICoroutineTask && !future.IsDone && !CoreOf(future).Started;

    /// <summary>The task whose step runs <paramref name="task"/>: itself, or the root of the inline frames it is one of.</summary>
    public static Future RootOf(Future task) => CoreOf(task).InlineRoot ?? task;

    /// <summary>asyncio's <c>__step</c>: run the coroutine until its next suspension or its end.</summary>
    public static void Step(Future task)
    {
        if (task.IsDone || CoreOf(task).InlineRoot is not null)
        {
            return; // an inline frame's own first step was cancelled; it runs in its task's steps
        }
        EventLoop loop = task.LoopOrNull!;
        Future? previous = loop.Tasks.Enter(task);
        try
        {
            RunStep(task, loop);
        }
        finally
        {
            loop.Tasks.Leave(previous);
        }
    }

    /// <summary>
    /// asyncio 3.12's <c>__eager_start</c>: the first step runs now, inside the caller (a callback or
    /// another task's step, which is not the current task meanwhile). A task that does not suspend is
    /// done without ever being scheduled. Only while the loop runs on this thread, else nothing changes.
    /// </summary>
    public static void StartEagerly(Future task)
    {
        if (!IsNotStarted(task) || CoreOf(task).InlineRoot is not null)
        {
            return;
        }
        EventLoop? loop = task.LoopOrNull;
        if (loop is null || !loop.IsRunning || !loop.IsOnLoopThread)
        {
            return;
        }
        ref FutureTaskCore core = ref CoreOf(task);
        if (core.Deferred)
        {
            StartDeferred(task); // a task from now on (its queued step is withdrawn below)
        }
        loop.CancelHandle(core.FirstStep);
        core.FirstStep = 0;
        Future? caller = loop.Tasks.Swap(task);
        Future? callerCancel = loop.Tasks.CancelOnResume;
        loop.Tasks.CancelOnResume = null;
        ExecutionContext callerContext = ExecutionContext.Capture()!;
        try
        {
            RunStep(task, loop);
        }
        finally
        {
            loop.Tasks.Swap(caller);
            loop.Tasks.CancelOnResume = callerCancel;
            if (!ReferenceEquals(ExecutionContext.Capture(), callerContext))
            {
                ExecutionContext.Restore(callerContext);
            }
        }
    }

    private static void RunStep(Future task, EventLoop loop)
    {
        ref FutureTaskCore core = ref CoreOf(task);
        if (!core.Started)
        {
            core.Started = true;
            core.FirstStep = 0;
            if (core.MustCancel)
            {
                // Cancelled before it ever ran: asyncio throws CancelledError in before the first line.
                core.MustCancel = false;
                FinishCancelled(task, null, core.PendingCancelMessage);
                return;
            }
        }

        // A cancel request that came while suspended on one of our awaitables is thrown by that
        // awaiter's GetResult, the first thing the coroutine does when it resumes. When the awaited
        // future was itself cancelled, its own CancelledError (with the first request's message) is what
        // the coroutine sees, as in asyncio, where a fresh one is made only if the wake-up was not one.
        bool deliverCancel = core.MustCancel && core.Suspend is SuspendKind.Future or SuspendKind.Yield;
        if (deliverCancel && core.Suspend == SuspendKind.Future && core.Waiter is { IsCancelled: true })
        {
            core.MustCancel = false;
            deliverCancel = false;
        }
        if (core.PlainAwait && core.InlineLink is null && core.Suspend != SuspendKind.None && TryEndCancelledWithoutThrow(task, ref core, deliverCancel))
        {
            return;
        }
        core.Waiter = null;
        core.Suspend = SuspendKind.None;
        if (deliverCancel)
        {
            loop.Tasks.CancelOnResume = task;
        }
        // A step runs from a ready item without a context of its own, so the thread is in the loop's
        // base context here: a task still in that context (no AsyncLocal writes) needs no restore.
        ExecutionContext? context = core.Context;
        if (context is not null && context != loop.BaseContext)
        {
            ExecutionContext.Restore(context);
        }
        // The outermost step (an eager step may run inside another) owns the coroutines created meanwhile.
        TaskRegistry tasks = loop.Tasks;
        bool ownsDeferred = !tasks.Deferring;
        if (ownsDeferred)
        {
            tasks.DeferralOwner = task;
        }
        try
        {
            RunFrames(task);
        }
        finally
        {
            tasks.CancelOnResume = null;
            if (ownsDeferred)
            {
                tasks.DeferralOwner = null;
                StartDeferred(loop);
            }
            core = ref CoreOf(task);
            if (task.IsDone)
            {
                Unsafe.As<ICoroutineBox>(task).Release();
                core.Context = null;
            }
            else
            {
                // The coroutine's own AsyncLocal writes stay with the task, as writes to its contextvars Context.
                ExecutionContext? after = ExecutionContext.Capture();
                if (!ReferenceEquals(after, core.Context))
                {
                    core.Context = after;
                }
            }
        }
    }

    /// <summary>
    /// A task resumed with a cancellation to raise at its await (a pending request, or the awaited future
    /// was cancelled), when nothing of its coroutine could run before the task ends cancelled (a plain
    /// await, no inline frames, a coroutine without handlers of its own: <see cref="CoroutineShape"/>):
    /// the task ends now, as the throw would have ended it, without throwing. The
    /// <see cref="CancelledError"/> is made only when someone asks for it.
    /// </summary>
    private static bool TryEndCancelledWithoutThrow(Future task, ref FutureTaskCore core, bool deliverCancel)
    {
        CancelledError? error = null;
        string? message;
        if (deliverCancel)
        {
            message = core.PendingCancelMessage;
        }
        else if (core.Suspend == SuspendKind.Future && core.Waiter is { IsCancelled: true } waiter)
        {
            if (!Unsafe.As<ICoroutineBox>(task).CancellationPassesThrough)
            {
                return false;
            }
            // What the await's GetResult would throw: an awaited task's original error (taking it is
            // what that GetResult does), or a fresh one with the future's message, made when asked.
            if (waiter is ICoroutineTask)
            {
                error = waiter.MakeCancelledError() as CancelledError;
                if (error is null)
                {
                    return false;
                }
            }
            message = error is null ? waiter.CancelMessage : error.CancelMessage;
        }
        else
        {
            return false;
        }
        if (!Unsafe.As<ICoroutineBox>(task).CancellationPassesThrough)
        {
            return false;
        }
        core.MustCancel = false;
        core.Waiter = null;
        core.Suspend = SuspendKind.None;
        FinishCancelled(task, error, message);
        Unsafe.As<ICoroutineBox>(task).Release();
        core = ref CoreOf(task);
        core.Context = null;
        return true;
    }

    /// <summary>
    /// The trampoline of a step: runs the innermost frame; when a frame awaits a coroutine that has
    /// not started, that coroutine becomes the innermost frame and runs next; when a frame finishes,
    /// the frame that awaited it resumes next. It returns when a frame suspends on a real future (or
    /// the task is done). One stack level whatever the depth of the chain.
    /// </summary>
    private static void RunFrames(Future root)
    {
        ref FutureTaskCore rootCore = ref CoreOf(root);
        Future frame = rootCore.InlineLink ?? root;
        while (true)
        {
            // Only the builder's boxes are tasks (FutureTask's constructors are private protected).
            Unsafe.As<ICoroutineBox>(frame).MoveNext();
            if (frame.IsDone)
            {
                if (ReferenceEquals(frame, root))
                {
                    return;
                }
                Future parent = PopInline(frame);
                rootCore.InlineLink = ReferenceEquals(parent, root) ? null : parent;
                frame = parent;
                continue;
            }
            Future top = rootCore.InlineLink ?? root;
            if (ReferenceEquals(top, frame))
            {
                return; // suspended
            }
            frame = top; // it awaited a coroutine: run that one inline
        }
    }

    /// <summary>
    /// True when <paramref name="future"/> is a coroutine nobody has started or handed to a task
    /// function: awaiting it runs it inline, as asyncio's <c>await coro()</c>.
    /// </summary>
    private static bool CanRunInline(Future future, ref FutureTaskCore core, EventLoop loop) =>
        !core.Started && !core.RunsAsTask && core.CancelRequests == 0
        && (future.LoopOrNull is null || ReferenceEquals(future.LoopOrNull, loop));

    /// <summary><paramref name="child"/> becomes the innermost frame of <paramref name="root"/>, awaited by <paramref name="parent"/>.</summary>
    private static void PushInline(Future root, ref FutureTaskCore rootCore, Future parent, Future child, ref FutureTaskCore core, EventLoop loop)
    {
        if (core.Deferred)
        {
            core.Deferred = false; // the usual case: created by this step, never a task of its own
            loop.Tasks.Undefer(child);
        }
        else if (child.LoopOrNull is null)
        {
            child.SetLoop(loop); // created while no loop ran: no step was scheduled
        }
        else
        {
            loop.CancelHandle(core.FirstStep);
            loop.Tasks.Unregister(child); // not a task from the user's view: AllTasks does not list it
        }
        core.FirstStep = 0;
        core.Started = true;
        core.Context = null; // it runs in its task's context, as asyncio's inline coroutine
        core.InlineRoot = root;
        core.InlineLink = parent;
        rootCore.InlineLink = child;
    }

    /// <summary>A finished inline frame leaves the chain; returns the frame that awaited it.</summary>
    private static Future PopInline(Future frame)
    {
        ref FutureTaskCore core = ref CoreOf(frame);
        Future parent = core.InlineLink!;
        core.InlineLink = null;
        core.InlineRoot = null;
        Unsafe.As<ICoroutineBox>(frame).Release();
        return parent;
    }

    /// <summary>Called by the loop when the resumed coroutine's awaiter asks whether to throw a delivered cancellation.</summary>
    public static CancelledError TakeCancellation(Future task)
    {
        ref FutureTaskCore core = ref CoreOf(task);
        core.MustCancel = false;
        return new CancelledError(core.PendingCancelMessage);
    }

    /// <summary>
    /// The coroutine of <paramref name="frame"/> awaits a future (or yields, when <paramref name="future"/>
    /// is null). A coroutine not started yet runs inline; anything else suspends the frame's task.
    /// </summary>
    public static void AwaitFuture(Future frame, Future? future, bool plain)
    {
        // The state is read through a virtual call: each one is read once here.
        ref FutureTaskCore frameCore = ref CoreOf(frame);
        Future task = frameCore.InlineRoot ?? frame;
        ref FutureTaskCore core = ref ReferenceEquals(task, frame) ? ref frameCore : ref CoreOf(task);
        EventLoop loop = task.LoopOrNull!;
        if (future is null)
        {
            StartDeferredOnSuspend(task, loop);
            core.Suspend = SuspendKind.Yield;
            core.PlainAwait = plain;
            loop.EnqueueReady(ReadyItem.TaskStep(task));
            return;
        }
        if (future is ICoroutineTask && !future.IsDone)
        {
            ref FutureTaskCore childCore = ref CoreOf(future);
            if (CanRunInline(future, ref childCore, loop))
            {
                PushInline(task, ref core, frame, future, ref childCore, loop);
                return;
            }
        }
        StartDeferredOnSuspend(task, loop);
        if (future.LoopOrNull is null)
        {
            // A task created with no loop running starts on the loop of the task that awaits it.
            future.BindToLoop(loop);
        }
        else if (!ReferenceEquals(future.LoopOrNull, loop))
        {
            Abandon(frame, new InvalidOperationException("Task " + task + " got Future " + future + " attached to a different loop"));
            return;
        }
        if (ReferenceEquals(future, task) || (future is ICoroutineTask && ReferenceEquals(RootOf(future), task)))
        {
            Abandon(frame, new InvalidOperationException("Task cannot await on itself: " + task));
            return;
        }
        core.Suspend = SuspendKind.Future;
        core.PlainAwait = plain;
        core.Waiter = future;
        if (core.MustCancel && future.Cancel(core.PendingCancelMessage))
        {
            core.MustCancel = false;
        }
        future.AddDoneCallbackCore(TaskCallbacks.Wakeup(task));
    }

    /// <summary>
    /// The step that owns the deferred coroutines suspends: those it did not await become tasks now,
    /// so their first steps come before anything it schedules to resume itself (a yield).
    /// </summary>
    private static void StartDeferredOnSuspend(Future task, EventLoop loop)
    {
        TaskRegistry tasks = loop.Tasks;
        if (tasks.HasDeferred && ReferenceEquals(tasks.DeferralOwner, task))
        {
            StartDeferred(loop);
        }
    }

    /// <summary>The coroutine awaits something that is not a future; its task resumes through <c>CallSoonThreadsafe</c>.</summary>
    public static Action PrepareForeignAwait(Future frame)
    {
        Future task = RootOf(frame);
        StartDeferredOnSuspend(task, task.LoopOrNull!);
        ref FutureTaskCore core = ref CoreOf(task);
        core.Suspend = SuspendKind.Foreign;
        return core.ForeignResume ??= () => ResumeFromForeign(task);
    }

    private static void ResumeFromForeign(Future task)
    {
        EventLoop? loop = task.LoopOrNull;
        if (loop is null || loop.IsClosed)
        {
            return; // The loop is gone; nothing can run the rest of the coroutine.
        }
        try
        {
            loop.CallSoonThreadsafeCore(ReadyItem.TaskStep(task));
        }
        catch (InvalidOperationException)
        {
            // Closed between the check and the post.
        }
    }

    /// <summary>
    /// asyncio's <c>Task.cancel</c>: a request, delivered at the current or next await. A task waiting
    /// on a task passes the request on (asyncio calls <c>_fut_waiter.cancel()</c>); here that walk is a
    /// loop, not a recursion, so a chain of any depth is cancelled on one stack level. A walk that comes
    /// back to a task it already passed (a cycle of tasks awaiting each other) stops there: the last
    /// task of the walk stops waiting and receives the <see cref="CancelledError"/>, which unwinds the cycle.
    /// An inline frame is part of the task that runs it: cancelling it cancels that task.
    /// </summary>
    public static bool Cancel(Future task, string? message)
    {
        if (task.IsCancelFromForeignThread(message, out bool posted))
        {
            return posted;
        }
        return CancelOnLoopThread(task, message);
    }

    /// <summary><see cref="Cancel"/> on the loop's thread (a cancel posted from another thread runs this).</summary>
    private static bool CancelOnLoopThread(Future task, string? message)
    {
        task.MarkErrorRetrieved(); // asyncio: cancel() clears _log_traceback, also when it returns false
        if (task.IsDone)
        {
            return false;
        }
        if (CoreOf(task).Deferred)
        {
            StartDeferred(task); // cancelled before it started: its first step ends it without running it
        }
        Future first = RootOf(task);
        Future current = first;
        bool cycle = false;
        Future? plainWaiter = null;
        while (true)
        {
            ref FutureTaskCore core = ref CoreOf(current);
            core.CancelRequests++;
            core.CancelWalking = true;
            Future? waiter = core.Waiter;
            if (waiter is null || waiter.IsDone)
            {
                break; // nothing to pass the request to: delivered at the next await
            }
            if (waiter is not ICoroutineTask)
            {
                plainWaiter = waiter;
                break;
            }
            Future next = RootOf(waiter);
            if (CoreOf(next).CancelWalking)
            {
                cycle = true;
                break;
            }
            current = next;
        }
        // The waiter's cancel runs with the walk's marks set, so a walk it starts (a gather cancelling
        // its children) also stops at the tasks of this one.
        bool waiterCancelled = plainWaiter is not null && plainWaiter.Cancel(message);
        for (Future? walked = first; walked is not null && CoreOf(walked).CancelWalking;)
        {
            ref FutureTaskCore core = ref CoreOf(walked);
            core.CancelWalking = false;
            Future? waiter = core.Waiter;
            walked = waiter is ICoroutineTask ? RootOf(waiter) : null;
        }
        if (waiterCancelled)
        {
            // The waiter's CancelledError reaches the coroutine when it wakes up. The waiter stays set:
            // it may be a future that refuses, and then it may be cancelled again.
            return true;
        }
        ref FutureTaskCore last = ref CoreOf(current);
        last.MustCancel = true;
        last.PendingCancelMessage = message;
        if (cycle)
        {
            StopWaiting(current);
        }
        return true;
    }

    /// <summary>Detaches a task from the task it waits on and resumes it, so the pending cancellation is thrown at that await.</summary>
    private static void StopWaiting(Future task)
    {
        ref FutureTaskCore core = ref CoreOf(task);
        Future waiter = core.Waiter!;
        waiter.RemoveDoneCallbacksWithArg(task);
        core.Waiter = null;
        task.LoopOrNull!.EnqueueReady(ReadyItem.TaskStep(task));
    }

    /// <summary>asyncio's <c>cancelling()</c>; an inline frame answers for the task that runs it.</summary>
    public static int Cancelling(Future task) => CoreOf(RootOf(task)).CancelRequests;

    public static int Uncancel(Future task)
    {
        ref FutureTaskCore core = ref CoreOf(RootOf(task));
        if (core.CancelRequests > 0)
        {
            core.CancelRequests--;
            if (core.CancelRequests == 0)
            {
                core.MustCancel = false;
            }
        }
        return core.CancelRequests;
    }

    /// <summary>The coroutine returned. A cancel request still pending turns the task cancelled, as in asyncio.</summary>
    public static bool TryFinishCancelledOnReturn(Future task)
    {
        ref FutureTaskCore core = ref CoreOf(task);
        task.LoopOrNull?.Tasks.Unregister(task);
        if (core.MustCancel)
        {
            core.MustCancel = false;
            task.CancelCore(core.PendingCancelMessage);
            return true;
        }
        return false;
    }

    /// <summary>
    /// The coroutine threw: a cancellation cancels the task, anything else fails it. A BCL
    /// <see cref="OperationCanceledException"/> (an awaited <c>Task</c> was cancelled) counts as a
    /// cancellation too, as asyncio's CancelledError from an awaited concurrent future does: a future
    /// never holds a cancellation exception (see <see cref="Future.SetException"/>).
    /// </summary>
    public static void FinishWithException(Future task, Exception exception)
    {
        if (exception is OperationCanceledException canceled)
        {
            FinishCancelled(task, canceled as CancelledError ?? new CancelledError(canceled.Message, canceled));
            return;
        }
        task.LoopOrNull?.Tasks.Unregister(task);
        task.CompleteWithException(exception);
    }

    private static void FinishCancelled(Future task, CancelledError error) => FinishCancelled(task, error, error.CancelMessage);

    /// <summary>Ends the task cancelled; without an <paramref name="error"/>, the first <c>GetResult</c> makes one from the message.</summary>
    private static void FinishCancelled(Future task, CancelledError? error, string? message)
    {
        CoreOf(task).CancelledException = error;
        task.LoopOrNull?.Tasks.Unregister(task);
        task.CancelCore(message);
    }

    /// <summary>Fails a task whose coroutine cannot be resumed (it awaited itself, or another loop's future).</summary>
    private static void Abandon(Future task, Exception exception)
    {
        task.LoopOrNull?.Tasks.Unregister(task);
        task.CompleteWithException(exception);
    }

    /// <summary>
    /// asyncio's <c>_make_cancelled_error</c>: the first call gives the <see cref="CancelledError"/> the
    /// coroutine ended with (the same object, with its frames); later calls a fresh one with the message.
    /// </summary>
    public static Exception MakeCancelledError(Future task)
    {
        ref FutureTaskCore core = ref CoreOf(task);
        CancelledError? original = core.CancelledException;
        if (original is not null)
        {
            core.CancelledException = null;
            return original;
        }
        return new CancelledError(task.CancelMessage);
    }

    public static void SetName(Future task, string name) =>
        CoreOf(task).Name = name ?? throw new ArgumentNullException(nameof(name));

    public static object? GetCoro(Future task) => Unsafe.As<ICoroutineBox>(task).StateMachineOrNull;

    public static string GetName(Future task)
    {
        ref FutureTaskCore core = ref CoreOf(task);
        return core.Name ??= "Task-" + core.EnsureId().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
