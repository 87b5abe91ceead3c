using System;
using System.Collections.Generic;
using System.Linq;
using static AsyncioGen.Tests.Synchronization.SyncLoops;

namespace AsyncioGen.Tests.Synchronization;

/// <summary>
/// asyncio's <c>BarrierTests</c> (3.11+), ported; each <c>RunBriefly</c> is one iteration, and where a step
/// takes more, the counts are CPython's (barrier_tests_iterations.py beside this file prints them).
/// </summary>
public class BarrierTests
{
    private const int N = 5;

    private static FutureTask[] Spawn(EventLoop loop, int count, Func<FutureTask> body)
    {
        var tasks = new FutureTask[count];
        for (int i = 0; i < count; i++)
        {
            tasks[i] = loop.CreateTask(body());
        }
        return tasks;
    }

    [Fact]
    public void PartiesMustBePositive()
    {
        Assert.StartsWith("parties must be >= 1", Assert.Throws<ArgumentOutOfRangeException>(() => new Barrier(0)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Barrier(-4));
    }

    [Fact]
    public void InitialState()
    {
        var barrier = new Barrier(N);
        Assert.Equal(N, barrier.Parties);
        Assert.Equal(0, barrier.NWaiting);
        Assert.False(barrier.Broken);
    }

    [Fact]
    public void Repr()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(N);
        Assert.Equal("<Barrier [filling, waiters:0/5]>", barrier.ToString());
        loop.CreateTask(async () => { await barrier.WaitAsync(); });
        loop.CreateTask(async () => { await barrier.WaitAsync(); });
        RunBriefly(loop);
        Assert.Equal("<Barrier [filling, waiters:2/5]>", barrier.ToString());
        Run(loop, () => barrier.AbortAsync());
        RunBriefly(loop);
        Assert.Equal("<Barrier [broken]>", barrier.ToString());
    }

