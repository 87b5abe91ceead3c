using System;
using AsyncioGen.Tests.Core;

namespace AsyncioGen.Tests.Synchronization;

/// <summary>
/// The allocation goals of the primitives and queues, measured exactly with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/> inside a running coroutine, after a warm-up:
/// uncontended operations allocate nothing, a wait costs exactly its waiter future.
/// </summary>
[Collection("Allocation")]
public class PrimitiveAllocationTests
{
    private const int N = 1000;

    /// <summary>
    /// The bytes N more rounds cost: 2N rounds minus N rounds, each run by one coroutine call, so the
    /// call's own task cancels out.
    /// </summary>
    private static long Measure(EventLoop loop, Func<int, FutureTask> rounds)
    {
        long Run(int n)
        {
            long allocated = -1;
            loop.RunUntilComplete(loop.CreateTask(async () =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                await rounds(n);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }));
            return allocated;
        }
        Run(2 * N); // warm-up: JIT, buffers grown
        Run(N);
        return Run(2 * N) - Run(N);
    }

    [Fact]
    public void UncontendedLockAndSemaphoreAllocateNothing()
    {
        using var loop = new EventLoop();
        var lk = new Lock();
        var sem = new Semaphore(2);
        var bounded = new BoundedSemaphore(1);
        var ev = new Event();
        ev.Set();
        long allocated = Measure(loop, async n =>
        {
            for (int i = 0; i < n; i++)
            {
                await lk.AcquireAsync();
                lk.Release();
                using (await lk.LockAsync())
                {
                }
                await sem.AcquireAsync();
                sem.Release();
                using (await bounded.LockAsync())
                {
                }
                await ev.WaitAsync();
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void QueuePutAndGetWithoutWaitersAllocateNothing()
    {
        using var loop = new EventLoop();
        var fifo = new Queue<int>(16);
        var lifo = new LifoQueue<int>(16);
        var heap = new PriorityQueue<int>(16);
        long allocated = Measure(loop, async n =>
        {
            for (int i = 0; i < n; i++)
            {
                await fifo.PutAsync(i);
                await lifo.PutAsync(i);
                await heap.PutAsync(i);
                fifo.PutNowait(i);
                await fifo.GetAsync();
                fifo.GetNowait();
                await lifo.GetAsync();
                await heap.GetAsync();
                fifo.TaskDone();
                fifo.TaskDone();
                await fifo.JoinAsync();
            }
        });
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void AWaitingGetCostsExactlyItsGetterFuture()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        long getterSize = SizeOf(() => new QueueGetter<int>(q, loop));
        Assert.True(getterSize > 0);

        // The consumer always finds the queue empty: a callback puts an item only once it waits.
        int remaining = 0;
        Action<Queue<int>>? feed = null;
        feed = queue =>
        {
            if (queue.GetterCount > 0)
            {
                queue.PutNowait(remaining--);
            }
            if (remaining > 0)
            {
                loop.CallSoon(feed!, queue);
            }
        };
        long allocated = Measure(loop, async n =>
        {
            remaining = n;
            loop.CallSoon(feed, q);
            for (int i = 0; i < n; i++)
            {
                await q.GetAsync();
            }
        });
        Assert.Equal(N * getterSize, allocated);
    }

    [Fact]
    public void AWaitingPutCostsExactlyItsPutterFuture()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>(maxSize: 1);
        long putterSize = SizeOf(() => new QueuePutter<int>(q, 0, loop));
        Assert.True(putterSize > 0);

        // The producer always finds the queue full: a callback takes the item only once a put waits.
        int remaining = 0;
        Action<Queue<int>>? drain = null;
        drain = queue =>
        {
            if (queue.PutterCount > 0)
            {
                queue.GetNowait();
                remaining--;
            }
            if (remaining > 0)
            {
                loop.CallSoon(drain!, queue);
            }
        };
        long allocated = Measure(loop, async n =>
        {
            remaining = n;
            if (q.Empty)
            {
                q.PutNowait(-1);
            }
            loop.CallSoon(drain, q);
            for (int i = 0; i < n; i++)
            {
                await q.PutAsync(i);
            }
        });
        Assert.Equal(N * putterSize, allocated);
    }

    [Fact]
    public void AWaitingAcquireCostsExactlyItsWaiterFuture()
    {
        using var loop = new EventLoop();
        var ev = new Event();
        long waiterSize = SizeOf(() => new PrimitiveWaiter(ev, loop));

        // The waiter always finds the event clear; a callback sets and clears it once per iteration.
        int remaining = 0;
        Action<Event>? pulse = null;
        pulse = e =>
        {
            e.Set();
            e.Clear();
            if (remaining-- > 0)
            {
                loop.CallSoon(pulse!, e);
            }
        };
        long allocated = Measure(loop, async n =>
        {
            remaining = n;
            loop.CallSoon(pulse, ev);
            for (int i = 0; i < n; i++)
            {
                await ev.WaitAsync();
            }
        });
        Assert.Equal(N * waiterSize, allocated);
    }

    private static long SizeOf(Func<object> create)
    {
        create();
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(create());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
