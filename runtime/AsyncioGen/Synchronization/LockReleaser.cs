using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

/// <summary>A primitive released by a <see cref="LockReleaser"/>: <see cref="Lock"/>, <see cref="Semaphore"/>, <see cref="Condition"/>.</summary>
internal interface IReleasable : IWaitSource
{
    void Release();
}

/// <summary>
/// The held acquisition of a <see cref="Lock"/>, <see cref="Semaphore"/> or <see cref="Condition"/>:
/// <c>using (await lk.LockAsync()) { ... }</c> is asyncio's <c>async with lk:</c>. A struct, so the
/// <c>using</c> form allocates nothing.
/// </summary>
public readonly struct LockReleaser : IDisposable
{
    private readonly IReleasable? _owner;

    internal LockReleaser(IReleasable owner) => _owner = owner;

    /// <summary>Releases the primitive (asyncio's <c>__aexit__</c>).</summary>
    public void Dispose() => _owner?.Release();
}

/// <summary>What <c>LockAsync()</c> returns: acquires when awaited, and gives the <see cref="LockReleaser"/>.</summary>
public readonly struct LockAwaitable
{
    private readonly IReleasable? _owner;

    internal LockAwaitable(IReleasable owner) => _owner = owner;

    /// <summary>Starts the acquisition.</summary>
    public LockAwaiter GetAwaiter()
    {
        IReleasable owner = _owner ?? throw new InvalidOperationException(
            "This awaitable was default-initialized; get one from Lock.LockAsync, Semaphore.LockAsync or Condition.LockAsync.");
        return new LockAwaiter(owner.BeginWait());
    }
}

/// <summary>Awaiter of <see cref="LockAwaitable"/>.</summary>
public readonly struct LockAwaiter : ICriticalNotifyCompletion, IFutureAwaiter
{
    // The only field (IFutureAwaiter); its owner is the primitive to release.
    private readonly PrimitiveWaiter _waiter;

    internal LockAwaiter(PrimitiveWaiter waiter) => _waiter = waiter;

    /// <summary>True when the acquisition completed without waiting.</summary>
    public bool IsCompleted => _waiter.IsDone;

    /// <summary>The releaser of the acquisition; throws <see cref="CancelledError"/> if the wait was cancelled.</summary>
    public LockReleaser GetResult()
    {
        _waiter.OnResumed();
        return new LockReleaser((IReleasable)_waiter.Owner!);
    }

    /// <inheritdoc/>
    public void OnCompleted(Action continuation) => _waiter.AddContinuation(continuation, ExecutionContext.Capture());

    /// <inheritdoc/>
    public void UnsafeOnCompleted(Action continuation) => _waiter.AddContinuation(continuation, null);
}
