using System;
using System.Collections.Generic;
using System.Threading;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>The event loop table: call_soon, run_until_complete, run_forever, stop, close and friends.</summary>
public class EventLoopTests
{
    [Fact]
    public void CallSoonRunsCallbacksInOrder()
    {
        using var loop = new EventLoop();
        var log = new List<int>();
        for (int i = 0; i < 40; i++)
        {
            int n = i;
            loop.CallSoon(() => log.Add(n));
        }
        Loops.RunOnce(loop);
        Assert.Equal(40, log.Count);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(i, log[i]);
        }
    }

    [Fact]
    public void CallbacksScheduledDuringAnIterationRunInTheNextOne()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.CallSoon(() =>
        {
            log.Add("a");
            loop.CallSoon(() => log.Add("c"));
        });
        loop.CallSoon(() => log.Add("b"));
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "a", "b" }, log);
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "a", "b", "c" }, log);
    }

    [Fact]
    public void IterationCounterCountsIterations()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        var seen = new List<int>();
        loop.CallSoon(() =>
        {
            seen.Add(counter.Iteration);
            loop.CallSoon(() =>
            {
                seen.Add(counter.Iteration);
                loop.CallSoon(() => seen.Add(counter.Iteration));
            });
        });
        Loops.RunIterations(loop, 5);
        Assert.Equal(new[] { 1, 2, 3 }, seen);
        Assert.Equal(5, counter.Iteration);
    }

    [Fact]
    public void CallSoonWithState()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.CallSoon(static l => l.Add("state"), log);
        Assert.Empty(log);
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "state" }, log);
    }

    [Fact]
    public void CancelledHandleDoesNotRun()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.CallSoon(() => log.Add("a"));
        Handle handle = loop.CallSoon(() => log.Add("b"));
        loop.CallSoon(() => log.Add("c"));
        Assert.False(handle.IsCancelled);
        handle.Cancel();
        Assert.True(handle.IsCancelled);
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "a", "c" }, log);
    }

    [Fact]
    public void HandleCancelledFromAnEarlierCallbackOfTheSameIteration()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        Handle second = default;
        loop.CallSoon(() => second.Cancel());
        second = loop.CallSoon(() => log.Add("second"));
        Loops.RunOnce(loop);
        Assert.Empty(log);
    }

    [Fact]
    public void CancellingAHandleThatRanIsHarmless()
    {
        using var loop = new EventLoop();
        int calls = 0;
        Handle handle = loop.CallSoon(() => calls++);
        Loops.RunOnce(loop);
        handle.Cancel();
        handle.Cancel();
        loop.CallSoon(() => calls += 10);
        Loops.RunOnce(loop);
        Assert.Equal(11, calls);
    }

    [Fact]
    public void RunUntilCompleteReturnsTheResult()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        loop.CallSoon(() => future.SetResult(17));
        Assert.Equal(17, loop.RunUntilComplete(future));
        Assert.False(loop.IsRunning);
    }

    [Fact]
    public void RunUntilCompleteRethrowsTheFuturesException()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        var boom = new InvalidOperationException("boom");
        loop.CallSoon(() => future.SetException(boom));
        Assert.Same(boom, Assert.Throws<InvalidOperationException>(() => loop.RunUntilComplete(future)));
    }

    [Fact]
    public void RunUntilCompleteOfCancelledFutureThrowsCancelledError()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        loop.CallSoon(() => future.Cancel("gone"));
        Assert.Equal("gone", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(future)).Message);
    }

    [Fact]
    public void RunUntilCompleteOnARunningLoopThrows()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        Exception? error = null;
        loop.CallSoon(() =>
        {
            error = Record(() => loop.RunUntilComplete(loop.CreateFuture<int>()));
            future.SetResult(0);
        });
        loop.RunUntilComplete(future);
        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.Equal("This event loop is already running", invalid.Message);
    }

    [Fact]
    public void RunForeverOnARunningLoopThrows()
    {
        using var loop = new EventLoop();
        Exception? error = null;
        loop.CallSoon(() => error = Record(loop.RunForever));
        Loops.RunOnce(loop);
        Assert.Equal("This event loop is already running", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public void RunUntilCompleteOnAClosedLoopThrows()
    {
        var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        loop.Close();
        var error = Assert.Throws<InvalidOperationException>(() => loop.RunUntilComplete(future));
        Assert.Equal("Event loop is closed", error.Message);
        Assert.Equal("Event loop is closed", Assert.Throws<InvalidOperationException>(loop.RunForever).Message);
    }

    [Fact]
    public void RunUntilCompleteWithAnotherLoopsFutureThrows()
    {
        using var loop = new EventLoop();
        using var other = new EventLoop();
        Future<int> future = other.CreateFuture<int>();
        Assert.Throws<ArgumentException>(() => loop.RunUntilComplete(future));
    }

    [Fact]
    public void RunUntilCompleteStoppedEarlyThrows()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        loop.CallSoon(loop.Stop);
        var error = Assert.Throws<InvalidOperationException>(() => loop.RunUntilComplete(future));
        Assert.Equal("Event loop stopped before Future completed.", error.Message);
        Assert.False(future.IsDone);
        // The loop can run again, and completes the same future this time.
        loop.CallSoon(() => future.SetResult(3));
        Assert.Equal(3, loop.RunUntilComplete(future));
    }

    [Fact]
    public void StopLetsTheCurrentIterationFinish()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.CallSoon(() =>
        {
            log.Add("stop");
            loop.Stop();
            loop.CallSoon(() => log.Add("next iteration"));
        });
        loop.CallSoon(() => log.Add("same iteration"));
        loop.RunForever();
        Assert.Equal(new[] { "stop", "same iteration" }, log);
        Assert.False(loop.IsRunning);
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "stop", "same iteration", "next iteration" }, log);
    }

    [Fact]
    public void StopBeforeRunRunsExactlyOneIteration()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        loop.Stop();
        loop.RunForever();
        Assert.Equal(1, counter.Iteration);
        loop.Stop();
        loop.RunForever();
        Assert.Equal(2, counter.Iteration);
    }

    [Fact]
    public void CloseDropsPendingCallbacks()
    {
        var loop = new EventLoop();
        int calls = 0;
        loop.CallSoon(() => calls++);
        loop.CallLater(0, () => calls++);
        Assert.False(loop.IsClosed);
        loop.Close();
        Assert.True(loop.IsClosed);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void CloseIsIdempotentAndSchedulingAfterwardsThrows()
    {
        var loop = new EventLoop();
        loop.Close();
        loop.Close();
        Assert.Equal("Event loop is closed", Assert.Throws<InvalidOperationException>(() => loop.CallSoon(() => { })).Message);
        Assert.Throws<InvalidOperationException>(() => loop.CallLater(1, () => { }));
        Assert.Throws<InvalidOperationException>(() => loop.CallSoonThreadsafe(() => { }));
    }

    [Fact]
    public void CloseWhileRunningThrows()
    {
        using var loop = new EventLoop();
        Exception? error = null;
        loop.CallSoon(() => error = Record(loop.Close));
        Loops.RunOnce(loop);
        Assert.IsType<InvalidOperationException>(error);
        Assert.False(loop.IsClosed);
    }

    [Fact]
    public void IsRunningOnlyWhileRunning()
    {
        using var loop = new EventLoop();
        bool? inside = null;
        loop.CallSoon(() => inside = loop.IsRunning);
        Assert.False(loop.IsRunning);
        Loops.RunOnce(loop);
        Assert.True(inside);
        Assert.False(loop.IsRunning);
    }

    [Fact]
    public void GetRunningLoopInsideAndOutside()
    {
        using var loop = new EventLoop();
        EventLoop? inside = null;
        loop.CallSoon(() => inside = Asyncio.GetRunningLoop());
        Loops.RunOnce(loop);
        Assert.Same(loop, inside);
        var error = Assert.Throws<InvalidOperationException>(() => Asyncio.GetRunningLoop());
        Assert.Equal("no running event loop", error.Message);
    }

    [Fact]
    public void GetEventLoopAndSetEventLoop()
    {
        using var loop = new EventLoop();
        using var running = new EventLoop();
        EventLoop? previous = FutureStateTests.TryGetEventLoop();
        try
        {
            Asyncio.SetEventLoop(loop);
            Assert.Same(loop, Asyncio.GetEventLoop());
            EventLoop? inside = null;
            running.CallSoon(() => inside = Asyncio.GetEventLoop());
            Loops.RunOnce(running);
            Assert.Same(running, inside); // the running loop wins
            Assert.Same(loop, Asyncio.GetEventLoop());
            Asyncio.SetEventLoop(null);
            Assert.Throws<InvalidOperationException>(() => Asyncio.GetEventLoop());
        }
        finally
        {
            Asyncio.SetEventLoop(previous);
        }
    }

    [Fact]
    public void LoopIsTheSynchronizationContextWhileRunning()
    {
        using var loop = new EventLoop();
        SynchronizationContext? before = SynchronizationContext.Current;
        SynchronizationContext? inside = null;
        loop.CallSoon(() => inside = SynchronizationContext.Current);
        Loops.RunOnce(loop);
        Assert.NotNull(inside);
        Assert.NotSame(before, inside);
        Assert.Same(before, SynchronizationContext.Current);
    }

    [Fact]
    public void SynchronizationContextPostRunsOnTheLoop()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        loop.CallSoon(() =>
        {
            SynchronizationContext context = SynchronizationContext.Current!;
            var thread = new Thread(() => context.Post(_ => future.SetResult(Environment.CurrentManagedThreadId), null));
            thread.Start();
        });
        int loopThread = Environment.CurrentManagedThreadId;
        Assert.Equal(loopThread, loop.RunUntilComplete(future));
    }

    [Fact]
    public void RunInExecutorRunsOffTheLoopAndCompletesOnIt()
    {
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        Future<int> future = loop.RunInExecutor(() => Environment.CurrentManagedThreadId);
        int worker = loop.RunUntilComplete(future);
        Assert.NotEqual(loopThread, worker);
    }

    [Fact]
    public void LoopRepr()
    {
        using var loop = new EventLoop();
        Assert.Equal("<EventLoop running=False closed=False debug=False>", loop.ToString());
        string? inside = null;
        loop.CallSoon(() => inside = loop.ToString());
        Loops.RunOnce(loop);
        Assert.Equal("<EventLoop running=True closed=False debug=False>", inside);
    }

    internal static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    [Fact]
    public void RunUntilCompleteOfADoneFutureRunsOneIteration()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        Future<int> future = loop.CreateFuture<int>();
        future.SetResult(6);
        Assert.Equal(6, loop.RunUntilComplete(future));
        Assert.Equal(1, counter.Iteration);
    }

    [Fact]
    public void DebugModeReportsSlowCallbacks()
    {
        using var loop = new EventLoop { Debug = true, SlowCallbackDuration = 0.01 };
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        loop.CallSoon(() => Thread.Sleep(30));
        Loops.RunOnce(loop);
        ExceptionContext context = Assert.Single(recorder.Contexts);
        Assert.StartsWith("Executing EventLoopTests.DebugModeReportsSlowCallbacks.<lambda>() took ", context.Message);
        Assert.EndsWith(" seconds", context.Message);
    }

    [Fact]
    public void WithoutDebugModeSlowCallbacksAreNotReported()
    {
        using var loop = new EventLoop { SlowCallbackDuration = 0.001 };
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        loop.CallSoon(() => Thread.Sleep(10));
        Loops.RunOnce(loop);
        Assert.Empty(recorder.Contexts);
    }

    [Fact]
    public void HandleCancelledAfterTheQueueGrewStillSkipsItsCallback()
    {
        using var loop = new EventLoop();
        var log = new List<int>();
        Handle first = loop.CallSoon(() => log.Add(-1));
        for (int i = 0; i < 100; i++)
        {
            int n = i;
            loop.CallSoon(() => log.Add(n));
        }
        first.Cancel();
        Loops.RunOnce(loop);
        Assert.Equal(100, log.Count);
        Assert.DoesNotContain(-1, log);
    }

    [Fact]
    public void RunInExecutorFailureAndCancellation()
    {
        using var loop = new EventLoop();
        var boom = new FormatException("worker failed");
        Future<int> failing = loop.RunInExecutor<int>(() => throw boom);
        Assert.Same(boom, Assert.Throws<FormatException>(() => loop.RunUntilComplete(failing)));
        Future<int> cancelled = loop.RunInExecutor<int>(() => throw new OperationCanceledException("worker cancelled"));
        Assert.Equal("worker cancelled", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(cancelled)).Message);
        Assert.True(cancelled.IsCancelled);
    }

    [Fact]
    public void SynchronizationContextSendFromAnotherThreadRunsOnTheLoopAndRethrows()
    {
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        Future<(int, string)> outcome = loop.CreateFuture<(int, string)>();
        loop.CallSoon(() =>
        {
            SynchronizationContext context = SynchronizationContext.Current!;
            var thread = new Thread(() =>
            {
                int ranOn = 0;
                context.Send(_ => ranOn = Environment.CurrentManagedThreadId, null);
                Exception? error = Record(() => context.Send(_ => throw new FormatException("sent"), null));
                loop.CallSoonThreadsafe(() => outcome.SetResult((ranOn, error?.Message ?? "none")));
            });
            thread.Start();
        });
        (int ranOn, string message) = loop.RunUntilComplete(outcome);
        Assert.Equal(loopThread, ranOn);
        Assert.Equal("sent", message);
    }

    [Fact]
    public void SynchronizationContextSendOnTheLoopThreadRunsInline()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.CallSoon(() =>
        {
            SynchronizationContext.Current!.Send(_ => log.Add("sent"), null);
            log.Add("after send");
        });
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "sent", "after send" }, log);
    }
}
