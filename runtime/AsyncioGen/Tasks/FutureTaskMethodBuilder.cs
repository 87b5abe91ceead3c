using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// Awaiter handling shared by both builders: a future's awaiter registers the task's wake-up on the
/// future (asyncio's <c>_fut_waiter</c>); anything else resumes the task through <c>CallSoonThreadsafe</c>.
/// </summary>
internal static class CoroutineAwait
{
    public static void OnCompleted<TAwaiter>(Future task, ref TAwaiter awaiter)
        where TAwaiter : INotifyCompletion
    {
        if (awaiter is IFutureAwaiter)
        {
            // A type test on a struct type argument is folded by the JIT: no boxing.
            FutureTaskMachinery.AwaitFuture(task, Unsafe.As<TAwaiter, FutureAwaiterLayout>(ref awaiter).Future, plain: awaiter is IPlainFutureAwaiter);
            return;
        }
        Action resume = FutureTaskMachinery.PrepareForeignAwait(task);
        SynchronizationContext? context = SynchronizationContext.Current;
        // Without the loop's context captured, the BCL continuation runs where the work completes and
        // posts back once; with it, it could run inline inside whatever completed the work.
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            awaiter.OnCompleted(resume);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }

    public static void UnsafeOnCompleted<TAwaiter>(Future task, ref TAwaiter awaiter)
        where TAwaiter : ICriticalNotifyCompletion
    {
        if (awaiter is IFutureAwaiter)
        {
            FutureTaskMachinery.AwaitFuture(task, Unsafe.As<TAwaiter, FutureAwaiterLayout>(ref awaiter).Future, plain: awaiter is IPlainFutureAwaiter);
            return;
        }
        Action resume = FutureTaskMachinery.PrepareForeignAwait(task);
        SynchronizationContext? context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            awaiter.UnsafeOnCompleted(resume);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
    }
}

/// <summary>The async method builder of <see cref="FutureTask{T}"/> coroutines. Used by the compiler.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct FutureTaskMethodBuilder<T>
{
    private FutureTask<T>? _task;

    /// <summary>Creates a builder.</summary>
    public static FutureTaskMethodBuilder<T> Create() => default;

    /// <summary>The task of this coroutine call.</summary>
    public FutureTask<T> Task => _task ?? throw new InvalidOperationException("The coroutine has not started.");

    /// <summary>Creates the task and schedules its first step; nothing of the body runs here (asyncio's non-eager tasks).</summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        var box = new FutureTaskBox<T, TStateMachine>();
        _task = box;                       // first, so the copy below carries the task
        box.StateMachine = stateMachine;
        FutureTaskMachinery.Initialize(box);
    }

    /// <summary>Not used: the state machine lives in the task from the start.</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>Suspends the coroutine on <paramref name="awaiter"/>.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        CoroutineAwait.OnCompleted(_task!, ref awaiter);

    /// <summary>Suspends the coroutine on <paramref name="awaiter"/>.</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        CoroutineAwait.UnsafeOnCompleted(_task!, ref awaiter);

    /// <summary>The coroutine returned <paramref name="result"/>.</summary>
    public void SetResult(T result) => _task!.OnCoroutineReturned(result);

    /// <summary>The coroutine threw <paramref name="exception"/>.</summary>
    public void SetException(Exception exception) => FutureTaskMachinery.FinishWithException(_task!, exception);
}

/// <summary>The async method builder of <see cref="FutureTask"/> coroutines. Used by the compiler.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct FutureTaskMethodBuilder
{
    private FutureTask? _task;

    /// <summary>Creates a builder.</summary>
    public static FutureTaskMethodBuilder Create() => default;

    /// <summary>The task of this coroutine call.</summary>
    public FutureTask Task => _task ?? throw new InvalidOperationException("The coroutine has not started.");

    /// <summary>Creates the task and schedules its first step.</summary>
    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        var box = new FutureTaskBox<TStateMachine>();
        _task = box;
        box.StateMachine = stateMachine;
        FutureTaskMachinery.Initialize(box);
    }

    /// <summary>Not used: the state machine lives in the task from the start.</summary>
    public void SetStateMachine(IAsyncStateMachine stateMachine)
    {
    }

    /// <summary>Suspends the coroutine on <paramref name="awaiter"/>.</summary>
    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        CoroutineAwait.OnCompleted(_task!, ref awaiter);

    /// <summary>Suspends the coroutine on <paramref name="awaiter"/>.</summary>
    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion
        where TStateMachine : IAsyncStateMachine =>
        CoroutineAwait.UnsafeOnCompleted(_task!, ref awaiter);

    /// <summary>The coroutine returned.</summary>
    public void SetResult() => _task!.OnCoroutineReturned();

    /// <summary>The coroutine threw <paramref name="exception"/>.</summary>
    public void SetException(Exception exception) => FutureTaskMachinery.FinishWithException(_task!, exception);
}
