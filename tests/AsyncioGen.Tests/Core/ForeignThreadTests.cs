using System;
using System.Collections.Generic;
using System.Threading;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>
/// Tests that start threads racing a loop or force full collections: run alone, they neither pause nor are
/// paused by the timing-sensitive tests (real-time sleeps a few milliseconds apart).
/// </summary>
[CollectionDefinition("RunsAlone", DisableParallelization = true)]
public sealed class RunsAloneCollection
{
}

/// <summary>
/// A future or loop touched from a thread that does not own the loop: the call is marshalled through the
/// thread-safe queue, so it takes effect on the loop thread, in order, and never corrupts the loop.
/// </summary>
[Collection("RunsAlone")]
public class ForeignThreadTests
{
    private static void OnOtherThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "the other thread did not finish");
        if (failure is not null)
        {
            throw new InvalidOperationException("the other thread failed", failure);
        }
    }

    [Fact]
    public void CompletionsFromOtherThreadsRunTheirCallbacksOnTheLoopThread()
    {
        const int Futures = 2000;
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        int loopThread = Environment.CurrentManagedThreadId;
        var futures = new Future<int>[Futures];
        int called = 0;
        bool offThread = false;
        Future all = loop.CreateFuture();
        for (int i = 0; i < Futures; i++)
        {
            futures[i] = loop.CreateFuture<int>();
            futures[i].AddDoneCallback(f =>
            {
                offThread |= Environment.CurrentManagedThreadId != loopThread;
                if (++called == Futures)
                {
                    all.SetResult();
                }
            });
        }
        loop.CallSoon(() =>
        {
            // Two threads complete while the loop runs (and sleeps between posts).
            for (int t = 0; t < 2; t++)
            {
                int first = t;
                new Thread(() =>
                {
                    for (int i = first; i < Futures; i += 2)
                    {
                        futures[i].SetResult(i);
                    }
                }).Start();
            }
        });
        loop.CallLater(30, () => all.Cancel("timed out: completions were lost"));
        loop.RunUntilComplete(all);
        Assert.Equal(Futures, called);
        Assert.False(offThread);
        Assert.Empty(recorder.Contexts);
    }

    [Fact]
    public void SetResultFromAnotherThreadOnAnIdleLoopWakesIt()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        loop.CallSoon(() => new Thread(() =>
        {
            Thread.Sleep(20);
            future.SetResult(42);
        }).Start());
        bool timedOut = false;
        TimerHandle watchdog = loop.CallLater(10, () => timedOut = true);
        Assert.Equal(42, loop.RunUntilComplete(future));
        watchdog.Cancel();
        Assert.False(timedOut, "only the watchdog timer woke the loop");
    }

    [Fact]
    public void ALoopThatNeverRanIsOwnedByTheThreadThatCreatedIt()
    {
        using var loop = new EventLoop();
        Future<int> mine = loop.CreateFuture<int>();
        mine.SetResult(1);
        Assert.True(mine.IsDone); // the owner completes at once

        Future<int> theirs = loop.CreateFuture<int>();
        var log = new List<string>();
        theirs.AddDoneCallback(_ => log.Add("callback"));
        OnOtherThread(() => theirs.SetResult(2));
        Assert.False(theirs.IsDone); // marshalled: it takes effect when the loop runs
        Loops.RunIterations(loop, 2);
        Assert.Equal(2, theirs.GetResult());
        Assert.Equal(new[] { "callback" }, log);
    }

    [Fact]
    public void AStoppedLoopIsOwnedByTheThreadThatRanItLast()
    {
        var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        OnOtherThread(() => Loops.RunOnce(loop));
        // The creating thread is foreign now: its completion waits for the loop.
        future.SetResult(3);
        Assert.False(future.IsDone);
        OnOtherThread(() =>
        {
            Loops.RunOnce(loop);
            Assert.Equal(3, future.GetResult());
            Future<int> next = loop.CreateFuture<int>();
            next.SetResult(4); // the thread that ran it last completes at once
            Assert.True(next.IsDone);
            loop.Close();
        });
    }

    [Fact]
    public void SetResultFromAnotherThreadOnADoneFutureThrowsThere()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.SetResult(1);
        Exception? error = null;
        OnOtherThread(() => error = EventLoopTests.Record(() => future.SetResult(2)));
        Assert.IsType<InvalidStateError>(error);
    }

    [Fact]
    public void ASecondCompletionRacingOnTheLoopIsReportedNotLost()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        Future<int> future = loop.CreateFuture<int>();
        OnOtherThread(() => future.SetResult(1)); // posted
        future.SetResult(2);                       // the owner wins
        Loops.RunOnce(loop);
        Assert.Equal(2, future.GetResult());
        ExceptionContext context = Assert.Single(recorder.Contexts);
        Assert.IsType<InvalidStateError>(context.Exception);
    }

    [Fact]
    public void CallSoonAddDoneCallbackAndCancelFromAnotherThreadKeepTheirOrder()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        Future<int> future = loop.CreateFuture<int>();
        OnOtherThread(() =>
        {
            loop.CallSoon(() => log.Add("soon"));
            future.AddDoneCallback(f => log.Add(f.IsCancelled ? "cancelled" : "done"));
            Assert.True(future.Cancel("from afar"));
        });
        Assert.False(future.IsCancelled);
        Loops.RunIterations(loop, 2);
        Assert.True(future.IsCancelled);
        Assert.Equal(new[] { "soon", "cancelled" }, log);
    }

    [Fact]
    public void TimersScheduledAndCancelledFromAnotherThreadJoinTheHeapOnTheLoopThread()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        TimerHandle far = loop.CallLater(3600, () => log.Add("far"));
        TimerHandle? cancelledBeforeItArrived = null;
        OnOtherThread(() =>
        {
            loop.CallLater(0, () => log.Add("posted timer"));
            cancelledBeforeItArrived = loop.CallLater(0, () => log.Add("cancelled"));
            cancelledBeforeItArrived.Cancel();
            far.Cancel(); // its heap bookkeeping happens on the loop thread
        });
        Assert.True(far.IsCancelled);
        Assert.True(cancelledBeforeItArrived!.IsCancelled);
        Loops.RunIterations(loop, 3);
        Assert.Equal(new[] { "posted timer" }, log);
        Assert.Equal(0, loop.ScheduledTimerCount);
    }

    [Fact]
    public void StopFromAnotherThreadWakesASleepingLoop()
    {
        using var loop = new EventLoop();
        loop.CallSoon(() => new Thread(() =>
        {
            Thread.Sleep(20);
            loop.Stop();
        }).Start());
        bool timedOut = false;
        TimerHandle watchdog = loop.CallLater(10, () =>
        {
            timedOut = true;
            loop.Stop();
        });
        loop.RunForever();
        watchdog.Cancel();
        Assert.False(timedOut, "Stop from another thread did not wake the loop");
    }

    [Fact]
    public void CancellingAPostedHandleAfterItRanLeavesNothingBehind()
    {
        using var loop = new EventLoop();
        var handles = new Handle[100];
        int ran = 0;
        OnOtherThread(() =>
        {
            for (int i = 0; i < handles.Length; i++)
            {
                handles[i] = loop.CallSoonThreadsafe(() => ran++);
            }
        });
        Loops.RunOnce(loop);
        OnOtherThread(() =>
        {
            foreach (Handle handle in handles)
            {
                handle.Cancel();
            }
        });
        Assert.Equal(handles.Length, ran);
        Assert.Equal(0, loop.PendingHandleCancellations);
    }

    [Fact]
    public void CancellingHandlesOfAClosedLoopKeepsNothing()
    {
        var loop = new EventLoop();
        var handles = new Handle[10];
        OnOtherThread(() =>
        {
            for (int i = 0; i < handles.Length; i++)
            {
                handles[i] = loop.CallSoonThreadsafe(() => { });
            }
        });
        Loops.RunOnce(loop);
        Handle pending = loop.CallSoon(() => { });
        loop.Close();
        OnOtherThread(() =>
        {
            foreach (Handle handle in handles)
            {
                handle.Cancel();
            }
            pending.Cancel();
        });
        Assert.Equal(0, loop.PendingHandleCancellations);
    }
}
