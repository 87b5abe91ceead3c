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
    /// <summary>Called by the builder's <c>Start</c>: binds to the running loop (if any) and schedules the first step.</summary>
    public static void Initialize(Future task)
    {
        ref FutureTaskCore core = ref task.TaskCore;
        core.Id = FutureTaskCore.NextId();
        core.Context = ExecutionContext.Capture();
        EventLoop? loop = EventLoop.RunningLoop;
        if (loop is not null)
        {
            task.BindToLoop(loop);
        }
    }

    /// <summary>A task gets its loop: it joins the loop's live tasks and its first step is scheduled.</summary>
    public static void Bind(Future task, EventLoop loop)
    {
        loop.RegisterTask(task);
        loop.EnqueueReady(new ReadyItem(null, task, null, FutureTaskCore.StepInvoker, null));
    }

    /// <summary>asyncio's <c>__step</c>: run the coroutine until its next suspension or its end.</summary>
    public static void Step(Future task)
    {
        if (task.IsDone)
        {
            return;
        }
        ref FutureTaskCore core = ref task.TaskCore;
        EventLoop loop = task.LoopOrNull!;
        var box = (ICoroutineBox)task;

        if (!core.Started)
        {
            core.Started = true;
            if (core.MustCancel)
            {
                // Cancelled before it ever ran: asyncio throws CancelledError in before the first line.
                core.MustCancel = false;
                FinishCancelled(task, new CancelledError(core.PendingCancelMessage));
                return;
            }
        }

        // A cancel request that came while suspended on one of our awaitables is thrown by that
        // awaiter's GetResult, the first thing the coroutine does when it resumes.
        bool deliverCancel = core.MustCancel && core.Suspend is SuspendKind.Future or SuspendKind.Yield;
        core.Waiter = null;
        core.Suspend = SuspendKind.None;

        Future? previous = loop.EnterTask(task);
        if (deliverCancel)
        {
            loop.CancelOnResume = task;
        }
        ExecutionContext? context = core.Context;
        if (context is not null)
        {
            ExecutionContext.Restore(context);
        }
        try
        {
            box.MoveNext();
        }
        finally
        {
            loop.CancelOnResume = null;
            loop.LeaveTask(task, previous);
            ref FutureTaskCore after = ref task.TaskCore;
            if (task.IsDone)
            {
                box.Release();
                after.Context = null;
            }
            else
            {
                // The coroutine's own AsyncLocal writes stay with the task, as writes to its contextvars Context.
                after.Context = ExecutionContext.Capture();
            }
        }
    }

    /// <summary>Called by the loop when the resumed coroutine's awaiter asks whether to throw a delivered cancellation.</summary>
    public static CancelledError TakeCancellation(Future task)
    {
        ref FutureTaskCore core = ref task.TaskCore;
        core.MustCancel = false;
        return new CancelledError(core.PendingCancelMessage);
    }

    /// <summary>The coroutine awaits a future (or yields, when <paramref name="future"/> is null).</summary>
    public static void AwaitFuture(Future task, Future? future)
    {
        ref FutureTaskCore core = ref task.TaskCore;
        EventLoop loop = task.LoopOrNull!;
        if (future is null)
        {
            core.Suspend = SuspendKind.Yield;
            loop.EnqueueReady(new ReadyItem(null, task, null, FutureTaskCore.StepInvoker, null));
            return;
        }
        if (future.LoopOrNull is null)
        {
            // A task created with no loop running starts on the loop of the task that awaits it.
            future.BindToLoop(loop);
        }
        else if (!ReferenceEquals(future.LoopOrNull, loop))
        {
            Abandon(task, new InvalidOperationException("Task " + task + " got Future " + future + " attached to a different loop"));
            return;
        }
        if (ReferenceEquals(future, task))
        {
            Abandon(task, new InvalidOperationException("Task cannot await on itself: " + task));
            return;
        }
        core.Suspend = SuspendKind.Future;
        core.Waiter = future;
        if (core.MustCancel && future.Cancel(core.PendingCancelMessage))
        {
            core.MustCancel = false;
        }
        future.AddDoneCallbackCore(new DoneCallback(null, task, FutureTaskCore.WakeupInvoker, null));
    }

    /// <summary>The coroutine awaits something that is not a future; it resumes through <c>CallSoonThreadsafe</c>.</summary>
    public static Action PrepareForeignAwait(Future task)
    {
        ref FutureTaskCore core = ref task.TaskCore;
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
            loop.CallSoonThreadsafeCore(new ReadyItem(null, task, null, FutureTaskCore.StepInvoker, null));
        }
        catch (InvalidOperationException)
        {
            // Closed between the check and the post.
        }
    }

    /// <summary>asyncio's <c>Task.cancel</c>: a request, delivered at the current or next await.</summary>
    public static bool Cancel(Future task, string? message)
    {
        if (task.IsDone)
        {
            return false;
        }
        ref FutureTaskCore core = ref task.TaskCore;
        core.CancelRequests++;
        Future? waiter = core.Waiter;
        if (waiter is not null && waiter.Cancel(message))
        {
            // The waiter's CancelledError reaches the coroutine when it wakes up. The waiter stays set:
            // it may be a task that refuses, and then it may be cancelled again.
            return true;
        }
        core = ref task.TaskCore;
        core.MustCancel = true;
        core.PendingCancelMessage = message;
        return true;
    }

    public static int Uncancel(Future task)
    {
        ref FutureTaskCore core = ref task.TaskCore;
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
        ref FutureTaskCore core = ref task.TaskCore;
        task.LoopOrNull?.UnregisterTask(task);
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
        task.LoopOrNull?.UnregisterTask(task);
        task.CompleteWithException(exception);
    }

    private static void FinishCancelled(Future task, CancelledError error)
    {
        task.TaskCore.CancelledException = error;
        task.LoopOrNull?.UnregisterTask(task);
        task.CancelCore(error.CancelMessage);
    }

    /// <summary>Fails a task whose coroutine cannot be resumed (it awaited itself, or another loop's future).</summary>
    private static void Abandon(Future task, Exception exception)
    {
        task.LoopOrNull?.UnregisterTask(task);
        task.CompleteWithException(exception);
    }

    public static Exception MakeCancelledError(Future task)
    {
        CancelledError? original = task.TaskCore.CancelledException;
        return original is null
            ? new CancelledError(task.CancelMessage)
            : new CancelledError(original.CancelMessage, original);
    }

    public static string GetName(Future task)
    {
        ref FutureTaskCore core = ref task.TaskCore;
        return core.Name ??= "Task-" + core.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
