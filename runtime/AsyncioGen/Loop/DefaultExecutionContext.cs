using System;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// The runtime's default <see cref="ExecutionContext"/> (no <see cref="AsyncLocal{T}"/> values, flow not
/// suppressed): what <see cref="ExecutionContext.Capture"/> returns on a thread that never set one, so
/// what almost every callback captures. The ready queue keeps it as a flag instead of a reference (a
/// reference stored into the queue's array costs a GC write barrier).
/// </summary>
internal static class DefaultExecutionContext
{
    /// <summary>The default context, or null where it cannot be captured (no threads): then no item is flagged.</summary>
    public static readonly ExecutionContext? Instance = Capture();

    private static ExecutionContext? Capture()
    {
        // The runtime exposes the default context only through Capture on a thread whose context was
        // never set: a thread started without flowing the starter's context is one.
        ExecutionContext? captured = null;
        try
        {
            var thread = new Thread(() => captured = ExecutionContext.Capture()) { IsBackground = true, Name = "AsyncioGen default context" };
            thread.UnsafeStart();
            thread.Join();
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or NotSupportedException or OutOfMemoryException or ThreadStartException)
        {
            return null;
        }
        return captured;
    }
}
