using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen.StressTests;

/// <summary>
/// Errors are never lost: 100k failing callbacks each reach the handler; every "exception was never
/// retrieved" report reaches a handler, under GC pressure and across <c>Close</c> (defect 4 of issue 11:
/// reports posted to the loop were dropped by <c>Close</c>).
/// </summary>
public class ReportTests
{
    private sealed class Failure : Exception
    {
        public Failure() : base("callback failed")
        {
        }
    }

    private static readonly Failure s_failure = new();

    [Fact]
    public void HundredThousandThrowingCallbacksEachReachTheHandler() => Bounded.Run(TimeSpan.FromSeconds(60), () =>
    {
        const int Callbacks = 100_000;
        using var loop = new EventLoop();
        int reported = 0, ran = 0;
        loop.SetExceptionHandler((_, context) =>
        {
            Assert.Same(s_failure, context.Exception);
            reported++;
        });
        for (int i = 0; i < Callbacks; i++)
        {
            loop.CallSoon(static () => throw s_failure);
            loop.CallSoon(() => ran++);
        }
        Loops.RunOnce(loop);
        Assert.Equal(Callbacks, reported);
        Assert.Equal(Callbacks, ran);
    });

    private const string NeverRetrieved = "Future exception was never retrieved";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropFailedFutures(EventLoop loop, int count)
    {
        for (int i = 0; i < count; i++)
        {
            loop.CreateFuture<int>().SetException(new InvalidOperationException("dropped"));
        }
    }

    private static byte[]? s_sink;

    private static void Pressure()
    {
        for (int i = 0; i < 64; i++)
        {
            s_sink = new byte[64 * 1024]; // garbage, so collections (and finalizers) run while futures are dropped
        }
    }

    [Fact]
    public void EveryNeverRetrievedReportReachesAHandlerUnderPressureAndAcrossClose() => Bounded.Run(TimeSpan.FromSeconds(90), () =>
    {
        const int Batches = 40;
        const int PerBatch = 1000;
        var loop = new CountingLoop();
        int toLoopHandler = 0;
        loop.SetExceptionHandler((_, context) =>
        {
            Assert.Equal(NeverRetrieved, context.Message);
            toLoopHandler++;
        });
        // While the loop runs: futures dropped batch after batch under allocation pressure.
        for (int batch = 0; batch < Batches / 2; batch++)
        {
            loop.CallSoon(() =>
            {
                DropFailedFutures(loop, PerBatch);
                Pressure();
            });
            Loops.RunIterations(loop, 2);
        }
        // Finalize what the running phase dropped and let the loop run the reports they posted, so some reach
        // its own handler whatever the GC's timing was (a background GC may not have run during the batches).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Loops.RunIterations(loop, 2);
        // The rest dropped while the loop is stopped: their reports wait in its queue when it closes.
        for (int batch = Batches / 2; batch < Batches; batch++)
        {
            DropFailedFutures(loop, PerBatch);
            Pressure();
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        loop.Close();
        // Stragglers finalized after Close go to the default handler directly.
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.Equal(Batches * PerBatch, toLoopHandler + loop.DefaultReports);
        Assert.All(loop.DefaultMessages, message => Assert.Equal(NeverRetrieved, message));
        Assert.True(toLoopHandler > 0, "no report reached the loop's own handler while it ran");
    });
}