    [Fact]
    public void OnePartyPassesAtOnce()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(1);
        Assert.Equal(0, Run(loop, () => barrier.WaitAsync()));
        Assert.Equal(0, Run(loop, () => barrier.WaitAsync()));
        Assert.Equal(0, barrier.NWaiting);
        Assert.False(barrier.Broken);
    }

    [Fact]
    public void TasksWaitUntilTheBarrierFills()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(N);
        var passed = new List<int>();
        FutureTask[] tasks = Spawn(loop, N - 1, async () => { passed.Add(await barrier.WaitAsync()); });
        RunBriefly(loop);
        Assert.Empty(passed);
        Assert.Equal(N - 1, barrier.NWaiting);
        Assert.All(tasks, t => Assert.False(t.IsDone));
        loop.CreateTask(async () => { passed.Add(await barrier.WaitAsync()); });
        RunBriefly(loop);
        Assert.Single(passed);      // the last arrival passes at once, the others the iteration after
        RunBriefly(loop);
        Assert.Equal(N, passed.Count);
        Assert.Equal(0, barrier.NWaiting);
    }

    [Fact]
    public void IndicesAreUniqueFromZero()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(N);
        var indices = new List<int>();
        loop.RunUntilComplete(Asyncio.Gather(Spawn(loop, N, async () => { indices.Add(await barrier.WaitAsync()); })));
        Assert.Equal(Enumerable.Range(0, N), indices.OrderBy(i => i));
    }

    [Fact]
    public void LastArrivalGetsTheLastIndexWithoutWaiting()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(2);
        FutureTask<int> first = loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        FutureTask<int> second = loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        Assert.True(second.IsDone);
        Assert.False(first.IsDone);
        RunBriefly(loop);
        Assert.Equal(0, first.GetResult());
        Assert.Equal(1, second.GetResult());
    }

    [Fact]
    public void BarrierIsReusableRoundAfterRound()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(N);
        var rounds = new List<int>();
        async FutureTask Twice()
        {
            await barrier.WaitAsync();
            rounds.Add(1);
            await barrier.WaitAsync();
            rounds.Add(2);
        }
        loop.RunUntilComplete(Asyncio.Gather(Spawn(loop, N, Twice)));
        Assert.Equal(Enumerable.Repeat(1, N).Concat(Enumerable.Repeat(2, N)), rounds);
        Assert.Equal(0, barrier.NWaiting);
    }

    [Fact]
    public void TaskByTaskFilling()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(3);
        loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        Assert.Equal(1, barrier.NWaiting);
        loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        Assert.Equal(2, barrier.NWaiting);
        loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        Assert.Equal("<Barrier [draining, waiters:0/3]>", barrier.ToString()); // the two others leave next iteration
        RunBriefly(loop);
        Assert.Equal(0, barrier.NWaiting);
        Assert.Equal("<Barrier [filling, waiters:0/3]>", barrier.ToString());
    }

    [Fact]
    public void TasksArrivingWhileDrainingWaitForTheNextRound()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(2);
        var log = new List<string>();
        async FutureTask Party(string name)
        {
            await barrier.WaitAsync();
            log.Add(name);
        }
        loop.CreateTask(Party("a"));
        RunBriefly(loop);
        loop.CreateTask(Party("b"));   // trips the barrier
        loop.CreateTask(Party("c"));   // arrives in the same iteration: next round
        RunBriefly(loop);
        Assert.Equal(new[] { "b" }, log);
        RunBriefly(loop);
        Assert.Equal(new[] { "b", "a" }, log);
        Assert.Equal(0, barrier.NWaiting);   // c waits for the drain to end, then joins the next round
        RunBriefly(loop);
        Assert.Equal(2, log.Count);
        Assert.DoesNotContain("c", log);
        Assert.Equal(1, barrier.NWaiting);
        loop.CreateTask(Party("d"));
        RunBriefly(loop);
        Assert.Equal(new[] { "b", "a", "d" }, log);
        RunBriefly(loop);
        Assert.Contains("c", log);
        Assert.Contains("d", log);
    }

    [Fact]
    public void CancellingOneWaiterLeavesTheOthersWaiting()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(3);
        FutureTask<int> a = loop.CreateTask(() => barrier.WaitAsync());
        FutureTask<int> b = loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        Assert.Equal(2, barrier.NWaiting);
        a.Cancel();
        RunBriefly(loop);
        Assert.True(a.IsCancelled);
        Assert.Equal(1, barrier.NWaiting);
        Assert.False(barrier.Broken);
        FutureTask<int> c = loop.CreateTask(() => barrier.WaitAsync());
        FutureTask<int> d = loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        Assert.True(d.IsDone && !b.IsDone && !c.IsDone);
        RunBriefly(loop);
        Assert.True(b.IsDone && c.IsDone && d.IsDone);
    }

    [Fact]
    public void ResetWithoutWaitersKeepsFilling()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(N);
        Run(loop, () => barrier.ResetAsync());
        Assert.Equal("<Barrier [filling, waiters:0/5]>", barrier.ToString());
        Assert.False(barrier.Broken);
    }

    [Fact]
    public void ResetWhileTasksWaitBreaksTheirWait()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(N);
        FutureTask[] waiting = Spawn(loop, N - 1, async () => { await barrier.WaitAsync(); });
        RunBriefly(loop);
        Run(loop, () => barrier.ResetAsync());
        RunBriefly(loop);
        foreach (FutureTask task in waiting)
        {
            var error = Assert.IsType<BrokenBarrierError>(task.GetException());
            Assert.Equal("Abort or reset of barrier", error.Message);
        }
        Assert.Equal(0, barrier.NWaiting);
        Assert.False(barrier.Broken);
        Assert.Equal("<Barrier [filling, waiters:0/5]>", barrier.ToString());
    }

    [Fact]
    public void AfterAResetTheBarrierFillsAgain()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(2);
        FutureTask first = loop.CreateTask(async () => { await barrier.WaitAsync(); });
        RunBriefly(loop);
        Run(loop, () => barrier.ResetAsync());
        RunBriefly(loop);
        Assert.IsType<BrokenBarrierError>(first.GetException());
        var indices = new List<int>();
        loop.RunUntilComplete(Asyncio.Gather(Spawn(loop, 2, async () => { indices.Add(await barrier.WaitAsync()); })));
        Assert.Equal(new[] { 0, 1 }, indices.OrderBy(i => i));
    }

    [Fact]
    public void TasksWaitingAgainAfterAResetPass()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(3);
        var results = new List<string>();
        async FutureTask Party()
        {
            try
            {
                await barrier.WaitAsync();
                results.Add("passed");
            }
            catch (BrokenBarrierError)
            {
                results.Add("broken");
                await barrier.WaitAsync();
                results.Add("passed after reset");
            }
        }
        FutureTask[] tasks = Spawn(loop, 2, Party);
        RunBriefly(loop);
        Run(loop, () => barrier.ResetAsync());
        RunBriefly(loop);
        Assert.Equal(new[] { "broken", "broken" }, results);
        loop.CreateTask(Party());
        RunBriefly(loop);
        Assert.Equal(new[] { "broken", "broken", "passed" }, results);
        RunBriefly(loop);
        Assert.Equal(3, results.Count(r => r.StartsWith("passed", StringComparison.Ordinal)));
        Assert.All(tasks, t => Assert.True(t.IsDone));
    }

    [Fact]
    public void AbortBreaksWaitersAndLaterWaits()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(N);
        FutureTask[] waiting = Spawn(loop, 2, async () => { await barrier.WaitAsync(); });
        RunBriefly(loop);
        Run(loop, () => barrier.AbortAsync());
        RunBriefly(loop);
        Assert.True(barrier.Broken);
        Assert.All(waiting, t => Assert.IsType<BrokenBarrierError>(t.GetException()));
        var later = Assert.Throws<BrokenBarrierError>(() => Run(loop, () => barrier.WaitAsync()));
        Assert.Equal("Barrier aborted", later.Message);
        Assert.Equal(0, barrier.NWaiting);
    }

    [Fact]
    public void ResetAfterAbortRepairsTheBarrier()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(2);
        Run(loop, () => barrier.AbortAsync());
        Assert.True(barrier.Broken);
        Run(loop, () => barrier.ResetAsync());
        Assert.False(barrier.Broken);
        loop.RunUntilComplete(Asyncio.Gather(Spawn(loop, 2, async () => { await barrier.WaitAsync(); })));
    }

    [Fact]
    public void AbortWhenAPartyFails()
    {
        // asyncio's test_abort_barrier_when_exception: one party fails between two waits and aborts.
        using var loop = new EventLoop();
        var barrier = new Barrier(N);
        var results1 = new List<bool>();
        var results2 = new List<bool>();
        async FutureTask Party(int n)
        {
            try
            {
                int i = await barrier.WaitAsync();
                if (i == N / 2)
                {
                    throw new InvalidOperationException("fail");
                }
                await barrier.WaitAsync();
                results1.Add(true);
            }
            catch (BrokenBarrierError)
            {
                results2.Add(true);
            }
            catch (InvalidOperationException)
            {
                await barrier.AbortAsync();
            }
        }
        var tasks = new List<Future>();
        for (int i = 0; i < N; i++)
        {
            tasks.Add(loop.CreateTask(Party(i)));
        }
        loop.RunUntilComplete(Asyncio.Gather(tasks.ToArray()));
        Assert.Empty(results1);
        Assert.Equal(N - 1, results2.Count);
        Assert.True(barrier.Broken);
    }

    [Fact]
    public void NWaitingIsZeroWhileDraining()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(2);
        string? seenWhileDraining = null;
        FutureTask a = loop.CreateTask(async () =>
        {
            await barrier.WaitAsync();
            seenWhileDraining ??= barrier.ToString();
        });
        FutureTask b = loop.CreateTask(async () =>
        {
            await barrier.WaitAsync();
            seenWhileDraining ??= barrier.ToString();
        });
        RunBriefly(loop);
        Assert.True(b.IsDone && !a.IsDone); // b trips the barrier and passes at once, a the iteration after
        RunBriefly(loop);
        Assert.True(a.IsDone && b.IsDone);
        Assert.Equal("<Barrier [draining, waiters:0/2]>", seenWhileDraining);
        Assert.Equal("<Barrier [filling, waiters:0/2]>", barrier.ToString());
    }

    [Fact]
    public void ResetWhileDrainingLetsTheDrainingTasksFinish()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(2);
        var outcomes = new List<string>();
        async FutureTask Party(bool resets)
        {
            await barrier.WaitAsync();
            outcomes.Add("through");
            if (resets)
            {
                await barrier.ResetAsync();
            }
        }
        loop.RunUntilComplete(Asyncio.Gather(loop.CreateTask(Party(true)), loop.CreateTask(Party(false))));
        Assert.Equal(new[] { "through", "through" }, outcomes);
        Assert.False(barrier.Broken);
        Assert.Equal("<Barrier [filling, waiters:0/2]>", barrier.ToString());
    }

    [Fact]
    public void ManyRoundsWithManyParties()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(N);
        int passes = 0;
        async FutureTask Rounds()
        {
            for (int r = 0; r < 4; r++)
            {
                await barrier.WaitAsync();
                passes++;
            }
        }
        loop.RunUntilComplete(Asyncio.Gather(Spawn(loop, N, Rounds)));
        Assert.Equal(4 * N, passes);
    }

    [Fact]
    public void CancelledWaiterDoesNotCountTowardsTheNextTrip()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(2);
        FutureTask<int> a = loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        a.Cancel();
        RunBriefly(loop);
        Assert.Equal(0, barrier.NWaiting);
        FutureTask<int> b = loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        Assert.False(b.IsDone); // a's cancelled wait did not count
        FutureTask<int> c = loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        Assert.True(c.IsDone && !b.IsDone); // the last arrival passes at once, b the iteration after
        RunBriefly(loop);
        Assert.Equal(new[] { 0, 1 }, new[] { b.GetResult(), c.GetResult() }.OrderBy(i => i));
    }

    [Fact]
    public void BrokenBarrierErrorIsARuntimeError()
    {
        Assert.IsAssignableFrom<InvalidOperationException>(new BrokenBarrierError());
        Assert.Equal("Barrier aborted", new BrokenBarrierError().Message);
    }

    [Fact]
    public void AbortWhileTasksDrainAndOthersBlock()
    {
        using var loop = new EventLoop();
        var barrier = new Barrier(2);
        var log = new List<string>();
        async FutureTask Party(string name)
        {
            try
            {
                await barrier.WaitAsync();
                log.Add(name + " passed");
            }
            catch (BrokenBarrierError)
            {
                log.Add(name + " broken");
            }
        }
        loop.CreateTask(Party("a"));
        RunBriefly(loop);
        loop.CreateTask(Party("b"));
        loop.CreateTask(Party("c"));
        RunBriefly(loop);
        Run(loop, () => barrier.AbortAsync());
        RunBriefly(loop);
        Assert.Contains("a passed", log);
        Assert.Contains("b passed", log);
        Assert.Contains("c broken", log);
    }

    [Fact]
    public void WaitOnAnotherLoopThrows()
    {
        // The first waiter binds the barrier's condition to its loop; a wait that must block elsewhere is refused.
        var barrier = new Barrier(3);
        using var loop = new EventLoop();
        loop.CreateTask(() => barrier.WaitAsync());
        RunBriefly(loop);
        using var other = new EventLoop();
        var error = Assert.Throws<InvalidOperationException>(() => Run(other, () => barrier.WaitAsync()));
        Assert.EndsWith("is bound to a different event loop", error.Message);
    }
}
