using System;
using System.Collections.Generic;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Coroutines;

/// <summary>
/// Chains and cycles of tasks awaiting tasks (issue 11, defects 1 and 3): cancellation walks the chain
/// without recursion and stops at a task it already passed; a task's repr shows its waiter one level deep.
/// </summary>
public class AwaitChainTests
{
    private sealed class Cycle
    {
        public FutureTask? A;
        public FutureTask? B;
    }

    private static async FutureTask AwaitOther(Func<FutureTask> other)
    {
        await Asyncio.Sleep(0);
        await other();
    }

    [Fact]
    public void ACycleOfTwoTasksCancelledByWaitForsTimeoutRaisesTimeoutException()
    {
        using var loop = new EventLoop();
        var cycle = new Cycle();
        async FutureTask<string> Main()
        {
            cycle.A = Asyncio.CreateTask(AwaitOther(() => cycle.B!));
            cycle.B = Asyncio.CreateTask(AwaitOther(() => cycle.A!));
            try
            {
                await Asyncio.WaitFor(cycle.A, 0.01);
                return "no timeout";
            }
            catch (TimeoutException)
            {
                return "timeout";
            }
        }
        Assert.Equal("timeout", InlineAwaitTests.RunOnSmallStack(() => loop.RunUntilComplete(Main())));
        Assert.True(cycle.A!.IsCancelled);
        Assert.True(cycle.B!.IsCancelled);
    }

    [Fact]
    public void ACancelStopsAtATaskItAlreadyPassed()
    {
        using var loop = new EventLoop();
        var cycle = new Cycle();
        cycle.A = loop.CreateTask(AwaitOther(() => cycle.B!));
        cycle.B = loop.CreateTask(AwaitOther(() => cycle.A!));
        Loops.RunIterations(loop, 2); // both now wait on each other
        Assert.True(cycle.A.Cancel());
        Assert.Equal(1, cycle.A.Cancelling()); // one request each: the walk does not go round again
        Assert.Equal(1, cycle.B.Cancelling());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(cycle.A));
        Assert.True(cycle.B.IsCancelled);
    }

    private static async FutureTask Link(FutureTask[] chain, int index, Future end)
    {
        if (index == chain.Length - 1)
        {
            await end;
            return;
        }
        await chain[index + 1];
    }

    [Fact]
    public void CancellingAHundredThousandDeepChainOfTasksDoesNotRecurse() =>
        // The whole test runs on one small-stack thread: it owns the loop, so Cancel runs there and then
        // (from any other thread it would be posted to the loop instead).
        InlineAwaitTests.RunOnSmallStack(() =>
        {
            using var loop = new EventLoop();
            const int Depth = 100_000;
            var chain = new FutureTask[Depth];
            Future end = loop.CreateFuture();
            for (int i = 0; i < Depth; i++)
            {
                chain[i] = loop.CreateTask(Link(chain, i, end));
            }
            Loops.RunOnce(loop); // every task now waits on the next, the last on the future
            Assert.True(chain[0].Cancel());
            Assert.True(end.IsCancelled);
            Assert.Equal(1, chain[Depth / 2].Cancelling());
            Assert.Throws<CancelledError>(() => loop.RunUntilComplete(chain[0]));
            Assert.All(chain, task => Assert.True(task.IsCancelled));
            return 0;
        });

    [Fact]
    public void TheReprOfATaskInACycleShowsItsWaiterOneLevelDeep()
    {
        using var loop = new EventLoop();
        var cycle = new Cycle();
        cycle.A = loop.CreateTask(AwaitOther(() => cycle.B!), name: "A");
        cycle.B = loop.CreateTask(AwaitOther(() => cycle.A!), name: "B");
        Loops.RunIterations(loop, 2);
        string repr = InlineAwaitTests.RunOnSmallStack(() => cycle.A.ToString());
        Assert.StartsWith("<Task pending name='A' coro=<AwaitChainTests.AwaitOther() running> wait_for=<Task pending name='B' ", repr);
        Assert.Equal(1, CountOf(repr, "wait_for="));
        cycle.A.Cancel();
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(cycle.A));
    }

    [Fact]
    public void TheReprOfATenThousandDeepChainIsShort()
    {
        using var loop = new EventLoop();
        var chain = new FutureTask[10_000];
        Future end = loop.CreateFuture();
        for (int i = 0; i < chain.Length; i++)
        {
            chain[i] = loop.CreateTask(Link(chain, i, end));
        }
        Loops.RunOnce(loop);
        string repr = chain[0].ToString();
        Assert.True(repr.Length < 400, repr);
        Assert.Equal(1, CountOf(repr, "wait_for="));
        end.SetResult();
        loop.RunUntilComplete(chain[0]);
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
