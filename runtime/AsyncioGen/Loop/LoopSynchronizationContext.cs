using System;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// The loop as a <see cref="SynchronizationContext"/>: while the loop runs it is the thread's current
/// context, so a plain <c>await</c> (of a BCL task, say) comes back to the loop thread.
/// </summary>
internal sealed class LoopSynchronizationContext : SynchronizationContext
{
    private static readonly ReadyInvoker s_invokePost = static (callback, state, _) => ((SendOrPostCallback)callback!)(state);

    public LoopSynchronizationContext(EventLoop loop)
    {
        Loop = loop;
    }

    public EventLoop Loop { get; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        Loop.CallSoonThreadsafeCore(new ReadyItem(d, state, null, s_invokePost, null));
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (Loop.IsOnLoopThread)
        {
            d(state);
            return;
        }
        using var done = new ManualResetEventSlim();
        Exception? failure = null;
        Post(_ =>
        {
            try
            {
                d(state);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                done.Set();
            }
        }, null);
        done.Wait();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    public override SynchronizationContext CreateCopy() => this;
}
