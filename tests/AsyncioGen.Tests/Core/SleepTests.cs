using System;
using System.Collections.Generic;
using System.Diagnostics;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>asyncio.sleep: Sleep(0) yields exactly one iteration; positive delays wait; cancellation.</summary>
public class SleepTests
{
    [Fact]
    public void SleepZeroYieldsExactlyOneIteration()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        var iterations = new List<int>();
        async FutureTask Body()
        {
            iterations.Add(counter.Iteration);
            await Asyncio.Sleep(0);
            iterations.Add(counter.Iteration);
            await Asyncio.Sleep(0);
            iterations.Add(counter.Iteration);
            await Asyncio.Sleep(0);
            iterations.Add(counter.Iteration);
        }
        FutureTask task = loop.CreateTask(Body());
        Loops.RunIterations(loop, 6);
        Assert.True(task.IsDone);
        Assert.Equal(new[] { 1, 2, 3, 4 }, iterations);
    }

    [Fact]
    public void SleepZeroInterleavesTasks()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Player(string name)
        {
            for (int i = 0; i < 3; i++)
            {
                log.Add(name + i);
                await Asyncio.Sleep(0);
            }
        }
        async FutureTask Main()
        {
            FutureTask ping = Player("ping");
            FutureTask pong = Player("pong");
            await ping;
            await pong;
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "ping0", "pong0", "ping1", "pong1", "ping2", "pong2" }, log);
    }

    [Fact]
    public void NegativeSleepYieldsOneIterationToo()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        var iterations = new List<int>();
        async FutureTask Body()
        {
            iterations.Add(counter.Iteration);
            await Asyncio.Sleep(-1);
            iterations.Add(counter.Iteration);
        }
        loop.CreateTask(Body());
        Loops.RunIterations(loop, 4);
        Assert.Equal(new[] { 1, 2 }, iterations);
    }

    [Fact]
    public void SleepWaitsAtLeastTheDelay()
    {
        using var loop = new EventLoop();
        async FutureTask<double> Body()
        {
            double start = Asyncio.GetRunningLoop().Time();
            await Asyncio.Sleep(0.02);
            return Asyncio.GetRunningLoop().Time() - start;
        }
        double elapsed = loop.RunUntilComplete(Body());
        Assert.True(elapsed >= 0.019, "slept " + elapsed);
    }

    [Fact]
    public void SleepWithTimeSpan()
    {
        using var loop = new EventLoop();
        async FutureTask<double> Body()
        {
            double start = Asyncio.GetRunningLoop().Time();
            await Asyncio.Sleep(TimeSpan.FromMilliseconds(15));
            return Asyncio.GetRunningLoop().Time() - start;
        }
        Assert.True(loop.RunUntilComplete(Body()) >= 0.014);
    }

    [Fact]
    public void SleepWithResultReturnsIt()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        async FutureTask<string> Body()
        {
            int before = counter.Iteration;
            string now = await Asyncio.Sleep(0, "zero");
            Assert.Equal(before + 1, counter.Iteration);
            string later = await Asyncio.Sleep(0.005, "later");
            counter.Stop();
            return now + "," + later;
        }
        Assert.Equal("zero,later", loop.RunUntilComplete(Body()));
    }

    [Fact]
    public void CancellingALongSleepEndsItAtOnce()
    {
        using var loop = new EventLoop();
        async FutureTask Sleeper() => await Asyncio.Sleep(30);
        FutureTask task = loop.CreateTask(Sleeper());
        loop.CallLater(0.01, () => task.Cancel("wake up"));
        var watch = Stopwatch.StartNew();
        Assert.Equal("wake up", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task)).Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.True(task.IsCancelled);
    }

    [Fact]
    public void CancelledSleepDoesNotKeepTheLoopBusy()
    {
        // The sleep's timer is cancelled with it: a following short timer is the next thing that wakes the loop.
        using var loop = new EventLoop();
        async FutureTask Sleeper() => await Asyncio.Sleep(30);
        FutureTask task = loop.CreateTask(Sleeper());
        Loops.RunOnce(loop);
        task.Cancel();
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Future done = loop.CreateFuture();
        loop.CallLater(0.005, () => done.SetResult());
        var watch = Stopwatch.StartNew();
        loop.RunUntilComplete(done);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void SleepWithoutARunningLoopThrows()
    {
        Assert.Throws<InvalidOperationException>(() => Asyncio.Sleep(0));
        Assert.Throws<InvalidOperationException>(() => Asyncio.Sleep(0.1));
    }

    [Fact]
    public void SleepNaNIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Asyncio.Sleep(double.NaN));
    }
}
