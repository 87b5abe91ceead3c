using System;
using System.Collections.Generic;
using static AsyncioGen.Tests.Synchronization.SyncLoops;

namespace AsyncioGen.Tests.Synchronization;

/// <summary>asyncio's <c>ConditionTests</c>, ported: each <c>RunBriefly</c> is one iteration, as asyncio's <c>await asyncio.sleep(0)</c> there.</summary>
public class ConditionTests
{
    [Fact]
    public void WaitReleasesTheLockAndNotifyWakesInOrder()
    {
        using var loop = new EventLoop();
        var cond = new Condition();
        var result = new List<int>();
        async FutureTask<bool> C(int n)
        {
            await cond.AcquireAsync();
            if (await cond.WaitAsync())
            {
                result.Add(n);
            }
            return true;
        }
        FutureTask<bool> t1 = loop.CreateTask(C(1));
        FutureTask<bool> t2 = loop.CreateTask(C(2));
        FutureTask<bool> t3 = loop.CreateTask(C(3));
        RunBriefly(loop);
        Assert.Empty(result);
        Assert.False(cond.Locked);

        Assert.True(Now(cond.AcquireAsync()));
        cond.Notify();
        RunBriefly(loop);
        Assert.Empty(result);       // notified, but the lock is ours
        Assert.True(cond.Locked);

        cond.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 1 }, result);
        Assert.True(cond.Locked);   // t1 holds it now

        cond.Notify(2);
        RunBriefly(loop);
        Assert.Equal(new[] { 1 }, result);
        cond.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 1, 2 }, result);
        cond.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 1, 2, 3 }, result);
        Assert.True(cond.Locked);
        Assert.True(t1.GetResult() && t2.GetResult() && t3.GetResult());
    }

    [Fact]
    public void WaitCancelledReacquiresTheLock()
    {
        using var loop = new EventLoop();
        var cond = new Condition();
        Assert.True(Now(cond.AcquireAsync()));
        FutureTask<bool> wait = loop.CreateTask(cond.WaitAsync());
        loop.CallSoon(() => wait.Cancel());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(wait));
        Assert.Equal("<Condition [locked]>", cond.ToString());
    }

    [Fact]
    public void WaitCancelledWhileTheLockIsContendedStillReacquiresIt()
    {
        using var loop = new EventLoop();
        var cond = new Condition();
        bool lockedInside = false;
        FutureTask waiter = loop.CreateTask(async () =>
        {
            await cond.AcquireAsync();
            try
            {
                await cond.WaitAsync();
            }
            finally
            {
                lockedInside = cond.Locked;
                cond.Release();
            }
        });
        RunBriefly(loop);
        // Take the lock, notify, cancel the waiter while we still hold the lock.
        Assert.True(Now(cond.AcquireAsync()));
        cond.Notify();
        waiter.Cancel();
        RunBriefly(loop);
        Assert.False(waiter.IsDone); // it waits for the lock, cancelled or not
        cond.Release();
        RunBriefly(loop);
        Assert.True(waiter.IsCancelled);
        Assert.True(lockedInside);
        Assert.False(cond.Locked);
    }

    [Fact]
    public void CancelledAfterNotifyPassesTheNotificationOn()
    {
        using var loop = new EventLoop();
        var cond = new Condition();
        var woke = new List<int>();
        async FutureTask W(int n)
        {
            using (await cond.LockAsync())
            {
                await cond.WaitAsync();
                woke.Add(n);
            }
        }
        FutureTask t1 = loop.CreateTask(W(1));
        FutureTask t2 = loop.CreateTask(W(2));
        RunBriefly(loop);
        Assert.True(Now(cond.AcquireAsync()));
        cond.Notify(1);     // chooses t1
        t1.Cancel();        // ... which is cancelled before it re-acquires
        cond.Release();
        // asyncio 3.13: t1 resumes, re-acquires, passes the notification on and releases; t2 resumes the
        // iteration after (python: True [] False, then True [2] True).
        RunBriefly(loop);
        Assert.True(t1.IsCancelled);
        Assert.Empty(woke);
        Assert.False(t2.IsDone);
        RunBriefly(loop);
        Assert.Equal(new[] { 2 }, woke); // the notification went on to t2
        Assert.True(t2.IsDone);
    }

    [Fact]
    public void WaitUnacquiredThrows()
    {
        using var loop = new EventLoop();
        var cond = new Condition();
        var error = Assert.Throws<InvalidOperationException>(() => Run(loop, () => cond.WaitAsync()));
        Assert.Equal("cannot wait on un-acquired lock", error.Message);
    }

    [Fact]
    public void WaitForReturnsWhenThePredicateHolds()
    {
        using var loop = new EventLoop();
        var cond = new Condition();
        bool presult = false;
        var result = new List<int>();
        FutureTask<bool> t = loop.CreateTask(async () =>
        {
            await cond.AcquireAsync();
            if (await cond.WaitForAsync(() => presult))
            {
                result.Add(1);
                cond.Release();
            }
            return true;
        });
        RunBriefly(loop);
        Assert.Empty(result);
        Assert.True(Now(cond.AcquireAsync()));
        cond.Notify();
        cond.Release();
        RunBriefly(loop);
        Assert.Empty(result);

        presult = true;
        Assert.True(Now(cond.AcquireAsync()));
        cond.Notify();
        cond.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 1 }, result);
        Assert.True(t.GetResult());
    }

    [Fact]
    public void WaitForUnacquiredReturnsATruePredicateButCannotWait()
    {
        using var loop = new EventLoop();
        var cond = new Condition();
        Assert.True(Run(loop, () => cond.WaitForAsync(() => true)));
        Assert.Throws<InvalidOperationException>(() => Run(loop, () => cond.WaitForAsync(() => false)));
    }

    [Fact]
    public void NotifyWakesOneAtATime()
    {
        using var loop = new EventLoop();
        var cond = new Condition();
        var result = new List<int>();
        async FutureTask C(int n)
        {
            await cond.AcquireAsync();
            if (await cond.WaitAsync())
            {
                result.Add(n);
                cond.Release();
            }
        }
        loop.CreateTask(C(1));
        loop.CreateTask(C(2));
        loop.CreateTask(C(3));
        RunBriefly(loop);
        Assert.Empty(result);
        for (int expected = 1; expected <= 3; expected++)
        {
            Assert.True(Now(cond.AcquireAsync()));
            cond.Notify(1);
            cond.Release();
            RunBriefly(loop);
            Assert.Equal(expected, result.Count);
        }
        Assert.Equal(new[] { 1, 2, 3 }, result);
    }

    [Fact]
    public void NotifyAllWakesEveryone()
    {
        using var loop = new EventLoop();
        var cond = new Condition();
        var result = new List<int>();
        async FutureTask C(int n)
        {
            await cond.AcquireAsync();
            if (await cond.WaitAsync())
            {
                result.Add(n);
                cond.Release();
            }
        }
        loop.CreateTask(C(1));
        loop.CreateTask(C(2));
        RunBriefly(loop);
        Assert.Empty(result);
        Assert.True(Now(cond.AcquireAsync()));
        cond.NotifyAll();
        cond.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 1, 2 }, result);
    }

    [Fact]
    public void NotifyUnacquiredThrows()
    {
        var cond = new Condition();
        Assert.Equal("cannot notify on un-acquired lock", Assert.Throws<InvalidOperationException>(() => cond.Notify()).Message);
        Assert.Throws<InvalidOperationException>(() => cond.NotifyAll());
    }

    [Fact]
    public void Repr()
    {
        using var loop = new EventLoop();
        var cond = new Condition();
        Assert.Equal("<Condition [unlocked]>", cond.ToString());
        Assert.True(Now(cond.AcquireAsync()));
        Assert.Equal("<Condition [locked]>", cond.ToString());
        cond.Release();
        loop.CreateTask(async () =>
        {
            await cond.AcquireAsync();
            await cond.WaitAsync();
        });
        RunBriefly(loop);
        Assert.Equal("<Condition [unlocked, waiters:1]>", cond.ToString());
    }

    [Fact]
    public void UsingFormAndAnExplicitLock()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        var cond = new Condition(lk);
        Run(loop, async () =>
        {
            using (await cond.LockAsync())
            {
                Assert.True(lk.Locked);
                Assert.True(cond.Locked);
            }
        });
        Assert.False(lk.Locked);
    }
}
