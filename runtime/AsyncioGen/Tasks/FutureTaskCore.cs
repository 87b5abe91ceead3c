using System;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// A task's own state, embedded in <see cref="FutureTask"/> and <see cref="FutureTask{T}"/> and reached
/// through <see cref="Future.TaskState"/>. The logic is in <see cref="FutureTaskMachinery"/>; this
/// is the data, as in asyncio's <c>Task</c>.
/// </summary>
internal struct FutureTaskCore
{
    private static int s_counter;

    /// <summary>The future the task's innermost frame waits on (asyncio's <c>_fut_waiter</c>); kept on the root task.</summary>
    public Future? Waiter;

    /// <summary>
    /// The inline-await links. On a task: its innermost inline frame (null while its own coroutine
    /// runs). On an inline frame: the frame that awaits it (the next one out).
    /// </summary>
    public Future? InlineLink;

    /// <summary>On an inline frame: the task whose step runs it. Null on a task.</summary>
    public Future? InlineRoot;

    public ExecutionContext? Context;
    /// <summary>Links in the loop's live-task list, or, while <see cref="Deferred"/>, in its deferred list (a task is in one at most).</summary>
    public Future? PreviousLive;
    public Future? NextLive;

    // What most tasks never use lives in a side object, allocated on first use: a task is the one
    // allocation per coroutine call, and its size is what the collector copies while it lives.
    private TaskExtras? _extras;

    public string? PendingCancelMessage
    {
        readonly get => _extras?.PendingCancelMessage;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.PendingCancelMessage = value;
            }
        }
    }

    public CancelledError? CancelledException
    {
        readonly get => _extras?.CancelledException;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.CancelledException = value;
            }
        }
    }

    public string? Name
    {
        readonly get => _extras?.Name;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.Name = value;
            }
        }
    }

    public Action? ForeignResume
    {
        readonly get => _extras?.ForeignResume;
        set
        {
            if (value is not null || _extras is not null)
            {
                Extras.ForeignResume = value;
            }
        }
    }

    private TaskExtras Extras => _extras ??= new TaskExtras();

    /// <summary>Created by a running step and not started yet (see <c>FutureTaskMachinery.Initialize</c>); linked in <see cref="TaskRegistry"/>'s deferred list through <see cref="PreviousLive"/>/<see cref="NextLive"/>.</summary>
    public bool Deferred;

    /// <summary>The ready-queue position of the scheduled first step (cancelled when the coroutine is run inline instead).</summary>
    public long FirstStep;

    public int Id;
    public int CancelRequests;
    public bool MustCancel;
    public bool Started;
    public bool Registered;

    /// <summary>Handed to <c>CreateTask</c> or a task function (or given a done-callback): awaiting it never runs it inline.</summary>
    public bool RunsAsTask;

    /// <summary>Set while a cancellation walks down the chain of awaited tasks through this one (see FutureTaskMachinery.Cancel).</summary>
    public bool CancelWalking;

    public SuspendKind Suspend;

    /// <summary>The suspending await's <c>GetResult</c> only delivers outcomes (<see cref="IPlainFutureAwaiter"/>).</summary>
    public bool PlainAwait;

    /// <summary>The number in the default name <c>Task-N</c>: given when the coroutine becomes a task (or is asked its name), so inline coroutines use none.</summary>
    public int EnsureId()
    {
        if (Id == 0)
        {
            Id = Interlocked.Increment(ref s_counter);
        }
        return Id;
    }
}
