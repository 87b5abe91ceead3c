using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// A future that completes, on <paramref name="loop"/>'s thread, as <paramref name="task"/> does
    /// (asyncio's <c>wrap_future</c>, with the BCL task as the "concurrent future"): its result, its
    /// exception (the single inner exception of a faulted task, else the <see cref="AggregateException"/>),
    /// or cancelled when the task is cancelled. The task may complete on any thread; the completion
    /// reaches the loop through <see cref="EventLoop.CallSoonThreadsafe(Action, ExecutionContext?)"/>.
    /// </summary>
    /// <remarks>A BCL task cannot be cancelled from outside: cancelling the future only drops the
    /// task's outcome. To have cancellation reach the work, use
    /// <see cref="WrapFuture{T}(Func{CancellationToken, Task{T}}, EventLoop?)"/>.</remarks>
    /// <param name="task">The task.</param>
    /// <param name="loop">The loop of the future; by default the running loop, else the thread's current loop.</param>
    public static Future<T> WrapFuture<T>(Task<T> task, EventLoop? loop = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var future = new Future<T>(loop ?? GetEventLoop());
        BclBridge.CompleteFrom(future, task, cancellation: null);
        return future;
    }

    /// <summary>A result-less future that completes on the loop's thread as <paramref name="task"/> does; see <see cref="WrapFuture{T}(Task{T}, EventLoop?)"/>.</summary>
    public static Future WrapFuture(Task task, EventLoop? loop = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var future = new Future(loop ?? GetEventLoop());
        BclBridge.CompleteFrom(future, task, cancellation: null);
        return future;
    }

    /// <summary>A future that completes on the loop's thread as <paramref name="task"/> does; see <see cref="WrapFuture{T}(Task{T}, EventLoop?)"/>.</summary>
    public static Future<T> WrapFuture<T>(ValueTask<T> task, EventLoop? loop = null)
    {
        var future = new Future<T>(loop ?? GetEventLoop());
        if (task.IsCompletedSuccessfully)
        {
            // Completed synchronously: no Task to allocate; still completed through the loop, as any other.
            BclBridge.PostResult(future, task.Result);
        }
        else
        {
            BclBridge.CompleteFrom(future, task.AsTask(), cancellation: null);
        }
        return future;
    }

    /// <summary>A result-less future that completes on the loop's thread as <paramref name="task"/> does.</summary>
    public static Future WrapFuture(ValueTask task, EventLoop? loop = null)
    {
        var future = new Future(loop ?? GetEventLoop());
        BclBridge.CompleteFrom(future, task.IsCompletedSuccessfully ? Task.CompletedTask : task.AsTask(), cancellation: null);
        return future;
    }

    /// <summary>
    /// Starts <paramref name="work"/> with a token that is cancelled when the returned future is
    /// cancelled (asyncio's <c>wrap_future</c> cancelling the concurrent future), and completes the
    /// future on the loop's thread as the work does:
    /// <c>string page = await Asyncio.WrapFuture(ct => http.GetStringAsync(url, ct));</c>
    /// </summary>
    /// <remarks>
    /// The work is started on the calling thread (it runs until its first await there). A task awaiting
    /// the future that is cancelled cancels the future, hence the token. The token source is disposed
    /// when the work ends.
    /// </remarks>
    public static Future<T> WrapFuture<T>(Func<CancellationToken, Task<T>> work, EventLoop? loop = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        var future = new Future<T>(loop ?? GetEventLoop());
        var source = new CancellationTokenSource();
        Task<T> task;
        try
        {
            task = work(source.Token) ?? throw new InvalidOperationException("The work returned no task.");
        }
        catch (Exception ex)
        {
            source.Dispose();
            task = Task.FromException<T>(ex);
            BclBridge.CompleteFrom(future, task, cancellation: null);
            return future;
        }
        BclBridge.CompleteFrom(future, task, source);
        return future;
    }

    /// <summary>Starts result-less <paramref name="work"/> with a token the returned future's cancellation cancels; see <see cref="WrapFuture{T}(Func{CancellationToken, Task{T}}, EventLoop?)"/>.</summary>
    public static Future WrapFuture(Func<CancellationToken, Task> work, EventLoop? loop = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        var future = new Future(loop ?? GetEventLoop());
        var source = new CancellationTokenSource();
        Task task;
        try
        {
            task = work(source.Token) ?? throw new InvalidOperationException("The work returned no task.");
        }
        catch (Exception ex)
        {
            source.Dispose();
            BclBridge.CompleteFrom(future, Task.FromException(ex), cancellation: null);
            return future;
        }
        BclBridge.CompleteFrom(future, task, source);
        return future;
    }
}
