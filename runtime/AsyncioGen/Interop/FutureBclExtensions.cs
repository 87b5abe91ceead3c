using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncioGen;

/// <summary>
/// Futures seen from BCL code: <see cref="AsTask{T}(Future{T})"/> and
/// <see cref="AsValueTask{T}(Future{T})"/> give a <see cref="Task"/> that code on any thread can await.
/// </summary>
public static class FutureBclExtensions
{
    /// <summary>
    /// A task that completes as <paramref name="future"/> does: its result, its exception, or
    /// canceled when the future is cancelled (a <see cref="TaskCanceledException"/> when awaited). Safe
    /// to call from any thread: off the loop's thread, the registration is posted to the loop with
    /// <c>CallSoonThreadsafe</c>. The task's continuations never run on the loop thread inline.
    /// </summary>
    public static Task<T> AsTask<T>(this Future<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        var source = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        OnLoop(future, source, static (f, s) =>
        {
            if (f.IsDone)
            {
                Complete(f, s);
            }
            else
            {
                f.AddDoneCallbackCore(new DoneCallback(null, s, Completion<T>.Invoker, null));
            }
        });
        return source.Task;
    }

    /// <summary>A task that completes as a result-less <paramref name="future"/> does; see <see cref="AsTask{T}(Future{T})"/>.</summary>
    public static Task AsTask(this Future future)
    {
        ArgumentNullException.ThrowIfNull(future);
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        OnLoop(future, source, static (f, s) =>
        {
            if (f.IsDone)
            {
                Complete(f, s);
            }
            else
            {
                f.AddDoneCallbackCore(new DoneCallback(null, s, s_completeUntyped, null));
            }
        });
        return source.Task;
    }

    /// <summary>
    /// <paramref name="future"/> as a <see cref="ValueTask{TResult}"/>: without any allocation when the
    /// future already has its result and the caller is on the loop's thread (or the loop is not
    /// running); otherwise backed by <see cref="AsTask{T}(Future{T})"/>.
    /// </summary>
    public static ValueTask<T> AsValueTask<T>(this Future<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        if (CanReadState(future) && future.IsDone && !future.IsCancelled && future.ErrorForIntrospection is null)
        {
            return new ValueTask<T>(future.GetResult());
        }
        return new ValueTask<T>(future.AsTask());
    }

    /// <summary>A result-less <paramref name="future"/> as a <see cref="ValueTask"/>; see <see cref="AsValueTask{T}(Future{T})"/>.</summary>
    public static ValueTask AsValueTask(this Future future)
    {
        ArgumentNullException.ThrowIfNull(future);
        if (CanReadState(future) && future.IsDone && !future.IsCancelled && future.ErrorForIntrospection is null)
        {
            return default;
        }
        return new ValueTask(future.AsTask());
    }

    /// <summary>The future's state may be read here: on its loop's thread, or while no thread runs the loop.</summary>
    private static bool CanReadState(Future future)
    {
        EventLoop loop = future.GetLoop();
        return loop.IsOnLoopThread || !loop.IsRunning;
    }

    private static void OnLoop<TFuture, TSource>(TFuture future, TSource source, Action<TFuture, TSource> register)
        where TFuture : Future
    {
        EventLoop loop = future.GetLoop();
        if (CanReadState(future) && (future.IsDone || loop.IsOnLoopThread))
        {
            register(future, source);
            return;
        }
        // Another thread runs the loop (or will): register there, where the future may be touched.
        loop.CallSoonThreadsafe(static state => state.register(state.future, state.source), (future, source, register));
    }

    private static class Completion<T>
    {
        public static readonly ReadyInvoker Invoker = static (_, future, source) =>
            Complete((Future<T>)future!, (TaskCompletionSource<T>)source!);
    }

    private static readonly ReadyInvoker s_completeUntyped = static (_, future, source) =>
        Complete((Future)future!, (TaskCompletionSource)source!);

    private static void Complete<T>(Future<T> future, TaskCompletionSource<T> source)
    {
        if (future.IsCancelled)
        {
            source.TrySetCanceled();
        }
        else if (future.GetException() is { } error)
        {
            source.TrySetException(error);
        }
        else
        {
            source.TrySetResult(future.GetResult());
        }
    }

    private static void Complete(Future future, TaskCompletionSource source)
    {
        if (future.IsCancelled)
        {
            source.TrySetCanceled();
        }
        else if (future.GetException() is { } error)
        {
            source.TrySetException(error);
        }
        else
        {
            source.TrySetResult();
        }
    }
}
