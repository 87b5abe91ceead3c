using System;
using System.Threading;

namespace AsyncioGen;

public partial class EventLoop
{
    // AsyncioGen's promise beyond asyncio: a future or loop touched from a thread that does not own the
    // loop never corrupts it. The owner is the thread running the loop; a loop that is not running is
    // owned by the thread that ran it last, or by the one that created it. A call from any other thread
    // (SetResult, SetException, Cancel, AddDoneCallback, CallSoon, CallLater, Stop) is posted through the
    // thread-safe queue and takes effect on the loop thread, in order with what that thread posted before.
    // Debug mode instead throws while the loop runs, to point at the call (analyzer AIO008 flags it at
    // build time).

    /// <summary>True on the thread that may touch the loop directly (see above).</summary>
    internal bool IsOwnerThread => ReferenceEquals(_ownerThread, Thread.CurrentThread);

    /// <summary>
    /// The guard at the top of every public mutator of a future: false on the owner thread (go on);
    /// true on another thread (post the call with one of the methods below instead). In debug mode a call
    /// from another thread while the loop runs throws, naming the thread.
    /// </summary>
    internal bool IsForeignCall()
    {
        if (ReferenceEquals(_ownerThread, Thread.CurrentThread))
        {
            return false;
        }
        if (Debug)
        {
            CheckThread();
        }
        return true;
    }

    /// <summary>Posts <paramref name="future"/>.Cancel(<paramref name="message"/>); true unless the future is already done.</summary>
    internal bool PostCancel(Future future, string? message)
    {
        if (future.IsDone)
        {
            return false;
        }
        Post(new ReadyItem(null, future, message, s_cancel, ExecutionContext.Capture()));
        return true;
    }

    private static readonly ReadyInvoker s_cancel = static (_, future, message) => ((Future)future!).Cancel((string?)message);

    /// <summary>Posts a call the owner thread must make (a completion, a done-callback registration, timer bookkeeping).</summary>
    internal void PostCall<TState>(Action<TState> operation, TState state) =>
        Post(new ReadyItem(operation, state, null, Invokers<TState>.ActionOfState, ExecutionContext.Capture()));

    /// <summary>For calls that cannot be posted (they return what only the loop thread knows).</summary>
    internal void ThrowIfForeignThread(string operation)
    {
        if (!ReferenceEquals(_ownerThread, Thread.CurrentThread))
        {
            Thread current = Thread.CurrentThread;
            throw new InvalidOperationException(
                operation + " was called from thread " + (current.Name is null ? "" : "'" + current.Name + "' ") + "(id "
                + current.ManagedThreadId + "), which does not own the event loop (thread id " + _ownerThread.ManagedThreadId
                + "). Call it on the loop thread, for example from a callback scheduled with CallSoonThreadsafe.");
        }
    }
}
