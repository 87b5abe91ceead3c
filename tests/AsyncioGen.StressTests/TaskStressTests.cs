using System;
using System.Runtime.CompilerServices;

namespace AsyncioGen.StressTests;

/// <summary>Many tasks: a cancel storm that leaves nothing alive, and a 100k-deep await chain.</summary>
public class TaskStressTests
{
    private const int Tasks = 100_000;

    private static async FutureTask WaiterAsync(Future<int> blocker) => await blocker;

    private static async FutureTask<int> StormAsync(EventLoop loop, WeakReference[] weak)
    {
        Future<int> blocker = loop.CreateFuture<int>();
        var tasks = new Future[Tasks];
        for (int i = 0; i < Tasks; i++)
        {
            tasks[i] = WaiterAsync(blocker);
            weak[i] = new WeakReference(tasks[i]);
        }
        await Asyncio.Sleep(0);
        for (int i = 0; i < Tasks; i++)
        {
            Assert.True(tasks[i].Cancel());
        }
        object?[] results = await Asyncio.Gather(returnExceptions: true, tasks);
        int cancelled = 0;
        foreach (object? result in results)
        {
            cancelled += result is CancelledError ? 1 : 0;
        }
        return cancelled;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunStorm(EventLoop loop, WeakReference[] weak) => loop.RunUntilComplete(StormAsync(loop, weak));

    [Fact]
    public void CancelStormOfHundredThousandTasksLeavesNoTaskAlive() => Bounded.Run(TimeSpan.FromSeconds(60), () =>
    {
        using var loop = new EventLoop();
        var weak = new WeakReference[Tasks];
        Assert.Equal(Tasks, RunStorm(loop, weak));
        Loops.RunIterations(loop, 2);
        Heap.Settled();
        int alive = 0;
        foreach (WeakReference reference in weak)
        {
            alive += reference.IsAlive ? 1 : 0;
        }
        Assert.Equal(0, alive);
        Assert.Equal(0, loop.Tasks.LiveCount);
    });

    private static async FutureTask<int> PlusOneAsync(Future<int> inner) => await inner + 1;

    private const int Depth = 100_000;

    /// <summary>Task i awaits task i-1 (each its own task: no inline nesting); the innermost awaits <paramref name="leaf"/>.</summary>
    private static async FutureTask<Future<int>> BuildChainAsync(Future<int> leaf)
    {
        Future<int> outer = leaf;
        for (int i = 0; i < Depth; i++)
        {
            outer = PlusOneAsync(outer);
        }
        await Asyncio.Sleep(0); // every task takes its first step and suspends on the one below
        await Asyncio.Sleep(0);
        return outer;
    }

    [Fact]
    public void HundredThousandDeepAwaitChainCompletes() => Bounded.Run(TimeSpan.FromSeconds(60), () =>
    {
        using var loop = new EventLoop();
        Future<int> leaf = loop.CreateFuture<int>();
        Future<int> outer = loop.RunUntilComplete(BuildChainAsync(leaf));
        Assert.False(outer.IsDone);
        leaf.SetResult(0);
        Assert.Equal(Depth, loop.RunUntilComplete(outer));
        Assert.Equal(0, loop.Tasks.LiveCount);
    });

    [Fact]
    public void HundredThousandDeepAwaitChainIsCancelledFromTheTop() => Bounded.Run(TimeSpan.FromSeconds(60), () =>
    {
        using var loop = new EventLoop();
        Future<int> leaf = loop.CreateFuture<int>();
        Future<int> outer = loop.RunUntilComplete(BuildChainAsync(leaf));
        Assert.True(outer.Cancel("from the top"));
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(outer));
        Assert.True(leaf.IsCancelled); // the request travelled all the way down
        Assert.True(outer.IsCancelled);
        Assert.Equal(0, loop.Tasks.LiveCount);
    });
}
