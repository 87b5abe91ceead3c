using System;
using System.Collections.Generic;
using AsyncioGen.Tests.Core.Support;
using static AsyncioGen.Tests.Synchronization.SyncLoops;

namespace AsyncioGen.Tests.Synchronization;

/// <summary>asyncio's <c>LockTests</c> (Lib/test/test_asyncio/test_locks.py), ported case by case.</summary>
public class LockTests
{
    [Fact]
    public void Repr()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        Assert.Equal("<Lock [unlocked]>", lk.ToString());
        Run(loop, async () => { await lk.AcquireAsync(); });
        Assert.Equal("<Lock [locked]>", lk.ToString());
        loop.CreateTask(async () => { await lk.AcquireAsync(); });
        loop.CreateTask(async () => { await lk.AcquireAsync(); });
        RunBriefly(loop);
        Assert.Equal("<Lock [locked, waiters:2]>", lk.ToString());
    }

    [Fact]
    public void AcquireReturnsTrueAndLocks()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        Assert.True(Run(loop, async () => await lk.AcquireAsync()));
        Assert.True(lk.Locked);
        lk.Release();
        Assert.False(lk.Locked);
    }

    [Fact]
    public void WaitersAcquireInFifoOrder()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        var result = new List<int>();
        Assert.True(Now(lk.AcquireAsync()));
        async FutureTask<bool> C(int n)
        {
            if (await lk.AcquireAsync())
            {
                result.Add(n);
            }
            return true;
        }
        FutureTask<bool> t1 = loop.CreateTask(C(1));
        FutureTask<bool> t2 = loop.CreateTask(C(2));
        RunBriefly(loop);
        Assert.Empty(result);

        lk.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 1 }, result);
        RunBriefly(loop);
        Assert.Equal(new[] { 1 }, result);

        FutureTask<bool> t3 = loop.CreateTask(C(3));
        lk.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 1, 2 }, result);
        lk.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 1, 2, 3 }, result);
        Assert.True(t1.GetResult() && t2.GetResult() && t3.GetResult());
    }

    [Fact]
    public void UncontendedAcquireDoesNotSuspend()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        var counter = IterationCounter.Start(loop);
        int before = -1;
        int after = -1;
        Run(loop, async () =>
        {
            await Asyncio.Sleep(0);
            before = counter.Iteration;
            using (await lk.LockAsync())
            {
                Assert.True(lk.Locked);
            }
            await lk.AcquireAsync();
            lk.Release();
            after = counter.Iteration;
        });
        counter.Stop();
        Assert.Equal(before, after);
        Assert.False(lk.Locked);
    }

    [Fact]
    public void AcquireCancelRemovesTheWaiter()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        Now(lk.AcquireAsync());
        FutureTask<bool> task = loop.CreateTask(async () => await lk.AcquireAsync());
        loop.CallSoon(() => task.Cancel());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Equal("<Lock [locked]>", lk.ToString());
    }

    [Fact]
    public void CancelRace()
    {
        // A holds the lock, B and C wait; B is cancelled as A releases: C must get the lock.
        using var loop = new EventLoop();
        var lk = new Lock();
        async FutureTask LockIt(Future? blocker)
        {
            await lk.AcquireAsync();
            try
            {
                if (blocker is not null)
                {
                    await blocker;
                }
            }
            finally
            {
                lk.Release();
            }
        }
        Future fa = loop.CreateFuture();
        FutureTask ta = loop.CreateTask(LockIt(fa));
        RunBriefly(loop);
        Assert.True(lk.Locked);
        FutureTask tb = loop.CreateTask(LockIt(null));
        RunBriefly(loop);
        FutureTask tc = loop.CreateTask(LockIt(null));
        RunBriefly(loop);
        Assert.Contains("waiters:2", lk.ToString());

        fa.SetResult();
        tb.Cancel();
        RunBriefly(loop);
        Assert.False(lk.Locked);
        Assert.True(ta.IsDone);
        Assert.True(tb.IsCancelled);
        Assert.False(tc.IsDone);   // woken by tb's hand-on: it runs the iteration after (as asyncio)
        RunBriefly(loop);
        Assert.True(tc.IsDone && !tc.IsCancelled);
        Assert.False(lk.Locked);
    }

    [Fact]
    public void CancelReleaseRace()
    {
        // A waiter woken by release() and cancelled before it runs hands the lock to the next waiter.
        using var loop = new EventLoop();
        var lk = new Lock();
        Now(lk.AcquireAsync());
        var order = new List<string>();
        async FutureTask Waiter(string name)
        {
            await lk.AcquireAsync();
            order.Add(name);
            lk.Release();
        }
        FutureTask t1 = loop.CreateTask(Waiter("t1"));
        FutureTask t2 = loop.CreateTask(Waiter("t2"));
        FutureTask t3 = loop.CreateTask(Waiter("t3"));
        RunBriefly(loop);

        lk.Release();          // wakes t1 (its waiter is done now)
        t1.Cancel();           // ... and t1 is cancelled before it runs
        RunBriefly(loop);
        Assert.True(t1.IsCancelled);
        Assert.Empty(order);
        RunBriefly(loop);
        Assert.Equal(new[] { "t2" }, order);
        Assert.True(t2.IsDone);
        RunBriefly(loop);
        Assert.Equal(new[] { "t2", "t3" }, order);
        Assert.False(lk.Locked);
        Assert.True(t2.IsDone && t3.IsDone);
    }

    [Fact]
    public void FinishedWaiterCancelledLeavesNoLeakedLock()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        FutureTask ta = loop.CreateTask(async () => { await lk.AcquireAsync(); });
        RunBriefly(loop);
        Assert.True(lk.Locked);
        FutureTask tb = loop.CreateTask(async () => { await lk.AcquireAsync(); });
        RunBriefly(loop);
        Assert.Contains("waiters:1", lk.ToString());

        // Cancelled while woken: the lock is free and nobody else waits.
        lk.Release();
        tb.Cancel();
        RunBriefly(loop);
        Assert.True(tb.IsCancelled);
        Assert.False(lk.Locked);
        Assert.Equal("<Lock [unlocked]>", lk.ToString());
    }

    [Fact]
    public void NewcomerWaitsBehindAWokenWaiter()
    {
        // FIFO: after release() wakes the head, a newcomer must not jump the queue.
        using var loop = new EventLoop();
        var lk = new Lock();
        var order = new List<int>();
        Now(lk.AcquireAsync());
        async FutureTask Take(int n)
        {
            await lk.AcquireAsync();
            order.Add(n);
            await Asyncio.Sleep(0);
            lk.Release();
        }
        loop.CreateTask(Take(1));
        RunBriefly(loop);
        lk.Release();
        FutureTask late = loop.CreateTask(Take(2));
        RunBriefly(loop, 2);
        Assert.Equal(new[] { 1 }, order);
        RunBriefly(loop);
        Assert.Equal(new[] { 1, 2 }, order);
        Assert.False(late.IsDone);
        RunBriefly(loop);
        Assert.True(late.IsDone);
    }

    [Fact]
    public void QueueJumpingAllowedWhenAllWaitersAreCancelled()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        Now(lk.AcquireAsync());
        FutureTask waiter = loop.CreateTask(async () => { await lk.AcquireAsync(); });
        RunBriefly(loop);
        waiter.Cancel();
        lk.Release();
        Assert.Equal("<Lock [unlocked, waiters:1]>", lk.ToString());
        // The only waiter is cancelled, though still listed: an acquire right now takes the lock at once.
        Assert.True(Now(lk.AcquireAsync()));
        RunBriefly(loop);
        Assert.True(waiter.IsCancelled);
        Assert.True(lk.Locked);
    }

    [Fact]
    public void ReleaseNotAcquiredThrows()
    {
        var lk = new Lock();
        var error = Assert.Throws<InvalidOperationException>(() => lk.Release());
        Assert.Equal("Lock is not acquired.", error.Message);
    }

    [Fact]
    public void ReleaseNoWaiters()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        Run(loop, async () => { await lk.AcquireAsync(); });
        Assert.True(lk.Locked);
        lk.Release();
        Assert.False(lk.Locked);
    }

    [Fact]
    public void UsingFormReleasesEvenWhenTheBodyThrows()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        Assert.Throws<InvalidOperationException>(() => Run(loop, async () =>
        {
            using (await lk.LockAsync())
            {
                Assert.True(lk.Locked);
                throw new InvalidOperationException("boom");
            }
        }));
        Assert.False(lk.Locked);
    }

    [Fact]
    public void UsingFormWaitsWhenContended()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        var log = new List<string>();
        async FutureTask Worker(string name)
        {
            using (await lk.LockAsync())
            {
                log.Add(name + " in");
                await Asyncio.Sleep(0);
                log.Add(name + " out");
            }
        }
        loop.RunUntilComplete(Asyncio.Gather(loop.CreateTask(Worker("a")), loop.CreateTask(Worker("b"))));
        Assert.Equal(new[] { "a in", "a out", "b in", "b out" }, log);
    }

    [Fact]
    public void BoundToTheFirstLoopThatWaits()
    {
        var lk = new Lock();
        using (var loop = new EventLoop())
        {
            Now(lk.AcquireAsync());
            FutureTask waiter = loop.CreateTask(async () => { await lk.AcquireAsync(); });
            RunBriefly(loop);
            lk.Release();
            loop.RunUntilComplete(waiter);
        }
        using var other = new EventLoop();
        var error = Assert.Throws<InvalidOperationException>(() => Run(other, async () => { await lk.AcquireAsync(); }));
        Assert.Equal("<Lock [locked]> is bound to a different event loop", error.Message);
    }

    [Fact]
    public void CancellingTheTaskCancelsItsWaiterFuture()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        Now(lk.AcquireAsync());
        FutureTask task = loop.CreateTask(async () => { await lk.AcquireAsync(); });
        RunBriefly(loop);
        Assert.True(task.Cancel("stop"));
        Assert.Equal("stop", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task)).Message);
        Assert.True(lk.Locked); // still held by the first acquire
    }

    [Fact]
    public void ABlockingGetResultOnAContendedAcquireThrowsAndWithdrawsTheWait()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        Now(lk.AcquireAsync());
        FutureTask queued = loop.CreateTask(async () => { await lk.AcquireAsync(); });
        RunBriefly(loop);
        Run(loop, async () =>
        {
            await Asyncio.Sleep(0);
            var error = Assert.Throws<InvalidStateError>(() => Block(lk.AcquireAsync()));
            Assert.StartsWith("Result is not ready", error.Message);
        });
        Assert.Equal("<Lock [locked, waiters:1]>", lk.ToString()); // the withdrawn wait is gone
        lk.Release();
        loop.RunUntilComplete(queued);                             // the next waiter is not starved
        Assert.True(lk.Locked);
    }
}
