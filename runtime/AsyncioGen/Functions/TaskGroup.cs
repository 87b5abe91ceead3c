using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;

namespace AsyncioGen;

/// <summary>
/// Structured concurrency (asyncio's <c>TaskGroup</c>): tasks created in the group are awaited before
/// the group's block returns; the first failure cancels the rest and the block; all failures are
/// raised together.
/// <code>
/// await TaskGroup.RunAsync(async group =>
/// {
///     FutureTask&lt;int&gt; a = group.CreateTask(FetchAsync(1));
///     FutureTask&lt;int&gt; b = group.CreateTask(() => FetchAsync(2));
///     await Asyncio.Sleep(0.1);
/// });
/// // here a and b are done
/// </code>
/// </summary>
/// <remarks>
/// <para>Semantics (asyncio 3.13's): <see cref="RunAsync(Func{TaskGroup, FutureTask})"/> completes
/// when the block and every task of the group are done. When a task fails (with anything but
/// <see cref="CancelledError"/>), the group cancels the other tasks and the block's task; a
/// <see cref="CancelledError"/> that comes out of the block for that reason is absorbed. The failures
/// (of the tasks, then of the block) are raised as one <see cref="AggregateException"/>,
/// "unhandled errors in a TaskGroup"; <see cref="CancelledError"/>s are never among them. When the
/// task awaiting the group is cancelled from outside, the group cancels its tasks, waits for them,
/// and raises <see cref="CancelledError"/> (unless tasks failed: failures take priority).</para>
/// <para>Why a delegate rather than <c>await using var group = new TaskGroup()</c>: a
/// <c>DisposeAsync</c> cannot see an exception leaving the block, so it could neither cancel the
/// tasks when the block fails nor add the block's exception to the group's failures, and it would
/// replace the block's exception with its own. The block runs in its own task (an async delegate
/// creates one), which is the task the group cancels on a failure, as asyncio cancels the task
/// running the <c>async with</c>.</para>
/// <para>When tasks fail while the awaiting task is also being cancelled from outside, the failures are
/// raised and that task's cancellation is re-armed for its next await (asyncio's uncancel-and-cancel
/// in <c>__aexit__</c>): the external cancel is kept, not spent.</para>
/// </remarks>
public sealed class TaskGroup
{
    private static readonly ReadyInvoker s_onTaskDone = static (_, task, group) => ((TaskGroup)group!).OnTaskDone((Future)task!);

    private readonly EventLoop _loop;
    private readonly IFutureTask _ownTask;
    private readonly HashSet<Future> _tasks = new(ReferenceEqualityComparer.Instance);
    private List<Exception>? _errors;
    private Future? _body;
    private Future? _onCompleted;
    private bool _exiting;
    private bool _aborting;
    private bool _parentCancelRequested;

    private TaskGroup(EventLoop loop, IFutureTask ownTask)
    {
        _loop = loop;
        _ownTask = ownTask;
    }

    /// <summary>
    /// Runs <paramref name="body"/> with a new group and completes when the body and all the group's
    /// tasks are done (asyncio's <c>async with asyncio.TaskGroup() as group:</c>); see <see cref="TaskGroup"/>.
    /// </summary>
    /// <exception cref="AggregateException">Tasks of the group, or the body, failed: every failure, in the order they happened (the body's last).</exception>
    public static FutureTask RunAsync(Func<TaskGroup, FutureTask> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Asyncio.GetRunningLoop();
        return RunCore(body);
    }

    /// <summary>Runs <paramref name="body"/> with a new group and returns its result once the group's tasks are done too.</summary>
    public static FutureTask<T> RunAsync<T>(Func<TaskGroup, FutureTask<T>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Asyncio.GetRunningLoop();
        return RunCore(body);
    }

