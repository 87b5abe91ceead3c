using System;

namespace AsyncioGen;

public partial class EventLoop
{
    /// <summary>The loop's tasks: the current one, the live ones, a cancellation delivered on resume.</summary>
    internal readonly TaskRegistry Tasks = new();

    /// <summary>
    /// Schedules <paramref name="coroutine"/> on this loop as a task of its own (asyncio's
    /// <c>create_task</c>): its first step runs in the next iteration, or at once with
    /// <paramref name="eager"/> (or an eager task factory, see <see cref="SetTaskFactory"/>). Calling a
    /// coroutine already creates its task; this also adopts one created while no loop was running, and names it.
    /// </summary>
    /// <param name="coroutine">The coroutine (a <see cref="FutureTask{T}"/> not awaited yet).</param>
    /// <param name="name">The task's name; <c>Task-N</c> by default.</param>
    /// <param name="eager">Run the first step now, inside this call, up to the first suspension (asyncio 3.12's eager tasks); only while this loop runs on this thread.</param>
    public FutureTask<T> CreateTask<T>(FutureTask<T> coroutine, string? name = null, bool eager = false)
    {
        AdoptTask(coroutine, name, eager);
        return coroutine;
    }

    /// <summary>Schedules a result-less coroutine on this loop; see <see cref="CreateTask{T}(FutureTask{T}, string?, bool)"/>.</summary>
    public FutureTask CreateTask(FutureTask coroutine, string? name = null, bool eager = false)
    {
        AdoptTask(coroutine, name, eager);
        return coroutine;
    }

    /// <summary>Calls <paramref name="coroutine"/> and schedules the task it returns on this loop.</summary>
    public FutureTask<T> CreateTask<T>(Func<FutureTask<T>> coroutine, string? name = null, bool eager = false)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        return CreateTask(coroutine(), name, eager);
    }

    /// <summary>Calls <paramref name="coroutine"/> and schedules the task it returns on this loop.</summary>
    public FutureTask CreateTask(Func<FutureTask> coroutine, string? name = null, bool eager = false)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        return CreateTask(coroutine(), name, eager);
    }

    private FutureTaskFactory? _taskFactory;

    /// <summary>
    /// Sets the task factory <see cref="CreateTask{T}(FutureTask{T}, string?, bool)"/> (and
    /// <see cref="TaskGroup.CreateTask{T}(FutureTask{T}, string?)"/>) hands each new task to, once it is
    /// adopted and named (asyncio's <c>set_task_factory</c>); <see langword="null"/> restores the default
    /// (the first step is scheduled). <see cref="Asyncio.EagerTaskFactory"/> starts tasks eagerly.
    /// </summary>
    public void SetTaskFactory(FutureTaskFactory? factory) => _taskFactory = factory;

    /// <summary>The task factory set with <see cref="SetTaskFactory"/>, or <see langword="null"/> (asyncio's <c>get_task_factory</c>).</summary>
    public FutureTaskFactory? GetTaskFactory() => _taskFactory;

    private void AdoptTask(Future task, string? name, bool eager)
    {
        ArgumentNullException.ThrowIfNull(task);
        CheckClosed();
        AdoptOrCheck(task);
        if (name is not null)
        {
            ((IFutureTask)task).Name = name;
        }
        if (eager)
        {
            FutureTaskMachinery.StartEagerly(task);
        }
        else
        {
            _taskFactory?.Invoke(this, (IFutureTask)task);
        }
    }

    /// <summary>
    /// Moves the ready item at <paramref name="seq"/> (a task's first step) to the end of the ready
    /// queue unless it is there already; returns its new position, or null if it did not move.
    /// </summary>
    internal long? RescheduleIfNotLast(long seq)
    {
        if (!_ready.IsPending(seq) || !_ready.IsPending(seq + 1))
        {
            return null;
        }
        ref ReadyItem slot = ref _ready.FindSlot(seq, out bool found);
        if (!found || slot.Cancelled)
        {
            return null;
        }
        ReadyItem item = slot;
        slot.Cancelled = true;
        item.Cancelled = false;
        return _ready.Enqueue(item);
    }
}
