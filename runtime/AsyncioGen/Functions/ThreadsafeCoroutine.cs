using System;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncioGen;

/// <summary>
/// One <see cref="Asyncio.RunCoroutineThreadsafe{T}"/> submission: asyncio's <c>_chain_future</c> between
/// a task on the loop and a concurrent future (here a <see cref="TaskCompletionSource{T}"/>) on the caller's side.
/// </summary>
internal sealed class ThreadsafeCoroutine<T>
{
    private readonly Func<FutureTask<T>> _coroutine;
    private readonly EventLoop _loop;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenRegistration _registration;
    private FutureTask<T>? _task;
    private bool _cancelRequested;

    private ThreadsafeCoroutine(Func<FutureTask<T>> coroutine, EventLoop loop)
    {
        _coroutine = coroutine;
        _loop = loop;
    }

    public static Task<T> Submit(Func<FutureTask<T>> coroutine, EventLoop loop, CancellationToken cancellationToken)
    {
        var submission = new ThreadsafeCoroutine<T>(coroutine, loop);
        loop.CallSoonThreadsafe(static s => s.Start(), submission);
        if (cancellationToken.CanBeCanceled)
        {
            submission._registration = cancellationToken.Register(static s => ((ThreadsafeCoroutine<T>)s!).RequestCancel(), submission);
        }
        return submission._completion.Task;
    }

    /// <summary>On the loop: call the coroutine and chain its task's outcome to the caller's task.</summary>
    private void Start()
    {
        if (_cancelRequested)
        {
            Finish(static c => c.TrySetCanceled());
            return;
        }
        try
        {
            _task = _loop.CreateTask(_coroutine());
        }
        catch (Exception ex)
        {
            Finish(c => c.TrySetException(ex));
            return;
        }
        _task.AddDoneCallback(static (task, self) => self.CopyOutcome(task), this);
    }

    private void CopyOutcome(Future<T> task)
    {
        if (task.IsCancelled)
        {
            Finish(static c => c.TrySetCanceled());
            return;
        }
        Exception? error = task.GetException();
        if (error is not null)
        {
            Finish(c => c.TrySetException(error));
        }
        else
        {
            T result = task.GetResult();
            Finish(c => c.TrySetResult(result));
        }
    }

    /// <summary>From any thread: asyncio's concurrent future cancelled, so the task is cancelled on its loop.</summary>
    private void RequestCancel()
    {
        try
        {
            _loop.CallSoonThreadsafe(static s =>
            {
                s._cancelRequested = true;
                s._task?.Cancel();
            }, this);
        }
        catch (InvalidOperationException)
        {
            // The loop is closed: nothing will run the task any more.
            _completion.TrySetCanceled();
        }
    }

    private void Finish(Action<TaskCompletionSource<T>> complete)
    {
        _registration.Dispose();
        complete(_completion);
    }
}