    /// <summary>
    /// Runs a <paramref name="body"/> that only starts tasks (asyncio's <c>async with</c> block with no
    /// <c>await</c> in it) and completes when all the group's tasks are done; see <see cref="TaskGroup"/>.
    /// An <c>async</c> lambda picks the <see cref="Func{T, TResult}"/> overload, never this one.
    /// </summary>
    /// <exception cref="AggregateException">Tasks of the group, or the body, failed.</exception>
    public static FutureTask RunAsync(Action<TaskGroup> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Asyncio.GetRunningLoop();
        return RunCore(body);
    }

    // Each body is called in its coroutine's first step: cancelled before it, nothing runs at all.
    private static async FutureTask RunCore(Func<TaskGroup, FutureTask> body)
    {
        TaskGroup group = Create();
        Exception? error = null;
        try
        {
            FutureTask task = body(group);
            group.StartBody(task);
            await task;
        }
        catch (Exception ex)
        {
            error = ex;
        }
        await group.ExitAsync(error);
    }

    private static async FutureTask<T> RunCore<T>(Func<TaskGroup, FutureTask<T>> body)
    {
        TaskGroup group = Create();
        Exception? error = null;
        T result = default!;
        try
        {
            FutureTask<T> task = body(group);
            group.StartBody(task);
            result = await task;
        }
        catch (Exception ex)
        {
            error = ex;
        }
        await group.ExitAsync(error);
        return result;
    }

    // A synchronous body cannot be suspended, so there is no block task for a failing child to cancel.
    private static async FutureTask RunCore(Action<TaskGroup> body)
    {
        TaskGroup group = Create();
        Exception? error = null;
        try
        {
            body(group);
        }
        catch (Exception ex)
        {
            error = ex;
        }
        await group.ExitAsync(error);
    }

    // asyncio's __aexit__: awaited inline by the RunCore coroutines, so it costs them no loop iteration.
    private async FutureTask ExitAsync(Exception? error)
    {
        CancelledError? propagate = BeginExit(error);
        while (_tasks.Count > 0)
        {
            try
            {
                await NextCompletion();
            }
            catch (CancelledError cancelled)
            {
                OnWaitCancelled(cancelled, ref propagate);
            }
        }
        EndExit(error, propagate);
    }

    private static TaskGroup Create()
    {
        EventLoop loop = Asyncio.GetRunningLoop();
        return new TaskGroup(loop, (IFutureTask)loop.Tasks.Current!);
    }

    private void StartBody(Future task)
    {
        ArgumentNullException.ThrowIfNull(task, "body");
        _loop.AdoptOrCheck(task);
        _body = task;
    }

    // ---------------------------------------------------------------- creating tasks

    /// <summary>
    /// Adds <paramref name="coroutine"/> (already a task: calling a coroutine creates it) to the group,
    /// optionally naming it (asyncio's <c>TaskGroup.create_task</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The group is finished or shutting down; the coroutine is then cancelled, so it never runs.</exception>
    public FutureTask<T> CreateTask<T>(FutureTask<T> coroutine, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        CheckOpen(coroutine);
        _loop.CreateTask(coroutine, name);
        Track(coroutine);
        return coroutine;
    }

    /// <summary>Adds a result-less <paramref name="coroutine"/> to the group; see <see cref="CreateTask{T}(FutureTask{T}, string?)"/>.</summary>
    public FutureTask CreateTask(FutureTask coroutine, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        CheckOpen(coroutine);
        _loop.CreateTask(coroutine, name);
        Track(coroutine);
        return coroutine;
    }

    /// <summary>Calls <paramref name="coroutine"/> and adds its task to the group; when the group no longer accepts tasks it is not called at all.</summary>
    public FutureTask<T> CreateTask<T>(Func<FutureTask<T>> coroutine, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        CheckOpen(null);
        return CreateTask(coroutine(), name);
    }

    /// <summary>Calls a result-less <paramref name="coroutine"/> and adds its task to the group.</summary>
    public FutureTask CreateTask(Func<FutureTask> coroutine, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(coroutine);
        CheckOpen(null);
        return CreateTask(coroutine(), name);
    }

