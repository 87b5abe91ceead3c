using System;
using System.Collections.Generic;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Coroutines;

/// <summary>
/// asyncio's rule for <c>await coro()</c>: the coroutine runs inline, in the awaiting task's step, and
/// nothing else runs unless something really suspends. Counted with <c>CallSoon</c> callbacks and an
/// <see cref="IterationCounter"/>.
/// </summary>
public class InlineAwaitTests
{
#pragma warning disable CS1998 // coroutines that finish without suspending, as `async def f(): return 1`
    private static async FutureTask<int> Sub(List<string> log)
    {
        log.Add("sub");
        return 1;
    }
#pragma warning restore CS1998

    [Fact]
    public void AwaitingACoroutineRunsItBeforeCallbacksScheduledEarlier()
    {
        // The example: asyncio prints "sub" then "callback".
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Main()
        {
            Asyncio.GetRunningLoop().CallSoon(() => log.Add("callback"));
            await Sub(log);
            log.Add("main");
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "sub", "main", "callback" }, log);
    }

    [Fact]
    public void ACoroutineKeptInAVariableAndAwaitedLaterRunsInlineToo()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Main()
        {
            FutureTask<int> sub = Sub(log);
            log.Add("created");
            Asyncio.GetRunningLoop().CallSoon(() => log.Add("callback"));
            log.Add("result " + await sub);
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "created", "sub", "result 1", "callback" }, log);
    }

    [Fact]
    public void ACoroutineThatDoesNotSuspendCostsNoIteration()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        var log = new List<string>();
        int before = -1, after = -1;
        async FutureTask Main()
        {
            await Asyncio.Sleep(0);
            before = counter.Iteration;
            for (int i = 0; i < 5; i++)
            {
                await Sub(log);
            }
            after = counter.Iteration;
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(before, after);
        Assert.Equal(5, log.Count);
    }

    private static async FutureTask<int> WaitThenRecord(Future<int> future, IterationCounter counter, List<string> log)
    {
        int value = await future;
        log.Add("sub resumed in " + counter.Iteration);
        return value;
    }

    [Fact]
    public void TheCallerResumesInTheStepThatFinishesTheSuspendedCoroutine()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        var log = new List<string>();
        async FutureTask Main()
        {
            Future<int> future = Asyncio.GetRunningLoop().CreateFuture<int>();
            Asyncio.GetRunningLoop().CallSoon(() => future.SetResult(7));
            log.Add("main started in " + counter.Iteration);
            int value = await WaitThenRecord(future, counter, log);
            log.Add("main resumed in " + counter.Iteration + " with " + value);
        }
        loop.RunUntilComplete(Main());
        // Step in iteration 1; SetResult in 2; the wake-up in 3 runs the sub and then main.
        Assert.Equal(new[] { "main started in 1", "sub resumed in 3", "main resumed in 3 with 7" }, log);
    }

    [Fact]
    public void NoCallbackRunsBetweenTheInnerCoroutinesEndAndItsCaller()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask<int> Inner(Future<int> future)
        {
            int value = await future;
            Asyncio.GetRunningLoop().CallSoon(() => log.Add("scheduled by inner"));
            log.Add("inner done");
            return value;
        }
        async FutureTask Main()
        {
            Future<int> future = Asyncio.GetRunningLoop().CreateFuture<int>();
            Asyncio.GetRunningLoop().CallSoon(() => future.SetResult(1));
            await Inner(future);
            log.Add("main");
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "inner done", "main", "scheduled by inner" }, log);
    }

    [Fact]
    public void InsideAnInlineCoroutineCurrentTaskIsTheAwaitingTaskAndAllTasksDoesNotListIt()
    {
        using var loop = new EventLoop();
        Future? seenCurrent = null;
        IReadOnlySet<Future>? seenAll = null;
        FutureTask<int>? sub = null;
        async FutureTask<int> Inner()
        {
            seenCurrent = Asyncio.CurrentTask();
            seenAll = Asyncio.AllTasks();
            await Asyncio.Sleep(0);
            Assert.Same(seenCurrent, Asyncio.CurrentTask());
            return 3;
        }
        async FutureTask Main()
        {
            sub = Inner();
            await sub;
        }
        FutureTask main = Main();
        loop.RunUntilComplete(main);
        Assert.Same(main, seenCurrent);
        Assert.Contains(main, seenAll!);
        Assert.DoesNotContain(sub!, seenAll!);
        Assert.Equal(3, sub!.GetResult());
    }

    [Fact]
    public void AnInlineCoroutineSharesItsTasksContext()
    {
        // asyncio: a coroutine awaited inline runs in the task's contextvars Context; its writes are the task's.
        var value = new System.Threading.AsyncLocal<string?>();
        using var loop = new EventLoop();
        async FutureTask Writer()
        {
            value.Value = "written inline";
            await Asyncio.Sleep(0);
        }
        async FutureTask<string?> Main()
        {
            await Writer();
            await Asyncio.Sleep(0);
            return value.Value;
        }
        Assert.Equal("written inline", loop.RunUntilComplete(Main()));
    }

    [Fact]
    public void AnExceptionOfAnInlineCoroutineReachesTheCallerWithItsStack()
    {
        using var loop = new EventLoop();
        async FutureTask<int> Fails()
        {
            await Asyncio.Sleep(0);
            throw new InvalidOperationException("inner");
        }
        async FutureTask<string> Main()
        {
            try
            {
                await Fails();
                return "no";
            }
            catch (InvalidOperationException ex)
            {
                return ex.Message + (ex.StackTrace!.Contains("Fails") ? " with frame" : "");
            }
        }
        Assert.Equal("inner with frame", loop.RunUntilComplete(Main()));
    }

    private static async FutureTask<int> Deep(int depth, Future<int> future)
    {
        if (depth == 0)
        {
            return await future;
        }
        return await Deep(depth - 1, future) + 1;
    }

    [Fact]
    public void AChainTenThousandDeepRunsInlineWithoutGrowingTheStack()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        int started = -1, ended = -1;
        async FutureTask<int> Main()
        {
            Future<int> future = Asyncio.GetRunningLoop().CreateFuture<int>();
            Asyncio.GetRunningLoop().CallSoon(() => future.SetResult(5));
            started = counter.Iteration;
            int result = await Deep(10_000, future);
            ended = counter.Iteration;
            return result;
        }
        Assert.Equal(10_005, RunOnSmallStack(() => loop.RunUntilComplete(Main())));
        Assert.Equal(started + 2, ended); // SetResult, then the one wake-up that unwinds all 10,000 frames
    }

    [Fact]
    public void ACoroutineCreatedWithNoLoopRunningRunsInlineWhenAwaited()
    {
        var log = new List<string>();
        FutureTask<int> sub = Sub(log); // no loop: not started, not bound
        using var loop = new EventLoop();
        async FutureTask<int> Main()
        {
            Asyncio.GetRunningLoop().CallSoon(() => log.Add("callback"));
            return await sub;
        }
        Assert.Equal(1, loop.RunUntilComplete(Main()));
        Assert.Equal(new[] { "sub", "callback" }, log);
    }

    [Fact]
    public void AwaitingASelfReferenceThroughAnInlineFrameFailsTheFrame()
    {
        using var loop = new EventLoop();
        async FutureTask<string> Main()
        {
            Future me = Asyncio.CurrentTask()!;
            async FutureTask AwaitsItsTask()
            {
                await me;
            }
            try
            {
                await AwaitsItsTask();
                return "no";
            }
            catch (InvalidOperationException ex)
            {
                return ex.Message;
            }
        }
        Assert.StartsWith("Task cannot await on itself", loop.RunUntilComplete(Main()));
    }

    /// <summary>Runs on a thread with a 1 MB stack, so a recursion per frame would overflow well before 10,000 frames.</summary>
    internal static T RunOnSmallStack<T>(Func<T> body)
    {
        T result = default!;
        Exception? error = null;
        var thread = new System.Threading.Thread(() =>
        {
            try
            {
                result = body();
            }
            catch (Exception ex)
            {
                error = ex;
            }
        }, maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
        return result;
    }
}
