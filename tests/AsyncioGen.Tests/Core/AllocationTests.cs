using System;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>Allocation tests run alone: GC.GetAllocatedBytesForCurrentThread must not see other tests' work.</summary>
[CollectionDefinition("Allocation", DisableParallelization = true)]
public sealed class AllocationCollection
{
}

/// <summary>
/// The allocation-free paths of the runtime, measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/>
/// around warmed-up code (JIT done, queues grown): each must allocate exactly 0 bytes.
/// </summary>
[Collection("Allocation")]
public class AllocationTests
{
    private const int N = 1000;
    private const int WarmUpRounds = 40;

    private sealed class Counter
    {
        public int Count;
    }

    private static readonly Action<Counter> s_increment = static c => c.Count++;

    private static void ScheduleAndRun(EventLoop loop, Counter counter)
    {
        for (int i = 0; i < N; i++)
        {
            loop.CallSoon(s_increment, counter);
        }
        Loops.RunOnce(loop);
    }

    [Fact]
    public void CallSoonWithStateAndAStaticLambdaAllocatesNothing()
    {
        using var loop = new EventLoop();
        var counter = new Counter();
        for (int i = 0; i < WarmUpRounds; i++)
        {
            ScheduleAndRun(loop, counter);
        }
        counter.Count = 0;

        long before = GC.GetAllocatedBytesForCurrentThread();
        ScheduleAndRun(loop, counter);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(N, counter.Count);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TheMeasurementSeesAClosureAllocation()
    {
        // Control: the same measurement around a capturing lambda must see its closure and delegate.
        using var loop = new EventLoop();
        var counter = new Counter();
        for (int i = 0; i < WarmUpRounds; i++)
        {
            ScheduleCapturing(loop, counter, i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        ScheduleCapturing(loop, counter, 1);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated > 0);
    }

    private static void ScheduleCapturing(EventLoop loop, Counter counter, int step)
    {
        loop.CallSoon(() => counter.Count += step);
        Loops.RunOnce(loop);
    }

    // ---------------------------------------------------------------- done-callbacks with state

    private static void AddCompleteAndDispatch(EventLoop loop, Future<int>[] futures, Counter counter)
    {
        foreach (Future<int> future in futures)
        {
            future.AddDoneCallback(static (f, c) => c.Count += f.GetResult(), counter);
            future.SetResult(1);
        }
        Loops.RunOnce(loop);
    }

    private static Future<int>[] CreateFutures(EventLoop loop)
    {
        var futures = new Future<int>[N];
        for (int i = 0; i < N; i++)
        {
            futures[i] = loop.CreateFuture<int>();
        }
        return futures;
    }

    [Fact]
    public void DispatchingStateDoneCallbacksAllocatesNothing()
    {
        using var loop = new EventLoop();
        var counter = new Counter();
        for (int i = 0; i < WarmUpRounds; i++)
        {
            AddCompleteAndDispatch(loop, CreateFutures(loop), counter);
        }
        Future<int>[] futures = CreateFutures(loop);
        counter.Count = 0;

        long before = GC.GetAllocatedBytesForCurrentThread();
        AddCompleteAndDispatch(loop, futures, counter);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(N, counter.Count);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void DispatchingPreregisteredStateDoneCallbacksAllocatesNothing()
    {
        using var loop = new EventLoop();
        var counter = new Counter();
        Future[] Prepare()
        {
            var futures = new Future[N];
            for (int i = 0; i < N; i++)
            {
                futures[i] = loop.CreateFuture();
                futures[i].AddDoneCallback(static (_, c) => c.Count++, counter);
            }
            return futures;
        }
        static void CompleteAndDispatch(EventLoop loop, Future[] futures)
        {
            foreach (Future future in futures)
            {
                future.SetResult();
            }
            Loops.RunOnce(loop);
        }
        for (int i = 0; i < WarmUpRounds; i++)
        {
            CompleteAndDispatch(loop, Prepare());
        }
        Future[] measured = Prepare();
        counter.Count = 0;

        long before = GC.GetAllocatedBytesForCurrentThread();
        CompleteAndDispatch(loop, measured);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(N, counter.Count);
        Assert.Equal(0, allocated);
    }

    // ---------------------------------------------------------------- await inside a running task

    private sealed class Driver
    {
        public readonly EventLoop Loop;
        public readonly Future<int>[] Futures;
        public int Next;

        public Driver(EventLoop loop, Future<int>[] futures)
        {
            Loop = loop;
            Futures = futures;
        }
    }

    // Completes one future per iteration: the task wakes in the next one and awaits the next future.
    private static readonly Action<Driver> s_completeNext = static d =>
    {
        d.Futures[d.Next++].SetResult(1);
        if (d.Next < d.Futures.Length)
        {
            d.Loop.CallSoon(s_completeNext!, d);
        }
    };

    private static async FutureTask<int> SumAll(Future<int>[] futures)
    {
        int sum = 0;
        foreach (Future<int> future in futures)
        {
            sum += await future;
        }
        return sum;
    }

    /// <summary>Creates the task and runs it to its first await (outside the measured region).</summary>
    private static FutureTask<int> StartSum(EventLoop loop, Driver driver)
    {
        FutureTask<int> task = loop.CreateTask(SumAll(driver.Futures));
        Loops.RunOnce(loop); // first step: the task now waits on futures[0]
        return task;
    }

    private static void Drive(EventLoop loop, Driver driver, FutureTask<int> task)
    {
        loop.CallSoon(s_completeNext, driver);
        while (!task.IsDone)
        {
            Loops.RunOnce(loop);
        }
    }

    [Fact]
    public void AwaitingExistingFuturesInsideARunningTaskAllocatesNothing()
    {
        using var loop = new EventLoop();
        for (int i = 0; i < WarmUpRounds / 4; i++)
        {
            var warm = new Driver(loop, CreateFutures(loop));
            Drive(loop, warm, StartSum(loop, warm));
        }
        var driver = new Driver(loop, CreateFutures(loop));
        FutureTask<int> task = StartSum(loop, driver);
        Assert.False(task.IsDone);

        long before = GC.GetAllocatedBytesForCurrentThread();
        Drive(loop, driver, task);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(N, task.GetResult());
        Assert.Equal(0, allocated);
    }

    private static async FutureTask<int> YieldMany(int count)
    {
        for (int i = 0; i < count; i++)
        {
            await Asyncio.Sleep(0);
        }
        return count;
    }

    [Fact]
    public void SleepZeroInsideARunningTaskAllocatesNothing()
    {
        using var loop = new EventLoop();
        for (int i = 0; i < WarmUpRounds / 4; i++)
        {
            loop.RunUntilComplete(loop.CreateTask(YieldMany(N)));
        }
        FutureTask<int> task = loop.CreateTask(YieldMany(N));
        Loops.RunOnce(loop);

        long before = GC.GetAllocatedBytesForCurrentThread();
        while (!task.IsDone)
        {
            Loops.RunOnce(loop);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(N, task.GetResult());
        Assert.Equal(0, allocated);
    }
}
