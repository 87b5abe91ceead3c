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
}
