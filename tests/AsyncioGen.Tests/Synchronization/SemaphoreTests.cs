using System;
using System.Collections.Generic;
using AsyncioGen.Tests.Core.Support;
using static AsyncioGen.Tests.Synchronization.SyncLoops;

namespace AsyncioGen.Tests.Synchronization;

/// <summary>asyncio's <c>SemaphoreTests</c> and the BoundedSemaphore cases, ported.</summary>
public class SemaphoreTests
{
    [Fact]
    public void InitialValueZeroIsLocked()
    {
        var sem = new Semaphore(0);
        Assert.True(sem.Locked);
    }

    [Fact]
    public void NegativeInitialValueThrows()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Semaphore(-1));
        Assert.StartsWith("Semaphore initial value must be >= 0", error.Message);
    }

    [Fact]
    public void Repr()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore();
        Assert.Equal("<Semaphore [unlocked, value:1]>", sem.ToString());
        Assert.True(Now(sem.AcquireAsync()));
        Assert.Equal("<Semaphore [locked]>", sem.ToString());
        loop.CreateTask(async () => { await sem.AcquireAsync(); });
        loop.CreateTask(async () => { await sem.AcquireAsync(); });
        RunBriefly(loop);
        Assert.Equal("<Semaphore [locked, waiters:2]>", sem.ToString());
        Assert.Equal("<BoundedSemaphore [unlocked, value:3]>", new BoundedSemaphore(3).ToString());
    }

    [Fact]
    public void AcquireAndRelease()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore();
        Assert.Equal(1, sem.Value);
        Assert.True(Run(loop, async () => await sem.AcquireAsync()));
        Assert.True(sem.Locked);
        Assert.Equal(0, sem.Value);
        sem.Release();
        Assert.False(sem.Locked);
        Assert.Equal(1, sem.Value);
    }

    [Fact]
    public void ValueCountsDownToLocked()
    {
        var sem = new Semaphore(3);
        Now(sem.AcquireAsync());
        Assert.Equal(2, sem.Value);
        Now(sem.AcquireAsync());
        Now(sem.AcquireAsync());
        Assert.Equal(0, sem.Value);
        Assert.True(sem.Locked);
        sem.Release();
        sem.Release();
        Assert.Equal(2, sem.Value);
    }

    [Fact]
    public void WaitersAreServedInFifoOrder()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore(3);
        var result = new List<int>();
        Assert.True(Now(sem.AcquireAsync()));
        Assert.True(Now(sem.AcquireAsync()));
        Assert.False(sem.Locked);
        async FutureTask C(int n)
        {
            await sem.AcquireAsync();
            result.Add(n);
        }
        FutureTask t1 = loop.CreateTask(C(1));
        FutureTask t2 = loop.CreateTask(C(2));
        FutureTask t3 = loop.CreateTask(C(3));
        RunBriefly(loop);
        Assert.Equal(new[] { 1 }, result);
        Assert.True(sem.Locked);
        Assert.Equal(0, sem.Value);
        Assert.True(t1.IsDone);
        Assert.False(t2.IsDone);

        FutureTask t4 = loop.CreateTask(C(4));
        sem.Release();
        sem.Release();
        Assert.Equal(0, sem.Value); // both taken on behalf of the woken waiters
        RunBriefly(loop);
        Assert.Equal(new[] { 1, 2, 3 }, result);
        Assert.False(t4.IsDone);
        sem.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 1, 2, 3, 4 }, result);
    }

    [Fact]
    public void AcquireCancelRemovesTheWaiter()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore();
        Now(sem.AcquireAsync());
        FutureTask<bool> acquire = loop.CreateTask(async () => await sem.AcquireAsync());
        loop.CallSoon(() => acquire.Cancel());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(acquire));
        Assert.Equal("<Semaphore [locked]>", sem.ToString());
        Assert.Equal(0, sem.Value);
    }

    [Fact]
    public void CancelledWaitersAreSkippedOnRelease()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore(0);
        var got = new List<int>();
        async FutureTask C(int n)
        {
            await sem.AcquireAsync();
            got.Add(n);
        }
        FutureTask t1 = loop.CreateTask(C(1));
        FutureTask t2 = loop.CreateTask(C(2));
        FutureTask t3 = loop.CreateTask(C(3));
        FutureTask t4 = loop.CreateTask(C(4));
        RunBriefly(loop);
        t1.Cancel();
        t2.Cancel();
        sem.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 3 }, got);
        Assert.True(t1.IsCancelled && t2.IsCancelled);
        Assert.False(t4.IsDone);
        sem.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 3, 4 }, got);
    }

    [Fact]
    public void AcquireCancelledBeforeAwokenPassesTheCountOn()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore(0);
        var got = new List<int>();
        async FutureTask C(int n)
        {
            await sem.AcquireAsync();
            got.Add(n);
        }
        FutureTask t1 = loop.CreateTask(C(1));
        FutureTask t2 = loop.CreateTask(C(2));
        RunBriefly(loop);
        sem.Release();  // wakes t1, taking the count for it
        t1.Cancel();    // ... cancelled before it runs: the count goes back and on to t2
        RunBriefly(loop);
        Assert.True(t1.IsCancelled);
        Assert.Empty(got);   // t2 is woken by t1's hand-on and runs the iteration after (as asyncio)
        RunBriefly(loop);
        Assert.Equal(new[] { 2 }, got);
        Assert.Equal(0, sem.Value);
    }

    [Fact]
    public void AcquireHang()
    {
        // asyncio's test_acquire_hang: a cancelled waiter must not leave the semaphore stuck.
        using var loop = new EventLoop();
        var sem = new Semaphore(0);
        FutureTask<bool> t1 = loop.CreateTask(async () => await sem.AcquireAsync());
        FutureTask<bool> t2 = loop.CreateTask(async () => await sem.AcquireAsync());
        RunBriefly(loop);
        sem.Release();
        t1.Cancel();
        RunBriefly(loop);
        Assert.True(t1.IsCancelled);
        Assert.False(t2.IsDone);
        RunBriefly(loop);
        Assert.True(t2.IsDone && t2.GetResult());
        Assert.True(sem.Locked);
    }

    [Fact]
    public void AcquireNoHang()
    {
        // asyncio's test_acquire_no_hang: cancelling a waiter that was about to be woken, then releasing.
        using var loop = new EventLoop();
        var sem = new Semaphore(1);
        async FutureTask Worker()
        {
            using (await sem.LockAsync())
            {
                await Asyncio.Sleep(0);
            }
        }
        FutureTask a = loop.CreateTask(Worker());
        FutureTask b = loop.CreateTask(Worker());
        RunBriefly(loop, 2);
        Assert.True(a.IsDone && !b.IsDone);
        Assert.True(sem.Locked);
        RunBriefly(loop);
        Assert.False(b.IsDone);
        RunBriefly(loop);
        Assert.True(a.IsDone && b.IsDone);
        Assert.False(sem.Locked);
        Assert.Equal(1, sem.Value);
    }

    [Fact]
    public void ReleaseWithoutWaiters()
    {
        var sem = new Semaphore();
        Now(sem.AcquireAsync());
        Assert.True(sem.Locked);
        sem.Release();
        Assert.False(sem.Locked);
    }

    [Fact]
    public void UnboundedReleaseRaisesTheValue()
    {
        var sem = new Semaphore(1);
        sem.Release();
        sem.Release();
        Assert.Equal(3, sem.Value);
    }

    [Fact]
    public void BoundedSemaphoreRefusesOverRelease()
    {
        var sem = new BoundedSemaphore();
        var error = Assert.Throws<InvalidOperationException>(() => sem.Release());
        Assert.Equal("BoundedSemaphore released too many times", error.Message);
        Now(sem.AcquireAsync());
        sem.Release();
        Assert.Throws<InvalidOperationException>(() => sem.Release());
        Assert.Equal(1, sem.Value);
    }

    [Fact]
    public void UsingFormLimitsConcurrency()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore(2);
        int inside = 0;
        int peak = 0;
        async FutureTask Worker()
        {
            using (await sem.LockAsync())
            {
                inside++;
                peak = Math.Max(peak, inside);
                await Asyncio.Sleep(0);
                inside--;
            }
        }
        var tasks = new List<Future>();
        for (int i = 0; i < 7; i++)
        {
            tasks.Add(loop.CreateTask(Worker()));
        }
        loop.RunUntilComplete(Asyncio.Gather(tasks.ToArray()));
        Assert.Equal(2, peak);
        Assert.Equal(2, sem.Value);
    }

    [Fact]
    public void UsingFormReleasesOnException()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore(1);
        Assert.Throws<InvalidOperationException>(() => Run(loop, async () =>
        {
            using (await sem.LockAsync())
            {
                throw new InvalidOperationException("boom");
            }
        }));
        Assert.Equal(1, sem.Value);
    }

    [Fact]
    public void ReleaseFifoNowait()
    {
        // asyncio's test_release_fifo_nowait: a newcomer after release() waits behind the woken waiter.
        using var loop = new EventLoop();
        var sem = new Semaphore(1);
        var order = new List<int>();
        async FutureTask C(int n)
        {
            await sem.AcquireAsync();
            order.Add(n);
            sem.Release();
        }
        Now(sem.AcquireAsync());
        FutureTask t1 = loop.CreateTask(C(1));
        RunBriefly(loop);
        sem.Release();
        Assert.True(sem.Locked);     // the woken waiter has the count
        FutureTask t2 = loop.CreateTask(C(2));
        RunBriefly(loop);
        Assert.Equal(new[] { 1, 2 }, order);
    }

    [Fact]
    public void NewcomerQueuesBehindWaitersEvenWithAPositiveCount()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore(0);
        FutureTask waiter = loop.CreateTask(async () => { await sem.AcquireAsync(); });
        RunBriefly(loop);
        sem.Release();          // count goes to the waiter
        sem.Release();          // count 1, but FIFO: ...
        Assert.Equal(1, sem.Value);
        Assert.True(sem.Locked); // ... a waiter that is not cancelled is still listed
        RunBriefly(loop);
        Assert.True(waiter.IsDone);
        Assert.False(sem.Locked);
        Assert.True(Now(sem.AcquireAsync()));
    }

    [Fact]
    public void AcquireFifoOrderWithManyReleases()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore(0);
        var order = new List<int>();
        for (int i = 0; i < 5; i++)
        {
            int n = i;
            loop.CreateTask(async () =>
            {
                await sem.AcquireAsync();
                order.Add(n);
            });
        }
        RunBriefly(loop);
        for (int i = 0; i < 5; i++)
        {
            sem.Release();
        }
        RunBriefly(loop);
        Assert.Equal(new[] { 0, 1, 2, 3, 4 }, order);
        Assert.Equal(0, sem.Value);
    }

    [Fact]
    public void AcquireFifoOrderAfterCancellation()
    {
        // asyncio's test_acquire_fifo_order_2/3: cancellations in the middle keep the others' order.
        using var loop = new EventLoop();
        var sem = new Semaphore(0);
        var order = new List<int>();
        var tasks = new List<FutureTask>();
        for (int i = 0; i < 4; i++)
        {
            int n = i;
            tasks.Add(loop.CreateTask(async () =>
            {
                await sem.AcquireAsync();
                order.Add(n);
            }));
        }
        RunBriefly(loop);
        tasks[1].Cancel();
        sem.Release();
        sem.Release();
        tasks[2].Cancel(); // woken already by the second release: its count goes on to task 3
        sem.Release();
        RunBriefly(loop);
        Assert.Equal(new[] { 0, 3 }, order);
        Assert.Equal(1, sem.Value);
        Assert.False(sem.Locked);
    }

    [Fact]
    public void UncontendedAcquireDoesNotSuspend()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore(2);
        var counter = IterationCounter.Start(loop);
        int before = 0;
        int after = 0;
        Run(loop, async () =>
        {
            await Asyncio.Sleep(0);
            before = counter.Iteration;
            await sem.AcquireAsync();
            using (await sem.LockAsync())
            {
            }
            sem.Release();
            after = counter.Iteration;
        });
        counter.Stop();
        Assert.Equal(before, after);
        Assert.Equal(2, sem.Value);
    }

    [Fact]
    public void CancellingTheTaskCancelsItsWaiterFuture()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore(0);
        FutureTask task = loop.CreateTask(async () => { await sem.AcquireAsync(); });
        RunBriefly(loop);
        Assert.True(task.Cancel("enough"));
        Assert.Equal("enough", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task)).Message);
        Assert.Equal("<Semaphore [locked]>", sem.ToString());
    }

    [Fact]
    public void BoundToTheFirstLoopThatWaits()
    {
        var sem = new Semaphore(0);
        using (var loop = new EventLoop())
        {
            FutureTask waiter = loop.CreateTask(async () => { await sem.AcquireAsync(); });
            RunBriefly(loop);
            sem.Release();
            loop.RunUntilComplete(waiter);
        }
        using var other = new EventLoop();
        var error = Assert.Throws<InvalidOperationException>(() => Run(other, async () => { await sem.AcquireAsync(); }));
        Assert.Equal("<Semaphore [locked]> is bound to a different event loop", error.Message);
    }

    [Fact]
    public void AcquireConvertsToATaskForWaitFor()
    {
        using var loop = new EventLoop();
        var sem = new Semaphore(0);
        Assert.Throws<TimeoutException>(() => Run(loop, async () => await Asyncio.WaitFor(sem.AcquireAsync(), 0.01)));
        Assert.Equal("<Semaphore [locked]>", sem.ToString()); // the timed-out waiter is gone
        sem.Release();
        Assert.True(Run(loop, async () => await Asyncio.WaitFor(sem.AcquireAsync().AsTask(), 1)));
    }

    [Fact]
    public void BoundedSemaphoreWaitersWork()
    {
        using var loop = new EventLoop();
        var sem = new BoundedSemaphore(1);
        Now(sem.AcquireAsync());
        FutureTask<bool> waiter = loop.CreateTask(async () => await sem.AcquireAsync());
        RunBriefly(loop);
        sem.Release();
        loop.RunUntilComplete(waiter);
        Assert.True(waiter.GetResult());
        sem.Release();
        Assert.Throws<InvalidOperationException>(() => sem.Release());
    }
}
