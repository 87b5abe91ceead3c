using System.Collections.Generic;
using AsyncioGen.Tests.Core.Support;
using static AsyncioGen.Tests.Synchronization.SyncLoops;

namespace AsyncioGen.Tests.Synchronization;

/// <summary>asyncio's <c>EventTests</c>, ported.</summary>
public class EventTests
{
    [Fact]
    public void Repr()
    {
        using var loop = new EventLoop();
        var ev = new Event();
        Assert.Equal("<Event [unset]>", ev.ToString());
        loop.CreateTask(async () => { await ev.WaitAsync(); });
        RunBriefly(loop);
        Assert.Equal("<Event [unset, waiters:1]>", ev.ToString());
        ev.Set();
        Assert.Equal("<Event [set, waiters:1]>", ev.ToString());
        RunBriefly(loop);
        Assert.Equal("<Event [set]>", ev.ToString());
    }

    [Fact]
    public void SetWakesEveryWaiterInOrder()
    {
        using var loop = new EventLoop();
        var ev = new Event();
        Assert.False(ev.IsSet);
        var result = new List<int>();
        async FutureTask<bool> C(int n)
        {
            if (await ev.WaitAsync())
            {
                result.Add(n);
            }
            return true;
        }
        FutureTask<bool> t1 = loop.CreateTask(C(1));
        FutureTask<bool> t2 = loop.CreateTask(C(2));
        RunBriefly(loop);
        Assert.Empty(result);
        FutureTask<bool> t3 = loop.CreateTask(C(3));
        ev.Set();
        RunBriefly(loop);
        // t3 starts in this iteration and finds the event set; t1 and t2 wake in the same one (asyncio: [3, 1, 2]).
        Assert.Equal(new[] { 3, 1, 2 }, result);
        Assert.True(t1.IsDone && t2.IsDone && t3.IsDone);
    }

    [Fact]
    public void WaitOnASetEventDoesNotSuspend()
    {
        using var loop = new EventLoop();
        var ev = new Event();
        ev.Set();
        Assert.True(Now(ev.WaitAsync()));
        var counter = IterationCounter.Start(loop);
        int before = 0;
        int after = 0;
        Run(loop, async () =>
        {
            await Asyncio.Sleep(0);
            before = counter.Iteration;
            Assert.True(await ev.WaitAsync());
            after = counter.Iteration;
        });
        counter.Stop();
        Assert.Equal(before, after);
    }

    [Fact]
    public void WaitCancelRemovesTheWaiter()
    {
        using var loop = new EventLoop();
        var ev = new Event();
        FutureTask<bool> wait = loop.CreateTask(async () => await ev.WaitAsync());
        loop.CallSoon(() => wait.Cancel());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(wait));
        Assert.Equal("<Event [unset]>", ev.ToString());
    }

    [Fact]
    public void Clear()
    {
        var ev = new Event();
        Assert.False(ev.IsSet);
        ev.Set();
        Assert.True(ev.IsSet);
        ev.Clear();
        Assert.False(ev.IsSet);
    }

    [Fact]
    public void ClearWithWaitersKeepsTheWokenWaiterWoken()
    {
        using var loop = new EventLoop();
        var ev = new Event();
        var result = new List<int>();
        FutureTask<bool> t = loop.CreateTask(async () =>
        {
            if (await ev.WaitAsync())
            {
                result.Add(1);
            }
            return true;
        });
        RunBriefly(loop);
        Assert.Empty(result);
        ev.Set();
        ev.Clear();
        Assert.False(ev.IsSet);
        ev.Set();
        ev.Set();
        Assert.Contains("waiters:1", ev.ToString());
        RunBriefly(loop);
        Assert.Equal(new[] { 1 }, result);
        Assert.Equal("<Event [set]>", ev.ToString());
        Assert.True(t.GetResult());
    }
}
