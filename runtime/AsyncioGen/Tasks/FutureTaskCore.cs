using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

/// <summary>How a task's coroutine last suspended.</summary>
internal enum SuspendKind : byte
{
    None,
    /// <summary>On a pending future (asyncio's <c>_fut_waiter</c>).</summary>
    Future,
    /// <summary>On <c>Asyncio.Sleep(0)</c>: a bare yield of one loop iteration.</summary>
    Yield,
    /// <summary>On something else (a BCL task): resumed through <c>CallSoonThreadsafe</c>.</summary>
    Foreign,
}

/// <summary>The coroutine inside a task: the state machine box the builder created.</summary>
internal interface ICoroutineBox
{
    void MoveNext();

    /// <summary>Drops the state machine (and the locals it captured) once the task is done.</summary>
    void Release();

    IAsyncStateMachine? StateMachineOrNull { get; }

    Type StateMachineType { get; }
}

/// <summary>
/// A task's own state, embedded in <see cref="FutureTask"/> and <see cref="FutureTask{T}"/> (which
/// cannot share a base class below <see cref="Future"/>). The logic is in
/// <see cref="FutureTaskMachinery"/>; this is the data, as in asyncio's <c>Task</c>.
/// </summary>
internal struct FutureTaskCore
{
    /// <summary>Invoker that runs a task's next step; the task is the item's state.</summary>
    public static readonly ReadyInvoker StepInvoker = static (_, task, _) => FutureTaskMachinery.Step((Future)task!);

    /// <summary>Done-callback of the future a task waits on; the task is the item's argument.</summary>
    public static readonly ReadyInvoker WakeupInvoker = static (_, _, task) => FutureTaskMachinery.Step((Future)task!);

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
    public bool MustCancel;
    public bool Started;
    public bool Registered;

    /// <summary>Handed to <c>CreateTask</c> or a task function (or given a done-callback): awaiting it never runs it inline.</summary>
    public bool RunsAsTask;

    /// <summary>Set while a cancellation walks down the chain of awaited tasks through this one (see FutureTaskMachinery.Cancel).</summary>
    public bool CancelWalking;

    public SuspendKind Suspend;

    public static int NextId() => Interlocked.Increment(ref s_counter);
}

/// <summary>The rarely used part of a task's state (see <see cref="FutureTaskCore"/>).</summary>
internal sealed class TaskExtras
{
    public string? PendingCancelMessage;
    public CancelledError? CancelledException;
    public string? Name;
    public Action? ForeignResume;
}
