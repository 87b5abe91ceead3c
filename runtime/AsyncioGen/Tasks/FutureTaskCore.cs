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

    // A task's waiter, or an inline frame's root: a frame never waits itself (its root does), so the
    // two share a field, told apart by the InlineFrame flag (8 bytes less on every task).
    private Future? _waiterOrRoot;

    /// <summary>The future the task's innermost frame waits on (asyncio's <c>_fut_waiter</c>); kept on the root task.</summary>
    public Future? Waiter
    {
        readonly get => Has(Flags.InlineFrame) ? null : _waiterOrRoot;
        set
        {
            if (!Has(Flags.InlineFrame))
            {
                _waiterOrRoot = value;
            }
        }
    }

    /// <summary>
    /// The inline-await links. On a task: its innermost inline frame (null while its own coroutine
    /// runs). On an inline frame: the frame that awaits it (the next one out).
    /// </summary>
    public Future? InlineLink;

    /// <summary>On an inline frame: the task whose step runs it. Null on a task.</summary>
    public Future? InlineRoot
    {
        readonly get => Has(Flags.InlineFrame) ? _waiterOrRoot : null;
        set
        {
            _waiterOrRoot = value;
            Set(Flags.InlineFrame, value is not null);
        }
    }

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

    /// <summary>The ready-queue position of the scheduled first step (cancelled when the coroutine is run inline instead).</summary>
    public long FirstStep;

    public int Id;
    public int CancelRequests;

    public SuspendKind Suspend;

    // The yes/no state in one byte: a task is the one allocation per coroutine call.
    private Flags _flags;

    [System.Flags]
    private enum Flags : byte
    {
        Deferred = 1,
        MustCancel = 2,
        Started = 4,
        Registered = 8,
        RunsAsTask = 16,
        CancelWalking = 32,
        PlainAwait = 64,
        InlineFrame = 128,
    }

    private readonly bool Has(Flags flag) => (_flags & flag) != 0;

    private void Set(Flags flag, bool on) => _flags = on ? _flags | flag : _flags & ~flag;

    /// <summary>Created by a running step and not started yet (see <c>FutureTaskMachinery.Initialize</c>); linked in <see cref="TaskRegistry"/>'s deferred list through <see cref="PreviousLive"/>/<see cref="NextLive"/>.</summary>
    public bool Deferred { readonly get => Has(Flags.Deferred); set => Set(Flags.Deferred, value); }

    /// <summary>A cancel request to deliver at the next await (asyncio's <c>_must_cancel</c>).</summary>
    public bool MustCancel { readonly get => Has(Flags.MustCancel); set => Set(Flags.MustCancel, value); }

    /// <summary>The first step ran (or the coroutine runs inline).</summary>
    public bool Started { readonly get => Has(Flags.Started); set => Set(Flags.Started, value); }

    /// <summary>In the loop's live-task list.</summary>
    public bool Registered { readonly get => Has(Flags.Registered); set => Set(Flags.Registered, value); }

    /// <summary>Handed to <c>CreateTask</c> or a task function (or given a done-callback): awaiting it never runs it inline.</summary>
    public bool RunsAsTask { readonly get => Has(Flags.RunsAsTask); set => Set(Flags.RunsAsTask, value); }

    /// <summary>Set while a cancellation walks down the chain of awaited tasks through this one (see FutureTaskMachinery.Cancel).</summary>
    public bool CancelWalking { readonly get => Has(Flags.CancelWalking); set => Set(Flags.CancelWalking, value); }

    /// <summary>The suspending await's <c>GetResult</c> only delivers outcomes (<see cref="IPlainFutureAwaiter"/>).</summary>
    public bool PlainAwait { readonly get => Has(Flags.PlainAwait); set => Set(Flags.PlainAwait, value); }

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
