using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AsyncioGen.Benchmarks;

/// <summary>
/// The .NET baseline's "event loop": a single-threaded SynchronizationContext draining a queue on
/// the calling thread, as UI frameworks and test runners do.
/// </summary>
public sealed class SingleThreadSynchronizationContext : SynchronizationContext
{
    private readonly System.Collections.Generic.Queue<(SendOrPostCallback Callback, object? State)> _queue = new();

    public override void Post(SendOrPostCallback d, object? state) => _queue.Enqueue((d, state));

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    /// <summary>Runs <paramref name="main"/> on this thread with this context until it completes.</summary>
    public static T Run<T>(Func<Task<T>> main)
    {
        SynchronizationContext? previous = Current;
        var context = new SingleThreadSynchronizationContext();
        SetSynchronizationContext(context);
        try
        {
            Task<T> task = main();
            while (!task.IsCompleted)
            {
                if (context._queue.Count == 0)
                {
                    throw new InvalidOperationException("The baseline deadlocked: nothing queued and the task is not done.");
                }
                (SendOrPostCallback callback, object? state) = context._queue.Dequeue();
                callback(state);
            }
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
