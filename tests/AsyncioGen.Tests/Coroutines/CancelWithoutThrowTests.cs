using System;
using System.Collections.Generic;
using System.Linq;
using AsyncioGen;

namespace AsyncioGen.Tests.Coroutines;

/// <summary>
/// A task resumed with a cancellation at a plain await (a future, a sleep), whose coroutine has no
/// handler of its own (no try, using, lock) and no inline frames, ends cancelled without the throw:
/// nothing of it could run in between. The <see cref="CancelledError"/> is made when asked for.
/// Everything observable stays asyncio's.
/// </summary>
[Collection("Allocation")]
public class CancelWithoutThrowTests
{
    private const int N = 100;

    private static async FutureTask<int> Wait(Future<int> future) => await future;

    private static async FutureTask<int> WaitWithFinally(Future<int> future, List<string> log)
    {
        try
        {
            return await future;
        }
        finally
        {
            log.Add("finally");
        }
    }

    [Fact]
    public void CancellingTasksWithoutHandlersAllocatesNothingUntilTheErrorIsAsked()
    {
        using var loop = new EventLoop();
        long bytes = -1;
        async FutureTask Round(bool measure)
        {
            EventLoop running = Asyncio.GetRunningLoop();
            var futures = new Future<int>[N];
            var tasks = new FutureTask<int>[N];
            for (int i = 0; i < N; i++)
            {
                futures[i] = running.CreateFuture<int>();
                tasks[i] = running.CreateTask(Wait(futures[i]));
            }
            await Asyncio.Sleep(0); // every task waits on its future
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                tasks[i].Cancel("stop");
            }
            await Asyncio.Sleep(0); // the futures' wake-ups run: each task ends cancelled
            await Asyncio.Sleep(0);
            long after = GC.GetAllocatedBytesForCurrentThread();
            if (measure)
            {
                bytes = after - before;
            }
            foreach (FutureTask<int> task in tasks)
            {
                Assert.True(task.IsCancelled);
                CancelledError error = Assert.Throws<CancelledError>(() => task.GetResult());
                Assert.Equal("stop", error.Message);
            }
        }
        loop.RunUntilComplete(Round(measure: false)); // warm-up: JIT, queue sizes, the coroutine's shape
        loop.RunUntilComplete(Round(measure: true));
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void ThePendingRequestsMessageReachesTheFirstAndLaterErrors()
    {
        using var loop = new EventLoop();
        async FutureTask Main()
        {
            Future<int> blocker = Asyncio.GetRunningLoop().CreateFuture<int>();
            FutureTask<int> first = Asyncio.CreateTask(Wait(blocker));
            FutureTask<int> second = Asyncio.CreateTask(Wait(blocker));
            await Asyncio.Sleep(0);
            Assert.True(first.Cancel("one"));  // cancels the blocker: 'first' sees the blocker's error
            Assert.True(second.Cancel("two")); // the blocker is done: a pending request on 'second'
            object?[] outcomes = await Asyncio.Gather(returnExceptions: true, first, second);
            Assert.Equal("one", Assert.IsType<CancelledError>(outcomes[0]).Message);
            // asyncio: 'second' wakes up with the blocker's CancelledError('one'), which already is a
            // cancellation, so the pending request makes no fresh one ('two' is never seen).
            Assert.Equal("one", Assert.IsType<CancelledError>(outcomes[1]).Message);
            CancelledError again = Assert.Throws<CancelledError>(() => second.GetResult());
            Assert.NotSame(outcomes[1], again); // later calls make a fresh one, as asyncio
        }
        loop.RunUntilComplete(Main());
    }

    [Fact]
    public void ACoroutineWithAHandlerStillSeesTheError()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Main()
        {
            Future<int> blocker = Asyncio.GetRunningLoop().CreateFuture<int>();
            FutureTask<int> task = Asyncio.CreateTask(WaitWithFinally(blocker, log));
            await Asyncio.Sleep(0);
            task.Cancel();
            await Assert.ThrowsAsync<CancelledError>(async () => await task);
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "finally" }, log);
    }

    [Fact]
    public void TheShapeTestKnowsHandlers()
    {
        static Type StateMachineOf(string name) => typeof(CancelWithoutThrowTests)
            .GetNestedTypes(System.Reflection.BindingFlags.NonPublic)
            .Single(t => t.Name.Contains("<" + name + ">", StringComparison.Ordinal));
        Assert.True(CoroutineShape.CancellationPassesThrough(StateMachineOf(nameof(Wait))));
        Assert.False(CoroutineShape.CancellationPassesThrough(StateMachineOf(nameof(WaitWithFinally))));
        Assert.False(CoroutineShape.CancellationPassesThrough(typeof(int))); // not compiler-generated
    }
}
