using System;

namespace AsyncioGen;

/// <summary>Something a task can wait on through <see cref="PrimitiveAwaitable"/>: the fast path or a new waiter.</summary>
internal interface IWaitSource
{
    /// <summary>
    /// What asyncio's coroutine does up to its <c>await fut</c>: either completes the operation at once
    /// and returns a ready token (a done waiter), or appends a new waiter future and returns it.
    /// </summary>
    PrimitiveWaiter BeginWait();
}

/// <summary>The primitive that owns a waiter and runs asyncio's code after <c>await fut</c>.</summary>
internal interface IWaiterOwner
{
    /// <summary>Runs in the awaiting coroutine when it resumes: unlink, claim, or hand the wake-up on and rethrow.</summary>
    void OnWaiterResumed(PrimitiveWaiter waiter);
}

/// <summary>
/// The waiter future of a <see cref="Lock"/>, <see cref="Event"/>, <see cref="Semaphore"/> or
/// <see cref="Condition"/> (asyncio's <c>fut = loop.create_future()</c> in their waiting coroutines).
/// A waiter is the only allocation of a wait; a done "ready token" per primitive stands for the fast
/// path, so that the awaiter has the single future field the task machinery reads (IFutureAwaiter).
/// </summary>
internal sealed class PrimitiveWaiter : Future, IWaiterNode<PrimitiveWaiter>, IWaitSource
{
    private readonly IWaiterOwner? _owner;

    /// <summary>A pending waiter on <paramref name="loop"/>.</summary>
    public PrimitiveWaiter(IWaiterOwner owner, EventLoop loop)
        : base(loop)
    {
        _owner = owner;
    }

    /// <summary>A ready token: already done, bound to no loop, never awaited on a loop.</summary>
    private PrimitiveWaiter(IWaiterOwner? owner)
        : base(null, allowUnbound: true)
    {
        _owner = owner;
        CompleteWithResult();
        IsReadyToken = true;
    }

    /// <summary>A done token standing for "completed without suspending"; <paramref name="owner"/> is what a releaser releases.</summary>
    public static PrimitiveWaiter CreateReadyToken(IWaiterOwner? owner) => new(owner);

    public bool IsReadyToken { get; }

    /// <summary>The primitive (a releaser releases it).</summary>
    public IWaiterOwner? Owner => _owner;

    public PrimitiveWaiter? NextWaiter { get; set; }

    public PrimitiveWaiter? PreviousWaiter { get; set; }

    public bool IsLinked { get; set; }

    /// <summary>Called by the awaiter's <c>GetResult</c>.</summary>
    public void OnResumed()
    {
        if (IsReadyToken)
        {
            return;
        }
        if (!IsDone)
        {
            AbandonSynchronousWait(this, static waiter => waiter._owner!.OnWaiterResumed(waiter));
        }
        _owner!.OnWaiterResumed(this);
    }

    /// <summary>
    /// <c>GetResult</c> on a wait that is not over (a blocking <c>.GetAwaiter().GetResult()</c>): waiting
    /// would stall the loop, so the wait is withdrawn as a cancelled one would be (the primitive stays
    /// consistent and the next waiter is not starved) and the caller gets asyncio's "not ready" error.
    /// </summary>
    internal static void AbandonSynchronousWait<TWaiter>(TWaiter waiter, Action<TWaiter> resume)
        where TWaiter : Future
    {
        waiter.CancelCore("The wait was abandoned by a synchronous GetResult().");
        try
        {
            resume(waiter);
        }
        catch (OperationCanceledException)
        {
            // The withdrawal itself.
        }
        throw new InvalidStateError("Result is not ready: await the operation instead of blocking on it (that would stall the loop).");
    }

    PrimitiveWaiter IWaitSource.BeginWait() => this;
}
