namespace AsyncioGen.Analyzers.Family;

/// <summary>
/// What a member of the loop, a future or the BCL means to the rules. Every rule asks
/// <see cref="AsyncioSymbols.RoleOf"/> instead of keeping its own list of names.
/// </summary>
internal enum MemberRole
{
    /// <summary>Nothing the rules know about.</summary>
    None,

    /// <summary><c>CallSoon</c>, <c>CallLater</c>, <c>CallAt</c>: loop-thread only; the callback runs on the loop later.</summary>
    SchedulesOnLoop,

    /// <summary><c>CallSoonThreadsafe</c> (and <c>SynchronizationContext.Post/Send</c>): callable from any thread; the callback runs on the loop.</summary>
    ThreadSafeEntry,

    /// <summary><c>AddDoneCallback</c>: loop-thread only; the callback runs on the loop once the receiver is done.</summary>
    DoneCallback,

    /// <summary><c>RunInExecutor</c>, <c>Task.Run</c>, <c>StartNew</c>, <c>ContinueWith</c>, <c>ThreadPool</c>, timers, <c>CancellationToken.Register</c>: the callback runs on another thread.</summary>
    RunsOffLoop,

    /// <summary><c>SetResult</c>, <c>SetException</c>, <c>Cancel</c> on a future: loop-thread only.</summary>
    Completion,

    /// <summary><c>GetResult</c>, <c>GetException</c> on a future: throw InvalidStateError when it is pending.</summary>
    ResultRead,

    /// <summary><c>RunUntilComplete</c>, <c>RunForever</c>, <c>Asyncio.Run</c>: run a loop on this thread.</summary>
    RunsLoop,

    /// <summary>Other loop-thread-only members: <c>CreateFuture</c>, <c>CreateTask</c>, <c>Stop</c>, <c>Close</c>, <c>RemoveDoneCallback</c>.</summary>
    LoopThreadOnly,
}
