using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;

namespace AsyncioGen;

/// <summary>
/// A coroutine wrapped in a future (asyncio's <c>Task</c>). It is the return type of coroutines:
/// calling <c>async FutureTask&lt;int&gt; FetchAsync()</c> creates a task whose first step is
/// scheduled on the running loop (or on the loop that first runs it, if none is running).
/// </summary>
/// <remarks>
/// <see cref="Cancel"/> is a request: <see cref="CancelledError"/> is thrown into the coroutine at
/// its current or next await, and the coroutine may catch it. The task's outcome is its coroutine's:
/// <c>SetResult</c> and <c>SetException</c> throw.
/// </remarks>
[AsyncMethodBuilder(typeof(FutureTaskMethodBuilder<>))]
public abstract class FutureTask<T> : Future<T>, ICoroutineTask
{
    private FutureTaskCore _core;

    // A task is bound to a loop when a loop runs it (it may be created while none runs).
    private protected FutureTask() : base(loop: null, allowUnbound: true)
    {
    }

    internal sealed override ref FutureTaskCore TaskState => ref _core;

    internal override void BindToLoop(EventLoop loop) => FutureTaskMachinery.Bind(this, loop);

    /// <inheritdoc/>
    public string Name
    {
        get => FutureTaskMachinery.GetName(this);
        set => FutureTaskMachinery.SetName(this, value);
    }

    /// <summary>The task's name (asyncio's <c>get_name</c>).</summary>
    public string GetName() => Name;

    /// <summary>Sets the task's name (asyncio's <c>set_name</c>).</summary>
    public void SetName(string name) => Name = name;

    /// <summary>
    /// Requests cancellation (asyncio's <c>Task.cancel</c>): the future the task awaits is cancelled,
    /// or, if it awaits none, <see cref="CancelledError"/> is delivered at its next await.
    /// <see cref="Future.IsCancelled"/> becomes true only when the coroutine ends with that error.
    /// Returns <see langword="false"/> if the task is already done.
    /// </summary>
    public override bool Cancel(string? message = null) => FutureTaskMachinery.Cancel(this, message);

    /// <inheritdoc/>
    public int Cancelling() => FutureTaskMachinery.Cancelling(this);

    /// <inheritdoc/>
    public int Uncancel() => FutureTaskMachinery.Uncancel(this);

    /// <inheritdoc/>
    public object? GetCoro() => FutureTaskMachinery.GetCoro(this);

    /// <inheritdoc/>
    public IReadOnlyList<TaskStackFrame> GetStack(int? limit = null) => TaskIntrospection.GetStack(this, limit);

    /// <inheritdoc/>
    public void PrintStack(int? limit = null, TextWriter? file = null) => TaskIntrospection.PrintStack(this, limit, file);

    internal override Exception MakeCancelledError() => FutureTaskMachinery.MakeCancelledError(this);

    private protected override string ReprName => "Task";

    private protected override void AppendReprInfo(List<string> info)
    {
        base.AppendReprInfo(info);
        TaskIntrospection.AppendTaskRepr(this, info);
    }

    internal void OnCoroutineReturned(T result)
    {
        if (!FutureTaskMachinery.TryFinishCancelledOnReturn(this))
        {
            SetResultFromTask(result);
        }
    }
}

/// <summary>The task and its coroutine's state machine in one object: one allocation per coroutine call.</summary>
internal sealed class FutureTaskBox<T, TStateMachine> : FutureTask<T>, ICoroutineBox
    where TStateMachine : IAsyncStateMachine
{
    public TStateMachine StateMachine = default!;

    public void MoveNext() => StateMachine.MoveNext();

    public void Release() => StateMachine = default!;

    public IAsyncStateMachine? StateMachineOrNull => IsDone ? null : StateMachine;

    public Type StateMachineType => typeof(TStateMachine);

    private static readonly bool s_cancellationPassesThrough = CoroutineShape.CancellationPassesThrough(typeof(TStateMachine));

    public bool CancellationPassesThrough => s_cancellationPassesThrough;
}
