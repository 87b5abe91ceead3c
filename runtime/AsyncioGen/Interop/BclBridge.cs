using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncioGen;

/// <summary>
/// Completes futures from BCL tasks (<see cref="Asyncio.WrapFuture{T}(Task{T}, EventLoop?)"/>): the
/// task's continuation runs wherever the task completes and posts the outcome to the future's loop
/// with <c>CallSoonThreadsafe</c>, the loop's only thread-safe entry.
/// </summary>
internal static class BclBridge
{
    /// <summary>What a continuation needs, in one object: the continuation delegates are static.</summary>
    private sealed class Link<TFuture, TTask>
        where TFuture : Future
        where TTask : Task
    {
        public readonly TFuture Future;
        public readonly CancellationTokenSource? Cancellation;
        public TTask? Task;

        public Link(TFuture future, CancellationTokenSource? cancellation)
        {
            Future = future;
            Cancellation = cancellation;
        }
    }

    public static void CompleteFrom<T>(Future<T> future, Task<T> task, CancellationTokenSource? cancellation)
    {
        var link = new Link<Future<T>, Task<T>>(future, cancellation);
        WatchCancellation(future, cancellation);
        task.ContinueWith(static (completed, state) =>
        {
            var link = (Link<Future<T>, Task<T>>)state!;
            link.Cancellation?.Dispose();
            link.Task = completed;
            Post(link.Future, static link =>
            {
                Future<T> target = link.Future;
                if (!target.IsDone && !CopyFailure(target, link.Task!))
                {
                    target.SetResult(link.Task!.Result);
                }
            }, link);
        }, link, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public static void CompleteFrom(Future future, Task task, CancellationTokenSource? cancellation)
    {
        var link = new Link<Future, Task>(future, cancellation);
        WatchCancellation(future, cancellation);
        task.ContinueWith(static (completed, state) =>
        {
            var link = (Link<Future, Task>)state!;
            link.Cancellation?.Dispose();
            link.Task = completed;
            Post(link.Future, static link =>
            {
                Future target = link.Future;
                if (!target.IsDone && !CopyFailure(target, link.Task!))
                {
                    target.SetResult();
                }
            }, link);
        }, link, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>A task that completed synchronously: its result still reaches the future through the loop.</summary>
    public static void PostResult<T>(Future<T> future, T result) =>
        Post(future, static state =>
        {
            (Future<T> target, T value) = state;
            if (!target.IsDone)
            {
                target.SetResult(value);
            }
        }, (future, result));

    // Done-callback on the future: a cancelled future cancels the work's token.
    private static readonly ReadyInvoker s_cancelWork = static (_, future, source) =>
    {
        if (((Future)future!).IsCancelled)
        {
            try
            {
                ((CancellationTokenSource)source!).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The work already ended.
            }
        }
    };

    private static void WatchCancellation(Future future, CancellationTokenSource? cancellation)
    {
        if (cancellation is not null)
        {
            future.AddDoneCallbackCore(new DoneCallback(null, cancellation, s_cancelWork, null));
        }
    }

    /// <summary>Copies a cancelled or faulted task's outcome (asyncio's <c>_copy_future_state</c>); false if it succeeded.</summary>
    private static bool CopyFailure(Future target, Task task)
    {
        if (task.IsCanceled)
        {
            target.Cancel();
            return true;
        }
        if (!task.IsFaulted)
        {
            return false;
        }
        AggregateException aggregate = task.Exception!;
        Exception error = aggregate.InnerExceptions.Count == 1 ? aggregate.InnerExceptions[0] : aggregate;
        if (error is OperationCanceledException)
        {
            target.Cancel(error is CancelledError cancelled ? cancelled.CancelMessage : null);
        }
        else
        {
            target.SetException(error);
        }
        return true;
    }

    private static void Post<TState>(Future future, Action<TState> complete, TState state)
    {
        EventLoop loop = future.GetLoop();
        if (loop.IsClosed)
        {
            return; // nobody can observe it; throwing on a pool thread would crash the process
        }
        try
        {
            loop.CallSoonThreadsafe(complete, state);
        }
        catch (InvalidOperationException)
        {
            // The loop closed between the check and the post.
        }
    }
}
