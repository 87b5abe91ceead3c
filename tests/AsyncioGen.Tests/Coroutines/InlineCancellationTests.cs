using System;
using System.Collections.Generic;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Coroutines;

/// <summary>
/// Cancellation through inline frames behaves as in asyncio, where the chain is one task: the request
/// is delivered at the innermost real suspension, each level may catch it, and <c>Cancelling()</c>
/// counts on the task the user holds.
/// </summary>
public class InlineCancellationTests
{
    private static async FutureTask<int> Level(int depth, Future<int> pending, List<string> log)
    {
        try
        {
            return depth == 0 ? await pending : await Level(depth - 1, pending, log) + 1;
        }
        catch (CancelledError)
        {
            log.Add("caught at " + depth);
            throw;
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(10)]
    public void CancellingTheTaskDeliversAtTheInnermostAwaitAndUnwindsEveryLevel(int depth)
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        var log = new List<string>();
        Future<int> pending = loop.CreateFuture<int>();
        FutureTask<int> task = loop.CreateTask(Level(depth, pending, log));
        Loops.RunOnce(loop); // the task runs down to the pending future
        Assert.Equal(1, counter.Iteration);
        Assert.True(task.Cancel("stop"));
        Assert.True(pending.IsCancelled); // the innermost frame's future: the task's waiter
        Assert.Equal(1, task.Cancelling());
        Loops.RunOnce(loop); // the wake-up unwinds every frame in one step
        Assert.True(task.IsCancelled);
        var expected = new List<string>();
        for (int i = 0; i <= depth; i++)
        {
            expected.Add("caught at " + i);
        }
        Assert.Equal(expected, log);
        CancelledError error = Assert.Throws<CancelledError>(() => task.GetResult());
        Assert.Equal("stop", error.Message);
    }

    [Fact]
    public void ALevelThatCatchesTheCancellationGoesOnAndTheTaskStillCountsTheRequest()
    {
        using var loop = new EventLoop();
        Future<int> pending = loop.CreateFuture<int>();
        var log = new List<string>();
        async FutureTask<int> Middle()
        {
            try
            {
                return await Level(1, pending, log);
            }
            catch (CancelledError)
            {
                log.Add("middle swallows");
                return -1;
            }
        }
        async FutureTask<int> Outer() => await Middle() * 10;
        FutureTask<int> task = loop.CreateTask(Outer());
        Loops.RunOnce(loop);
        task.Cancel();
        Assert.Equal(-10, loop.RunUntilComplete(task));
        Assert.Equal(new[] { "caught at 0", "caught at 1", "middle swallows" }, log);
        Assert.Equal(1, task.Cancelling());
        Assert.Equal(0, task.Uncancel());
    }

    [Fact]
    public void CancelAndCancellingOfAnInlineFrameAreThoseOfItsTask()
    {
        using var loop = new EventLoop();
        Future<int> pending = loop.CreateFuture<int>();
        var log = new List<string>();
        FutureTask<int>? inner = null;
        async FutureTask<int> Outer()
        {
            inner = Level(0, pending, log);
            return await inner;
        }
        FutureTask<int> task = loop.CreateTask(Outer());
        Loops.RunOnce(loop);
        Assert.True(inner!.Cancel());
        Assert.Equal(1, task.Cancelling());
        Assert.Equal(1, inner.Cancelling());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.True(inner.IsCancelled);
        Assert.False(inner.Cancel());
    }

    [Fact]
    public void ARequestMadeWhileTheTaskRunsIsDeliveredAtTheNextSuspensionOfAnInlineFrame()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Inner()
        {
            log.Add("inner runs");
            try
            {
                await Asyncio.Sleep(0);
                log.Add("not reached");
            }
            catch (CancelledError)
            {
                log.Add("inner caught");
                throw;
            }
        }
        async FutureTask Outer()
        {
            Asyncio.CurrentTask()!.Cancel();
            await Inner(); // not a suspension: Inner runs; its Sleep(0) is
        }
        FutureTask task = loop.CreateTask(Outer());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Equal(new[] { "inner runs", "inner caught" }, log);
    }

    [Fact]
    public void ATenThousandDeepInlineChainIsCancelledWithoutGrowingTheStack()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        Future<int> pending = loop.CreateFuture<int>();
        FutureTask<int> task = loop.CreateTask(Deep(10_000, pending));
        InlineAwaitTests.RunOnSmallStack(() =>
        {
            Loops.RunOnce(loop);
            task.Cancel();
            Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
            return 0;
        });
        Assert.True(task.IsCancelled);
    }

    private static async FutureTask<int> Deep(int depth, Future<int> future) =>
        depth == 0 ? await future : await Deep(depth - 1, future) + 1;

    [Fact]
    public void GetStackOfATaskInsideAnInlineFrameEndsWithTheInterruptedFrame()
    {
        using var loop = new EventLoop();
        Future<int> pending = loop.CreateFuture<int>();
        async FutureTask<int> Interrupted()
        {
            try
            {
                return await pending;
            }
            catch (CancelledError)
            {
                await Asyncio.Sleep(1000); // still inside this frame after the cancellation
                return 0;
            }
        }
        async FutureTask<int> Outer() => await Interrupted();
        FutureTask<int> task = loop.CreateTask(Outer());
        Loops.RunOnce(loop);
        task.Cancel();
        Loops.RunIterations(loop, 2);
        Assert.False(task.IsDone);
        IReadOnlyList<TaskStackFrame> stack = task.GetStack();
        Assert.Equal(2, stack.Count);
        Assert.Contains("Outer", stack[0].Method);
        Assert.Contains("Interrupted", stack[^1].Method);
        Assert.Contains("Outer", Assert.Single(task.GetStack(limit: 1)).Method);
        task.Cancel();
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
    }
}
