using System;
using System.Collections.Generic;

namespace AsyncioGen;

/// <summary>
/// What a loop knows of its tasks (one per loop, <see cref="EventLoop.Tasks"/>): the task whose step
/// runs (asyncio's <c>current_task</c>), the unfinished tasks (<c>all_tasks</c>), and the cancellation a
/// resumed task must see at its first await.
/// </summary>
internal sealed class TaskRegistry
{
    private Future? _current;
    private Future? _live;
    private int _liveCount;

    /// <summary>Set while a task resumes with a cancel request to deliver at its first await's <c>GetResult</c>.</summary>
    public Future? CancelOnResume;

    /// <summary>The task whose step is running (asyncio's <c>current_task</c>).</summary>
    public Future? Current => _current;

    /// <summary>The number of live tasks (tests check that finished tasks leave the list).</summary>
    public int LiveCount => _liveCount;

    /// <summary>asyncio's <c>_enter_task</c>: a step starts; no other task's step may be running.</summary>
    public Future? Enter(Future task)
    {
        Future? previous = _current;
        if (previous is not null)
        {
            throw new InvalidOperationException("Cannot enter into task " + task + " while another task " + previous + " is being executed.");
        }
        _current = task;
        return previous;
    }

    /// <summary>asyncio's <c>_leave_task</c>.</summary>
    public void Leave(Future? previous) => _current = previous;

    /// <summary>asyncio's <c>_swap_current_task</c>: an eager task's first step runs inside its creator's.</summary>
    public Future? Swap(Future? task)
    {
        Future? previous = _current;
        _current = task;
        return previous;
    }

    /// <summary>Live (unfinished) tasks form an intrusive list through their state: registering allocates nothing.</summary>
    public void Register(Future task)
    {
        ref FutureTaskCore core = ref FutureTaskMachinery.CoreOf(task);
        if (core.Registered)
        {
            return;
        }
        core.Registered = true;
        core.EnsureId();
        core.PreviousLive = null;
        core.NextLive = _live;
        if (_live is not null)
        {
            FutureTaskMachinery.CoreOf(_live).PreviousLive = task;
        }
        _live = task;
        _liveCount++;
    }

    public void Unregister(Future task)
    {
        ref FutureTaskCore core = ref FutureTaskMachinery.CoreOf(task);
        if (!core.Registered)
        {
            return;
        }
        core.Registered = false;
        if (core.PreviousLive is not null)
        {
            FutureTaskMachinery.CoreOf(core.PreviousLive).NextLive = core.NextLive;
        }
        else
        {
            _live = core.NextLive;
        }
        if (core.NextLive is not null)
        {
            FutureTaskMachinery.CoreOf(core.NextLive).PreviousLive = core.PreviousLive;
        }
        core.PreviousLive = null;
        core.NextLive = null;
        _liveCount--;
    }

    /// <summary>
    /// The task whose step runs (the outermost one, when an eager step runs inside it): coroutines
    /// created meanwhile are deferred (not scheduled) until they are used as tasks or that step
    /// suspends or ends (see <see cref="FutureTaskMachinery.Initialize"/>).
    /// </summary>
    public Future? DeferralOwner;

    public bool Deferring => DeferralOwner is not null;

    public bool HasDeferred => _deferredHead is not null;

    // The deferred coroutines, in creation order: a list through their (unused) live-list links, so
    // deferring allocates nothing and one leaves it in O(1) when it runs inline or becomes a task.
    private Future? _deferredHead;
    private Future? _deferredTail;

    public void Defer(Future task)
    {
        ref FutureTaskCore core = ref FutureTaskMachinery.CoreOf(task);
        core.NextLive = null;
        core.PreviousLive = _deferredTail;
        if (_deferredTail is null)
        {
            _deferredHead = task;
        }
        else
        {
            FutureTaskMachinery.CoreOf(_deferredTail).NextLive = task;
        }
        _deferredTail = task;
    }

    public void Undefer(Future task)
    {
        ref FutureTaskCore core = ref FutureTaskMachinery.CoreOf(task);
        Future? previous = core.PreviousLive;
        Future? next = core.NextLive;
        if (previous is null)
        {
            _deferredHead = next;
        }
        else
        {
            FutureTaskMachinery.CoreOf(previous).NextLive = next;
        }
        if (next is null)
        {
            _deferredTail = previous;
        }
        else
        {
            FutureTaskMachinery.CoreOf(next).PreviousLive = previous;
        }
        core.PreviousLive = null;
        core.NextLive = null;
    }

    /// <summary>Removes and returns the oldest deferred coroutine, or null.</summary>
    public Future? TakeDeferred()
    {
        Future? head = _deferredHead;
        if (head is not null)
        {
            Undefer(head);
        }
        return head;
    }

    /// <summary>The unfinished tasks (asyncio's <c>all_tasks</c>).</summary>
    public HashSet<Future> All()
    {
        var tasks = new HashSet<Future>(ReferenceEqualityComparer.Instance);
        for (Future? task = _live; task is not null; task = FutureTaskMachinery.CoreOf(task).NextLive)
        {
            if (!task.IsDone)
            {
                tasks.Add(task);
            }
        }
        return tasks;
    }

    /// <summary>Throws the cancellation a resumed task must see at its first await (see <see cref="FutureTaskMachinery.Step"/>).</summary>
    public void ThrowIfCancelDeliveredOnResume()
    {
        Future? task = CancelOnResume;
        if (task is not null)
        {
            CancelOnResume = null;
            throw FutureTaskMachinery.TakeCancellation(task);
        }
    }
}
