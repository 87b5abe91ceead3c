using System;
using AsyncioGen;
using AsyncioGen.Tests.Core;

namespace AsyncioGen.Tests.Coroutines;

/// <summary>
/// An inline await costs the awaited coroutine's task and nothing else: no step item, no callback
/// registration, no closure. Measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> inside
/// a warmed-up running loop.
/// </summary>
[Collection("Allocation")]
public class InlineAllocationTests
{
    private const int N = 100;

#pragma warning disable CS1998
    private static async FutureTask<int> Pure(int x) => x + 1;
#pragma warning restore CS1998

    private static async FutureTask<int> Chain(int depth, Future<int> future)
    {
        if (depth == 1)
        {
            return await future;
        }
        return await Chain(depth - 1, future) + 1;
    }

    [Fact]
    public void AwaitingACoroutineThatDoesNotSuspendAllocatesOnlyItsTask()
    {
        using var loop = new EventLoop();
        long taskBytes = 0, awaitBytes = 0;
        async FutureTask Measure()
        {
            for (int i = 0; i < 4 * N; i++)
            {
                await Pure(i); // warm-up: JIT
            }
            await Asyncio.Sleep(0);
            var created = new FutureTask<int>[N];
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                created[i] = Pure(i); // only the task (its start is deferred: nothing queued)
            }
            taskBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            foreach (FutureTask<int> task in created)
            {
                await task;
            }
            await Asyncio.Sleep(0);

            int sum = 0;
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                sum += await Pure(i);
            }
            awaitBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(N * (N + 1) / 2, sum);
        }
        loop.RunUntilComplete(Measure());
        Assert.True(taskBytes > 0);
        Assert.Equal(taskBytes, awaitBytes);
    }

    /// <summary>
    /// The task of <c>Pure(int)</c> on 64-bit .NET: the future's fields, the task state and the state
    /// machine. An inline-awaited call costs exactly this: its start is deferred (nothing queued, no
    /// context captured, not in the live-task list, no task number).
    /// </summary>
    private const long PureTaskBytes = 208;

    [Fact]
    public void AwaitingACoroutineThatDoesNotSuspendAllocatesExactlyItsTask()
    {
        using var loop = new EventLoop();
        long awaitBytes = 0;
        async FutureTask Measure()
        {
            for (int i = 0; i < 4 * N; i++)
            {
                await Pure(i);
            }
            int sum = 0;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                sum += await Pure(i);
            }
            awaitBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(N * (N + 1) / 2, sum);
        }
        loop.RunUntilComplete(Measure());
        Assert.Equal(N * PureTaskBytes, awaitBytes);
    }

    [Fact]
    public void ATenDeepInlineChainThatSuspendsOnceAllocatesOnlyItsTenTasks()
    {
        using var loop = new EventLoop();
        long oneTask = 0, chainBytes = 0;
        Future<int>[] futures = new Future<int>[60];
        for (int i = 0; i < futures.Length; i++)
        {
            futures[i] = loop.CreateFuture<int>();
        }
        async FutureTask Measure()
        {
            EventLoop running = Asyncio.GetRunningLoop();
            for (int i = 0; i < 50; i++)
            {
                running.CallSoon(static f => f.SetResult(1), futures[i]);
                await Chain(10, futures[i]); // warm-up
            }
            Future<int> done = running.CreateFuture<int>();
            done.SetResult(1);
            long before = GC.GetAllocatedBytesForCurrentThread();
            FutureTask<int> probe = Chain(1, done);
            oneTask = GC.GetAllocatedBytesForCurrentThread() - before;
            await probe;

            running.CallSoon(static f => f.SetResult(1), futures[50]);
            before = GC.GetAllocatedBytesForCurrentThread();
            int result = await Chain(10, futures[50]); // suspends once, resumed by the callback
            chainBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(10, result);
        }
        loop.RunUntilComplete(Measure());
        Assert.True(oneTask > 0);
        Assert.Equal(10 * oneTask, chainBytes);
    }
}
