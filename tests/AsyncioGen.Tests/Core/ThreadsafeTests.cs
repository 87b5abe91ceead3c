using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>call_soon_threadsafe: many producers, wake-ups, FIFO with call_soon; debug-mode thread checks.</summary>
public class ThreadsafeTests
{
    [Fact]
    public void FourThreadsLoseNothingAndKeepTheirOrder()
    {
        const int Threads = 4;
        const int PerThread = 5000;
        using var loop = new EventLoop();
        var received = new List<(int Thread, int Item)>();
        Future done = loop.CreateFuture();
        int loopThread = Environment.CurrentManagedThreadId;
        bool allOnLoopThread = true;
        var workers = new Thread[Threads];
        using var go = new ManualResetEventSlim();
        for (int t = 0; t < Threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                go.Wait();
                for (int i = 0; i < PerThread; i++)
                {
                    int item = i;
                    loop.CallSoonThreadsafe(() =>
                    {
                        allOnLoopThread &= Environment.CurrentManagedThreadId == loopThread;
                        received.Add((id, item));
                        if (received.Count == Threads * PerThread)
                        {
                            done.SetResult();
                        }
                    });
                }
            });
            workers[t].Start();
        }
        loop.CallSoon(go.Set);
        loop.RunUntilComplete(done);
        foreach (Thread worker in workers)
        {
            worker.Join();
        }
        Assert.True(allOnLoopThread);
        Assert.Equal(Threads * PerThread, received.Count);
        var next = new int[Threads];
        foreach ((int thread, int item) in received)
        {
            Assert.Equal(next[thread], item);
            next[thread]++;
        }
        Assert.All(next, n => Assert.Equal(PerThread, n));
    }

    [Fact]
    public void WakesALoopSleepingOnAFarTimer()
    {
        using var loop = new EventLoop();
        Future done = loop.CreateFuture();
        TimerHandle far = loop.CallLater(30, () => { });
        loop.CallSoon(() =>
        {
            var thread = new Thread(() =>
            {
                Thread.Sleep(20);
                loop.CallSoonThreadsafe(() => done.SetResult());
            });
            thread.Start();
        });
        var watch = Stopwatch.StartNew();
        loop.RunUntilComplete(done);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "woke after " + watch.Elapsed);
        far.Cancel();
    }

    [Fact]
    public void WakesALoopWithNothingScheduled()
    {
        using var loop = new EventLoop();
        Future<int> done = loop.CreateFuture<int>();
        var thread = new Thread(() =>
        {
            Thread.Sleep(20);
            loop.CallSoonThreadsafe(static f => f.SetResult(5), done);
        });
        thread.Start();
        Assert.Equal(5, loop.RunUntilComplete(done));
        thread.Join();
    }

    [Fact]
    public void ThreadsafeOnTheLoopThreadKeepsFifoWithCallSoon()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.CallSoon(() =>
        {
            loop.CallSoon(() => log.Add("a"));
            loop.CallSoonThreadsafe(() => log.Add("b"));
            loop.CallSoon(() => log.Add("c"));
        });
        Loops.RunIterations(loop, 2);
        Assert.Equal(new[] { "a", "b", "c" }, log);
    }

    [Fact]
    public void PostFromAnotherThreadKeepsFifoWithCallSoonBeforeAndAfter()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.CallSoon(() =>
        {
            loop.CallSoon(() => log.Add("before"));
            var thread = new Thread(() => loop.CallSoonThreadsafe(() => log.Add("posted")));
            thread.Start();
            thread.Join();
            loop.CallSoon(() => log.Add("after"));
        });
        Loops.RunIterations(loop, 2);
        Assert.Equal(new[] { "before", "posted", "after" }, log);
    }

    [Fact]
    public void PostBeforeTheLoopRunsKeepsFifo()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        loop.CallSoon(() => log.Add("first"));
        var thread = new Thread(() => loop.CallSoonThreadsafe(() => log.Add("posted")));
        thread.Start();
        thread.Join();
        loop.CallSoon(() => log.Add("last"));
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "first", "posted", "last" }, log);
    }

    [Fact]
    public void ThreadsafeHandleCancelledFromItsThreadDoesNotRun()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        var thread = new Thread(() =>
        {
            Handle handle = loop.CallSoonThreadsafe(() => log.Add("cancelled"));
            loop.CallSoonThreadsafe(() => log.Add("kept"));
            handle.Cancel();
            Assert.True(handle.IsCancelled);
        });
        thread.Start();
        thread.Join();
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "kept" }, log);
    }

    [Fact]
    public void DebugModeRejectsCallSoonFromAnotherThread()
    {
        using var loop = new EventLoop { Debug = true };
        Exception? error = null;
        int workerId = 0;
        Future done = loop.CreateFuture();
        loop.CallSoon(() =>
        {
            var thread = new Thread(() =>
            {
                workerId = Environment.CurrentManagedThreadId;
                error = EventLoopTests.Record(() => loop.CallSoon(() => { }));
                loop.CallSoonThreadsafe(() => done.SetResult());
            })
            { Name = "intruder" };
            thread.Start();
        });
        loop.RunUntilComplete(done);
        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("'intruder'", invalid.Message);
        Assert.Contains("id " + workerId, invalid.Message);
    }

    [Fact]
    public void DebugModeRejectsSetResultFromAnotherThread()
    {
        using var loop = new EventLoop { Debug = true };
        Future<int> future = loop.CreateFuture<int>();
        Exception? error = null;
        Future done = loop.CreateFuture();
        loop.CallSoon(() =>
        {
            var thread = new Thread(() =>
            {
                error = EventLoopTests.Record(() => future.SetResult(1));
                loop.CallSoonThreadsafe(() => done.SetResult());
            })
            { Name = "setter" };
            thread.Start();
        });
        loop.RunUntilComplete(done);
        Assert.Contains("'setter'", Assert.IsType<InvalidOperationException>(error).Message);
        Assert.False(future.IsDone);
    }

    [Fact]
    public void DebugModeAllowsCallSoonThreadsafeFromAnotherThread()
    {
        using var loop = new EventLoop { Debug = true };
        Future done = loop.CreateFuture();
        loop.CallSoon(() => new Thread(() => loop.CallSoonThreadsafe(() => done.SetResult())).Start());
        loop.RunUntilComplete(done);
        Assert.True(done.IsDone);
    }

    [Fact]
    public void PostedHandleCancelledOnTheLoopThreadDoesNotRun()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        Handle posted = default;
        var thread = new Thread(() => posted = loop.CallSoonThreadsafe(() => log.Add("posted")));
        thread.Start();
        thread.Join();
        loop.CallSoon(() => log.Add("soon"));
        posted.Cancel();
        Assert.True(posted.IsCancelled);
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "soon" }, log);
    }

    [Fact]
    public void PostedHandleCancelledFromAnotherThreadAfterItReachedTheReadyQueue()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        Handle posted = default;
        loop.CallSoon(() =>
        {
            var poster = new Thread(() => posted = loop.CallSoonThreadsafe(() => log.Add("posted")));
            poster.Start();
            poster.Join();
            loop.CallSoon(() => log.Add("soon")); // moves the posted item into the ready queue first
            var canceller = new Thread(() => posted.Cancel());
            canceller.Start();
            canceller.Join();
        });
        Loops.RunIterations(loop, 2);
        Assert.Equal(new[] { "soon" }, log);
    }
}
