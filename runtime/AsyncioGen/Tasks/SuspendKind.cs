namespace AsyncioGen;

/// <summary>How a task's coroutine last suspended.</summary>
internal enum SuspendKind : byte
{
    None,
    /// <summary>On a pending future (asyncio's <c>_fut_waiter</c>).</summary>
    Future,
    /// <summary>On <c>Asyncio.Sleep(0)</c>: a bare yield of one loop iteration.</summary>
    Yield,
    /// <summary>On something else (a BCL task): resumed through <c>CallSoonThreadsafe</c>.</summary>
    Foreign,
}
