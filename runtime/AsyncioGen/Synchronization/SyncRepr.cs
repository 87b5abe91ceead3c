using System.Globalization;

namespace AsyncioGen;

/// <summary>The parts the reprs of the synchronization primitives share.</summary>
internal static class SyncRepr
{
    /// <summary>asyncio's <c>, waiters:N</c> suffix, present only when someone waits.</summary>
    public static string Waiters(int count) =>
        count == 0 ? "" : ", waiters:" + count.ToString(CultureInfo.InvariantCulture);
}
