using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace AsyncioGen.StressTests;

/// <summary>
/// Runs a test body on a thread of its own and fails the test if it has not finished in time, so a
/// regression that hangs the loop fails one test instead of hanging the test run (the abandoned thread
/// is a background thread: it cannot keep the process alive).
/// </summary>
internal static class Bounded
{
    public static void Run(TimeSpan limit, Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        {
            IsBackground = true,
            Name = "bounded test body",
        };
        thread.Start();
        if (!thread.Join(limit))
        {
            Assert.Fail("The test did not finish within " + limit.TotalSeconds + " s (a hang); its thread was abandoned.");
        }
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }
}

/// <summary>Managed heap size after full, compacting collections (finalizers run in between).</summary>
internal static class Heap
{
    public static long Settled()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB";
}