    private void CheckOpen(Future? coroutine)
    {
        string? problem = _exiting && _tasks.Count == 0 ? " is finished" : _aborting ? " is shutting down" : null;
        if (problem is null)
        {
            return;
        }
        // asyncio closes the coroutine so it never runs; here it is already a task: cancel it before its first step.
        coroutine?.Cancel();
        throw new InvalidOperationException("TaskGroup " + this + problem);
    }

    private void Track(Future task)
    {
        // Also a task already done (an eager one that finished at once): its callback is scheduled, so a
        // failure cancels the body only after CreateTask returned (asyncio gh-128550).
        _tasks.Add(task);
        task.AddDoneCallbackCore(new DoneCallback(null, this, s_onTaskDone, null));
    }

    // ---------------------------------------------------------------- asyncio's _on_task_done, _abort, __aexit__

    private void OnTaskDone(Future task)
    {
        _tasks.Remove(task);
        if (_onCompleted is not null && _tasks.Count == 0 && !_onCompleted.IsDone)
        {
            _onCompleted.SetResult();
        }
        if (task.IsCancelled)
        {
            return;
        }
        Exception? error = task.GetException();
        if (error is null)
        {
            return;
        }
        (_errors ??= new List<Exception>()).Add(error);
        if (_body is null || _body.IsDone)
        {
            // The block is over and the group waits for its tasks: asyncio's cancel of the parent
            // lands on that wait and is absorbed, so what remains is cancelling the other tasks.
            if (!_aborting)
            {
                Abort();
            }
            return;
        }
        if (!_aborting && !_parentCancelRequested)
        {
            Abort();
            _parentCancelRequested = true;
            _body.Cancel();
        }
    }

    private void Abort()
    {
        _aborting = true;
        foreach (Future task in _tasks)
        {
            if (!task.IsDone)
            {
                task.Cancel();
            }
        }
    }

    private CancelledError? BeginExit(Exception? error)
    {
        _exiting = true;
        if (error is not null && !_aborting)
        {
            Abort();
        }
        return error as CancelledError;
    }

    private Future NextCompletion() => _onCompleted = _loop.CreateFuture();

    private void OnWaitCancelled(CancelledError cancelled, ref CancelledError? propagate)
    {
        _onCompleted = null;
        if (!_aborting)
        {
            // The task awaiting the group is being cancelled while the group waits for its tasks.
            propagate = cancelled;
            Abort();
        }
    }

    private void EndExit(Exception? error, CancelledError? propagate)
    {
        _onCompleted = null;
        if (_parentCancelRequested)
        {
            // The group cancelled the block itself: withdraw that request; with no other one pending
            // (on the block, or on the group's own task from outside), the CancelledError is absorbed.
            ((IFutureTask)_body!).Uncancel();
            if (((IFutureTask)_body).Cancelling() == 0 && _ownTask.Cancelling() == 0)
            {
                propagate = null;
            }
        }
        if (propagate is not null && _errors is null)
        {
            ExceptionDispatchInfo.Throw(propagate);
        }
        if (error is not null && error is not CancelledError)
        {
            (_errors ??= new List<Exception>()).Add(error);
        }
        if (_errors is not null)
        {
            if (_ownTask.Cancelling() > 0)
            {
                // Cancelled from outside too: the request stays pending, counted once, for the next await.
                _ownTask.Uncancel();
                _ownTask.Cancel();
            }
            List<Exception> errors = _errors;
            _errors = null;
            throw new AggregateException("unhandled errors in a TaskGroup", errors);
        }
    }

    /// <summary>asyncio's repr: <c>&lt;TaskGroup tasks=2 errors=1 cancelling&gt;</c>.</summary>
    public override string ToString()
    {
        string text = "<TaskGroup";
        if (_tasks.Count > 0)
        {
            text += " tasks=" + _tasks.Count;
        }
        if (_errors is { Count: > 0 })
        {
            text += " errors=" + _errors.Count;
        }
        return text + (_aborting ? " cancelling>" : " entered>");
    }
}
