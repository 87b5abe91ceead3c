using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>Reports of exceptions never retrieved that are still queued when the loop closes.</summary>
[Collection("RunsAlone")]
public class ReportsAtCloseTests
{
    private const string FutureMessage = "Future exception was never retrieved";

    /// <summary>A loop whose default handler records instead of writing to standard error.</summary>
    private sealed class RecordingLoop : EventLoop
    {
        public List<ExceptionContext> Defaults { get; } = new();

        public override void DefaultExceptionHandler(ExceptionContext context)
        {
            lock (Defaults)
            {
                Defaults.Add(context);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropFailedFuture(EventLoop loop, Exception error) => loop.CreateFuture<int>().SetException(error);

    [Fact]
    public void ReportsPostedBeforeCloseReachTheDefaultHandlerAtClose()
    {
        // The finalizer posts each report to the loop; Close used to discard them with the other callbacks.
        const int Dropped = 1000;
        var loop = new RecordingLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        for (int i = 0; i < Dropped; i++)
        {
            DropFailedFuture(loop, new InvalidOperationException("dropped " + i));
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        loop.Close();
        Assert.Empty(recorder.Contexts); // the loop never ran: nothing reached its own handler
        Assert.Equal(Dropped, loop.Defaults.FindAll(c => c.Message == FutureMessage).Count);
    }

}
