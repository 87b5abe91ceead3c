using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncioGen;

public partial class EventLoop
{
    /// <summary>
    /// Runs <paramref name="function"/> on <paramref name="executor"/> (asyncio's
    /// <c>run_in_executor(executor, fn)</c>; a <see cref="TaskScheduler"/> is .NET's executor) and returns a
    /// future completed on this loop. <see langword="null"/> means the thread pool. Cancelling the future
    /// before the work starts keeps it from running, as cancelling asyncio's concurrent future does.
    /// </summary>
    public Future<T> RunInExecutor<T>(TaskScheduler? executor, Func<T> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (executor is null)
        {
            return RunInExecutor(function);
        }
        if (IsClosed)
        {
            throw new InvalidOperationException("Event loop is closed");
        }
        return Asyncio.WrapFuture(
            token => Task.Factory.StartNew(function, token, TaskCreationOptions.DenyChildAttach, executor),
            this);
    }

    /// <summary>Runs <paramref name="action"/> on <paramref name="executor"/>; see <see cref="RunInExecutor{T}(TaskScheduler?, Func{T})"/>.</summary>
    public Future RunInExecutor(TaskScheduler? executor, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (executor is null)
        {
            return RunInExecutor(action);
        }
        if (IsClosed)
        {
            throw new InvalidOperationException("Event loop is closed");
        }
        return Asyncio.WrapFuture(
            token => Task.Factory.StartNew(action, token, TaskCreationOptions.DenyChildAttach, executor),
            this);
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
}
