using System;
using System.Collections.Generic;
using System.Threading;

namespace AsyncioGen;

public partial class EventLoop
{
    private Future? _currentTask;
    private Future? _liveTasks;
    private int _liveTaskCount;

    /// <summary>Set while a task resumes with a cancel request to deliver at its first await's <c>GetResult</c>.</summary>
    internal Future? CancelOnResume;

    /// <summary>Creates a future bound to this loop (asyncio's <c>create_future</c>; the recommended way).</summary>
    public Future<T> CreateFuture<T>() => new(this);

    /// <summary>Creates a result-less future bound to this loop.</summary>
    public Future CreateFuture() => new(this);

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
    /// Runs <paramref name="function"/> on the thread pool and returns a future for its result,
    /// completed on this loop (asyncio's <c>run_in_executor(None, fn)</c>).
    /// </summary>
    public Future<T> RunInExecutor<T>(Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        CheckClosed();
        var future = new Future<T>(this);
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            (Future<T> target, Func<T> work) = state;
            T result = default!;
            Exception? failure = null;
            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            EventLoop loop = target.LoopOrNull!;
            if (loop.IsClosed)
            {
                return; // Nobody can observe the result; throwing here would crash the process.
            }
            try
            {
                loop.CallSoonThreadsafe(static s =>
                {
                    (Future<T> f, T value, Exception? error) = s;
                    if (f.IsDone)
                    {
                        return; // cancelled while running: the result is dropped
                    }
                    if (error is null)
                    {
                        f.SetResult(value);
                    }
                    else if (error is OperationCanceledException)
                    {
                        f.Cancel(error.Message);
                    }
                    else
                    {
                        f.SetException(error);
                    }
                }, (target, result, failure));
            }
            catch (InvalidOperationException)
            {
                // The loop closed between the check and the post.
            }
        }, (future, function), preferLocal: false);
        return future;
    }

    /// <summary>Runs <paramref name="action"/> on the thread pool; the future completes on this loop when it returns.</summary>
    public Future RunInExecutor(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return RunInExecutor<object?>(() =>
        {
            action();
            return null;
        });
    }

    // ---------------------------------------------------------------- task bookkeeping

    /// <summary>The task whose step is running (asyncio's <c>current_task</c>).</summary>
    internal Future? CurrentTask => _currentTask;

    internal Future? EnterTask(Future task)
    {
        Future? previous = _currentTask;
        if (previous is not null)
        {
            throw new InvalidOperationException("Cannot enter into task " + task + " while another task " + previous + " is being executed.");
        }
        _currentTask = task;
        return previous;
    }

    internal void LeaveTask(Future task, Future? previous) => _currentTask = previous;

    /// <summary>asyncio's <c>_swap_current_task</c>: an eager task's first step runs inside its creator's.</summary>
    internal Future? SwapCurrentTask(Future? task)
    {
        Future? previous = _currentTask;
        _currentTask = task;
        return previous;
    }

    /// <summary>Live (unfinished) tasks form an intrusive list: registering one allocates nothing.</summary>
    internal void RegisterTask(Future task)
    {
        ref FutureTaskCore core = ref task.TaskCore;
        if (core.Registered)
        {
            return;
        }
        core.Registered = true;
        core.PreviousLive = null;
        core.NextLive = _liveTasks;
        if (_liveTasks is not null)
        {
            _liveTasks.TaskCore.PreviousLive = task;
        }
        _liveTasks = task;
        _liveTaskCount++;
    }

    internal void UnregisterTask(Future task)
    {
        ref FutureTaskCore core = ref task.TaskCore;
        if (!core.Registered)
        {
            return;
        }
        core.Registered = false;
        if (core.PreviousLive is not null)
        {
            core.PreviousLive.TaskCore.NextLive = core.NextLive;
        }
        else
        {
            _liveTasks = core.NextLive;
        }
        if (core.NextLive is not null)
        {
            core.NextLive.TaskCore.PreviousLive = core.PreviousLive;
        }
        core.PreviousLive = null;
        core.NextLive = null;
        _liveTaskCount--;
    }

    /// <summary>The loop's unfinished tasks (asyncio's <c>all_tasks</c>).</summary>
    internal HashSet<Future> AllTasks()
    {
        var tasks = new HashSet<Future>(ReferenceEqualityComparer.Instance);
        for (Future? task = _liveTasks; task is not null; task = task.TaskCore.NextLive)
        {
            if (!task.IsDone)
            {
                tasks.Add(task);
            }
        }
        return tasks;
    }

    internal int LiveTaskCount => _liveTaskCount;

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

    /// <summary>Throws the cancellation a resumed task must see at its first await (see <see cref="FutureTaskMachinery.Step"/>).</summary>
    internal void ThrowIfCancelDeliveredOnResume()
    {
        Future? task = CancelOnResume;
        if (task is not null)
        {
            CancelOnResume = null;
            throw FutureTaskMachinery.TakeCancellation(task);
        }
    }

    /// <summary>In debug mode, rejects calls from threads other than the loop's.</summary>
    internal void DebugCheckThread()
    {
        if (Debug)
        {
            CheckThread();
        }
    }
}
