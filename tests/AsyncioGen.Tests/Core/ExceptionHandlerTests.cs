using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>The loop's exception handler: failing callbacks, failing handlers, never-retrieved exceptions.</summary>
public class ExceptionHandlerTests
{
    private static readonly InvalidOperationException s_callbackFailure = new("callback failed");

    private static void FailingCallback() => throw s_callbackFailure;

    /// <summary>A loop whose default handler records instead of writing to standard error.</summary>
    private sealed class RecordingLoop : EventLoop
    {
        public List<ExceptionContext> Defaults { get; } = new();

        public override void DefaultExceptionHandler(ExceptionContext context) => Defaults.Add(context);
    }

    [Fact]
    public void FailingCallbackIsReportedAndTheLoopGoesOn()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        var log = new List<string>();
        Handle failing = loop.CallSoon(FailingCallback);
        loop.CallSoon(() => log.Add("next"));
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "next" }, log);
        ExceptionContext context = Assert.Single(recorder.Contexts);
        Assert.Equal("Exception in callback ExceptionHandlerTests.FailingCallback()", context.Message);
        Assert.Same(s_callbackFailure, context.Exception);
        Assert.Equal(failing, Assert.IsType<Handle>(context.Handle));
        Assert.Null(context.Future);
    }

    [Fact]
    public void FailingTimerCallbackIsReportedWithItsTimerHandle()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        TimerHandle timer = loop.CallLater(0, FailingCallback);
        Loops.RunOnce(loop);
        ExceptionContext context = Assert.Single(recorder.Contexts);
        Assert.StartsWith("Exception in callback ", context.Message);
        Assert.Same(timer, context.Handle);
    }

    [Fact]
    public void HandlerReceivesTheLoop()
    {
        using var loop = new EventLoop();
        EventLoop? seen = null;
        loop.SetExceptionHandler((l, _) => seen = l);
        loop.CallSoon(FailingCallback);
        Loops.RunOnce(loop);
        Assert.Same(loop, seen);
    }

    [Fact]
    public void AThrowingHandlerDoesNotKillTheLoop()
    {
        using var loop = new RecordingLoop();
        var handlerFailure = new FormatException("handler failed");
        loop.SetExceptionHandler((_, _) => throw handlerFailure);
        var log = new List<string>();
        loop.CallSoon(FailingCallback);
        loop.CallSoon(() => log.Add("after"));
        Loops.RunOnce(loop);
        loop.CallSoon(() => log.Add("next iteration"));
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "after", "next iteration" }, log);
        ExceptionContext context = Assert.Single(loop.Defaults);
        Assert.Equal("Unhandled error in exception handler", context.Message);
        Assert.Same(handlerFailure, context.Exception);
        Assert.Same(s_callbackFailure, context.InnerContext!.Exception);
    }

    [Fact]
    public void WithoutAHandlerTheDefaultHandlerIsCalled()
    {
        using var loop = new RecordingLoop();
        Assert.Null(loop.GetExceptionHandler());
        loop.CallSoon(FailingCallback);
        Loops.RunOnce(loop);
        ExceptionContext context = Assert.Single(loop.Defaults);
        Assert.Same(s_callbackFailure, context.Exception);
    }

    [Fact]
    public void SetExceptionHandlerNullRestoresTheDefault()
    {
        using var loop = new RecordingLoop();
        var custom = new List<ExceptionContext>();
        Action<EventLoop, ExceptionContext> handler = (_, c) => custom.Add(c);
        loop.SetExceptionHandler(handler);
        Assert.Same(handler, loop.GetExceptionHandler());
        loop.SetExceptionHandler(null);
        Assert.Null(loop.GetExceptionHandler());
        loop.CallSoon(FailingCallback);
        Loops.RunOnce(loop);
        Assert.Empty(custom);
        Assert.Single(loop.Defaults);
    }

    [Fact]
    public void CallExceptionHandlerPassesTheContextThrough()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        var context = new ExceptionContext("custom report") { Exception = new FormatException("x") };
        loop.CallExceptionHandler(context);
        Assert.Same(context, Assert.Single(recorder.Contexts));
    }

    [Fact]
    public void AFailingTaskDoesNotStopTheLoop()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        async FutureTask Fails()
        {
            await Asyncio.Sleep(0);
            throw new InvalidOperationException("task failed");
        }
        FutureTask failing = loop.CreateTask(Fails());
        async FutureTask<int> Other()
        {
            for (int i = 0; i < 5; i++)
            {
                await Asyncio.Sleep(0);
            }
            return 5;
        }
        Assert.Equal(5, loop.RunUntilComplete(Other()));
        Assert.True(failing.IsDone);
        Assert.Empty(recorder.Contexts); // the task still holds its exception; nothing to report yet
        Assert.Equal("task failed", failing.GetException()!.Message);
    }

    // ---------------------------------------------------------------- never retrieved

    private static readonly string s_futureMessage = "Future exception was never retrieved";
    private static readonly string s_taskMessage = "Task exception was never retrieved";

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropFailedFuture(EventLoop loop, Exception error, Action<Future>? retrieve = null)
    {
        Future<int> future = loop.CreateFuture<int>();
        future.SetException(error);
        retrieve?.Invoke(future);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropFailedTask(EventLoop loop, Exception error)
    {
        async FutureTask<int> Fails()
        {
            await Asyncio.Sleep(0);
            throw error;
        }
        loop.CreateTask(Fails());
        Loops.RunIterations(loop, 3);
    }

    private static void CollectAndRunOnce(EventLoop loop)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Loops.RunOnce(loop);
    }

    [Fact]
    public void NeverRetrievedFutureExceptionIsReportedOnce()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        var error = new InvalidOperationException("nobody looked");
        DropFailedFuture(loop, error);
        CollectAndRunOnce(loop);
        CollectAndRunOnce(loop);
        ExceptionContext context = Assert.Single(recorder.Contexts);
        Assert.Equal(s_futureMessage, context.Message);
        Assert.Same(error, context.Exception);
        Assert.IsType<Future<int>>(context.Future);
    }

    [Fact]
    public void NeverRetrievedTaskExceptionIsReportedOnce()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        var error = new InvalidOperationException("task nobody awaited");
        DropFailedTask(loop, error);
        CollectAndRunOnce(loop);
        CollectAndRunOnce(loop);
        ExceptionContext context = Assert.Single(recorder.Contexts);
        Assert.Equal(s_taskMessage, context.Message);
        Assert.Same(error, context.Exception);
        Assert.IsAssignableFrom<IFutureTask>(context.Future);
    }

    [Fact]
    public void RetrievedWithGetExceptionIsNotReported()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        DropFailedFuture(loop, new InvalidOperationException("seen"), f => f.GetException());
        CollectAndRunOnce(loop);
        Assert.Empty(recorder.Contexts);
    }

    [Fact]
    public void RetrievedWithGetResultIsNotReported()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        DropFailedFuture(loop, new InvalidOperationException("seen"), f => Assert.Throws<InvalidOperationException>(() => f.GetResult()));
        CollectAndRunOnce(loop);
        Assert.Empty(recorder.Contexts);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AwaitFailedFutureInATask(EventLoop loop)
    {
        Future<int> future = loop.CreateFuture<int>();
        async FutureTask<string> Body()
        {
            try
            {
                await future;
                return "no";
            }
            catch (InvalidOperationException)
            {
                return "caught";
            }
        }
        future.SetException(new InvalidOperationException("awaited"));
        Assert.Equal("caught", loop.RunUntilComplete(Body()));
    }

    [Fact]
    public void RetrievedByAnAwaitIsNotReported()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        AwaitFailedFutureInATask(loop);
        CollectAndRunOnce(loop);
        Assert.Empty(recorder.Contexts);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropCancelledFuture(EventLoop loop) => loop.CreateFuture<int>().Cancel("dropped");

    [Fact]
    public void DroppedCancelledFutureIsNotReported()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        DropCancelledFuture(loop);
        CollectAndRunOnce(loop);
        Assert.Empty(recorder.Contexts);
    }
}
