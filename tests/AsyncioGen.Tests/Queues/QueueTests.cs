using System;
using System.Collections.Generic;
using AsyncioGen.Tests.Core.Support;
using static AsyncioGen.Tests.Synchronization.SyncLoops;

namespace AsyncioGen.Tests.Queues;

/// <summary>asyncio's <c>test_queues.py</c> (3.13, shutdown included), ported case by case.</summary>
public class QueueTests
{
    private static T GetNow<T>(Queue<T> q)
    {
        QueueGetAwaiter<T> awaiter = q.GetAsync().GetAwaiter();
        Assert.True(awaiter.IsCompleted);
        return awaiter.GetResult();
    }

    [Fact]
    public void Repr()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        Assert.Equal("<Queue maxsize=0>", q.ToString());
        Assert.Equal("<Queue maxsize=5>", new Queue<int>(5).ToString());
        q.PutNowait(1);
        q.PutNowait(2);
        Assert.Equal("<Queue maxsize=0 _queue=[1, 2] tasks=2>", q.ToString());
        q.GetNowait();
        q.GetNowait();
        loop.CreateTask(async () => await q.GetAsync());
        RunBriefly(loop);
        Assert.Equal("<Queue maxsize=0 _getters[1] tasks=2>", q.ToString());
        var full = new Queue<string>(1);
        full.PutNowait("a");
        loop.CreateTask(async () => { await full.PutAsync("b"); });
        RunBriefly(loop);
        Assert.Equal("<Queue maxsize=1 _queue=['a'] _putters[1] tasks=1>", full.ToString());
        full.Shutdown();
        Assert.EndsWith(" shutdown>", full.ToString());
    }

    [Fact]
    public void EmptyAndQSize()
    {
        var q = new Queue<int>();
        Assert.True(q.Empty);
        q.PutNowait(1);
        Assert.False(q.Empty);
        Assert.Equal(1, q.QSize);
        Assert.Equal(1, q.GetNowait());
        Assert.True(q.Empty);
    }

    [Fact]
    public void Full()
    {
        var q = new Queue<int>();
        Assert.False(q.Full);
        var bounded = new Queue<int>(1);
        bounded.PutNowait(1);
        Assert.True(bounded.Full);
        Assert.Equal(1, bounded.MaxSize);
    }

    [Fact]
    public void FifoOrder()
    {
        var q = new Queue<int>();
        foreach (int i in new[] { 1, 3, 2 })
        {
            q.PutNowait(i);
        }
        Assert.Equal(new[] { 1, 3, 2 }, new[] { q.GetNowait(), q.GetNowait(), q.GetNowait() });
    }

    [Fact]
    public void MaxSizeBlocksThePutter()
    {
        // asyncio's test_maxsize: a producer of three items into a queue of two.
        using var loop = new EventLoop();
        var q = new Queue<int>(2);
        Assert.Equal(2, q.MaxSize);
        var have = new List<int>();
        FutureTask producer = loop.CreateTask(async () =>
        {
            for (int i = 0; i < 3; i++)
            {
                await q.PutAsync(i);
                have.Add(i);
            }
        });
        RunBriefly(loop);
        Assert.Equal(new[] { 0, 1 }, have);
        Assert.True(q.Full);
        Assert.Equal(0, q.GetNowait());
        RunBriefly(loop);
        Assert.Equal(new[] { 0, 1, 2 }, have);
        Assert.True(producer.IsDone);
        Assert.Equal(1, q.GetNowait());
        Assert.Equal(2, q.GetNowait());
    }

    [Fact]
    public void GetOfAnAvailableItemDoesNotSuspendOrAllocateAWaiter()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>(4);
        var counter = IterationCounter.Start(loop);
        int before = 0;
        int after = 0;
        int got = Run(loop, async () =>
        {
            await Asyncio.Sleep(0);
            before = counter.Iteration;
            await q.PutAsync(1);
            await q.PutAsync(2);
            int sum = await q.GetAsync() + await q.GetAsync();
            after = counter.Iteration;
            return sum;
        });
        counter.Stop();
        Assert.Equal(3, got);
        Assert.Equal(before, after);
    }

    [Fact]
    public void BlockingGetWaitsForAPut()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        bool finished = false;
        FutureTask<int> getter = loop.CreateTask(async () =>
        {
            int item = await q.GetAsync();
            finished = true;
            return item;
        });
        RunBriefly(loop);
        Assert.False(finished);
        loop.CallLater(0.01, () => q.PutNowait(1));
        Assert.Equal(1, loop.RunUntilComplete(getter));
        Assert.True(finished);
    }

    [Fact]
    public void GetWithAWaitingPutterWakesIt()
    {
        // asyncio's test_get_with_putters
        using var loop = new EventLoop();
        var q = new Queue<int>(1);
        q.PutNowait(1);
        FutureTask putter = loop.CreateTask(async () => { await q.PutAsync(2); });
        RunBriefly(loop);
        Assert.Contains("_putters[1]", q.ToString());
        Assert.Equal(1, GetNow(q));
        RunBriefly(loop);
        Assert.True(putter.IsDone);
        Assert.Equal(2, q.GetNowait());
    }

    [Fact]
    public void GetNowaitOnEmptyThrowsQueueEmpty()
    {
        var q = new Queue<int>();
        Assert.Throws<QueueEmpty>(() => q.GetNowait());
        q.PutNowait(1);
        Assert.Equal(1, q.GetNowait());
    }

    [Fact]
    public void PutNowaitOnFullThrowsQueueFull()
    {
        var q = new Queue<int>(1);
        q.PutNowait(1);
        Assert.Throws<QueueFull>(() => q.PutNowait(2));
        Assert.Equal(1, q.QSize);
    }

    [Fact]
    public void CancelledGetterIsRemoved()
    {
        // asyncio's test_cancelled_getters_not_being_held_in_self_getters
        using var loop = new EventLoop();
        var q = new Queue<int>(5);
        Assert.Throws<TimeoutException>(() => Run(loop, async () => await Asyncio.WaitFor(q.GetAsync(), 0.01)));
        Assert.Equal("<Queue maxsize=5>", q.ToString());
    }

    [Fact]
    public void CancelledPutterIsRemovedAndItsItemNotAdded()
    {
        // asyncio's test_cancelled_puts_not_being_held_in_self_putters / test_put_cancelled
        using var loop = new EventLoop();
        var q = new Queue<int>(1);
        q.PutNowait(1);
        FutureTask put = loop.CreateTask(async () => { await q.PutAsync(2); });
        RunBriefly(loop);
        put.Cancel();
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(put));
        Assert.Equal("<Queue maxsize=1 _queue=[1] tasks=1>", q.ToString());
        Assert.Equal(1, q.GetNowait());
        Assert.True(q.Empty);
    }

    [Fact]
    public void GetCancelledRace()
    {
        // asyncio's test_get_cancelled_race: t1 and t2 wait, t1 is cancelled, the item goes to t2.
        using var loop = new EventLoop();
        var q = new Queue<string>();
        FutureTask<string> t1 = loop.CreateTask(async () => await q.GetAsync());
        FutureTask<string> t2 = loop.CreateTask(async () => await q.GetAsync());
        RunBriefly(loop);
        t1.Cancel();
        RunBriefly(loop);
        Assert.True(t1.IsCancelled);
        q.PutNowait("a");
        RunBriefly(loop);
        Assert.Equal("a", t2.GetResult());
    }

    [Fact]
    public void GetterCancelledWhileBeingWokenPassesTheItemOn()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        FutureTask<int> t1 = loop.CreateTask(async () => await q.GetAsync());
        FutureTask<int> t2 = loop.CreateTask(async () => await q.GetAsync());
        RunBriefly(loop);
        q.PutNowait(7);   // wakes t1
        t1.Cancel();      // ... which is cancelled before it takes the item
        RunBriefly(loop);
        Assert.True(t1.IsCancelled);
        Assert.False(t2.IsDone);   // woken by t1's hand-on: it resumes the iteration after (as asyncio)
        RunBriefly(loop);
        Assert.Equal(7, t2.GetResult());
        Assert.True(q.Empty);
    }

    [Fact]
    public void PutterCancelledWhileBeingWokenPassesTheSlotOn()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>(1);
        q.PutNowait(0);
        FutureTask p1 = loop.CreateTask(async () => { await q.PutAsync(1); });
        FutureTask p2 = loop.CreateTask(async () => { await q.PutAsync(2); });
        RunBriefly(loop);
        Assert.Equal(0, q.GetNowait());  // wakes p1
        p1.Cancel();                     // ... cancelled before it puts
        RunBriefly(loop);
        Assert.True(p1.IsCancelled);
        Assert.False(p2.IsDone);         // woken by p1's hand-on: it resumes the iteration after (as asyncio)
        RunBriefly(loop);
        Assert.True(p2.IsDone);
        Assert.Equal(2, q.GetNowait());
    }

    [Fact]
    public void WokenGetterThatLosesTheItemWaitsAgain()
    {
        // A put wakes the waiting getter, but another task takes the item first (asyncio: the woken
        // getter finds the queue empty and queues again at the back).
        using var loop = new EventLoop();
        var q = new Queue<int>();
        FutureTask<int> waiting = loop.CreateTask(async () => await q.GetAsync());
        RunBriefly(loop);
        q.PutNowait(1);
        Assert.Equal(1, q.GetNowait());
        RunBriefly(loop);
        Assert.False(waiting.IsDone);
        Assert.Contains("_getters[1]", q.ToString());
        q.PutNowait(2);
        RunBriefly(loop);
        Assert.Equal(2, waiting.GetResult());
    }

    [Fact]
    public void WhyAreGettersWaiting()
    {
        // asyncio's test_why_are_getters_waiting: consumers and a producer; every item is consumed.
        using var loop = new EventLoop();
        var q = new Queue<int>(2);
        int consumed = 0;
        async FutureTask Consumer(int n)
        {
            for (int i = 0; i < n; i++)
            {
                await q.GetAsync();
                consumed++;
            }
        }
        async FutureTask Producer(int n)
        {
            for (int i = 0; i < n; i++)
            {
                await q.PutAsync(i);
            }
        }
        loop.RunUntilComplete(Asyncio.Gather(loop.CreateTask(Consumer(3)), loop.CreateTask(Consumer(2)), loop.CreateTask(Producer(5))));
        Assert.Equal(5, consumed);
        Assert.Equal("<Queue maxsize=2 tasks=5>", q.ToString());
    }

    [Fact]
    public void WhyArePuttersWaiting()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>(1);
        var got = new List<int>();
        async FutureTask Putter(int item) => await q.PutAsync(item);
        async FutureTask Getter()
        {
            for (int i = 0; i < 4; i++)
            {
                got.Add(await q.GetAsync());
            }
        }
        loop.RunUntilComplete(Asyncio.Gather(
            loop.CreateTask(Putter(1)), loop.CreateTask(Putter(2)), loop.CreateTask(Putter(3)), loop.CreateTask(Putter(4)),
            loop.CreateTask(Getter())));
        Assert.Equal(new[] { 1, 2, 3, 4 }, got);
    }

    [Fact]
    public void PutWithWaitingGettersHandsTheItemToTheFirst()
    {
        using var loop = new EventLoop();
        var q = new Queue<string>();
        FutureTask<string> t1 = loop.CreateTask(async () => await q.GetAsync());
        FutureTask<string> t2 = loop.CreateTask(async () => await q.GetAsync());
        RunBriefly(loop);
        Run(loop, async () =>
        {
            await q.PutAsync("a");
            await q.PutAsync("b");
        });
        RunBriefly(loop);
        Assert.Equal("a", t1.GetResult());
        Assert.Equal("b", t2.GetResult());
    }

    [Fact]
    public void LifoQueueOrder()
    {
        var q = new LifoQueue<int>();
        foreach (int i in new[] { 1, 3, 2 })
        {
            q.PutNowait(i);
        }
        Assert.Equal("<LifoQueue maxsize=0 _queue=[1, 3, 2] tasks=3>", q.ToString());
        Assert.Equal(new[] { 2, 3, 1 }, new[] { q.GetNowait(), q.GetNowait(), q.GetNowait() });
    }

    [Fact]
    public void PriorityQueueOrder()
    {
        var q = new PriorityQueue<int>();
        foreach (int i in new[] { 1, 3, 2 })
        {
            q.PutNowait(i);
        }
        Assert.Equal("<PriorityQueue maxsize=0 _queue=[1, 3, 2] tasks=3>", q.ToString());
        Assert.Equal(new[] { 1, 2, 3 }, new[] { q.GetNowait(), q.GetNowait(), q.GetNowait() });
    }

    [Fact]
    public void PriorityQueueWithTuplesAndAComparer()
    {
        var tuples = new PriorityQueue<(int Priority, string Name)>();
        tuples.PutNowait((2, "b"));
        tuples.PutNowait((1, "z"));
        tuples.PutNowait((1, "a"));
        Assert.Equal((1, "a"), tuples.GetNowait());
        Assert.Equal((1, "z"), tuples.GetNowait());
        var descending = new PriorityQueue<int>(comparer: Comparer<int>.Create((x, y) => y.CompareTo(x)));
        descending.PutNowait(1);
        descending.PutNowait(5);
        descending.PutNowait(3);
        Assert.Equal(5, descending.GetNowait());
    }

    [Fact]
    public void PriorityQueueKeepsHeapqArrayOrder()
    {
        // The same pushes and pops as Python's heapq leave the same array (asyncio's repr shows it).
        var q = new PriorityQueue<int>();
        foreach (int i in new[] { 5, 9, 1, 7, 3, 8, 2 })
        {
            q.PutNowait(i);
        }
        Assert.Equal(1, q.GetNowait());
        // python3 -c "import heapq;h=[];[heapq.heappush(h,i) for i in [5,9,1,7,3,8,2]];heapq.heappop(h);print(h)"
        Assert.Equal("<PriorityQueue maxsize=0 _queue=[2, 3, 5, 9, 7, 8] tasks=7>", q.ToString());
    }

    [Fact]
    public void TaskDoneUnderflowThrows()
    {
        var q = new Queue<int>();
        Assert.Equal("TaskDone() called too many times", Assert.Throws<InvalidOperationException>(() => q.TaskDone()).Message);
    }

    [Fact]
    public void JoinWaitsForEveryTaskDone()
    {
        // asyncio's test_task_done
        using var loop = new EventLoop();
        var q = new Queue<int>();
        for (int i = 0; i < 100; i++)
        {
            q.PutNowait(i);
        }
        int accumulator = 0;
        bool running = true;
        async FutureTask Worker()
        {
            while (running)
            {
                int item = await q.GetAsync();
                accumulator += item;
                q.TaskDone();
            }
        }
        FutureTask w1 = loop.CreateTask(Worker());
        FutureTask w2 = loop.CreateTask(Worker());
        Run(loop, async () => { await q.JoinAsync(); });
        Assert.Equal(4950, accumulator);
        running = false;
        q.PutNowait(0);
        q.PutNowait(0);
        loop.RunUntilComplete(Asyncio.Gather(w1, w2));
    }

    [Fact]
    public void JoinOnAnEmptyQueueDoesNotSuspend()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        Assert.True(Now(q.JoinAsync()));
        q.PutNowait(1);
        q.GetNowait();
        q.TaskDone();
        Assert.True(Now(q.JoinAsync()));
    }

    [Fact]
    public void ShutdownEmptyQueue()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        q.Shutdown();
        Assert.True(q.IsShutdown);
        Assert.Throws<QueueShutDown>(() => q.PutNowait(1));
        Assert.Throws<QueueShutDown>(() => q.GetNowait());
        Assert.Throws<QueueShutDown>(() => Run(loop, async () => { await q.PutAsync(1); }));
        Assert.Throws<QueueShutDown>(() => Run(loop, async () => await q.GetAsync()));
    }

    [Fact]
    public void ShutdownNonEmptyQueueStillHandsOutItsItems()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        q.PutNowait(1);
        q.PutNowait(2);
        q.Shutdown();
        Assert.Throws<QueueShutDown>(() => q.PutNowait(3));
        Assert.Equal(1, q.GetNowait());
        Assert.Equal(2, Run(loop, async () => await q.GetAsync()));
        Assert.Throws<QueueShutDown>(() => q.GetNowait());
        Assert.Equal("<Queue maxsize=0 tasks=2 shutdown>", q.ToString());
    }

    [Fact]
    public void ShutdownImmediateDropsItemsAndReleasesJoin()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        q.PutNowait(1);
        q.PutNowait(2);
        FutureTask join = loop.CreateTask(async () => { await q.JoinAsync(); });
        RunBriefly(loop);
        Assert.False(join.IsDone);
        q.Shutdown(immediate: true);
        Assert.True(q.Empty);
        RunBriefly(loop);
        Assert.True(join.IsDone && !join.IsCancelled);
        Assert.Throws<QueueShutDown>(() => q.GetNowait());
        Assert.Throws<InvalidOperationException>(() => q.TaskDone());
    }

    [Fact]
    public void ShutdownImmediateWithUnfinishedTasksKeepsJoinWaiting()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        q.PutNowait(1);
        q.PutNowait(2);
        q.GetNowait();               // taken but not done
        FutureTask join = loop.CreateTask(async () => { await q.JoinAsync(); });
        q.Shutdown(immediate: true); // drops item 2
        RunBriefly(loop);
        Assert.False(join.IsDone);
        q.TaskDone();
        RunBriefly(loop);
        Assert.True(join.IsDone);
    }

    [Fact]
    public void ShutdownWakesWaitingGettersAndPutters()
    {
        using var loop = new EventLoop();
        var empty = new Queue<int>();
        var full = new Queue<int>(1);
        full.PutNowait(0);
        FutureTask<int> getter = loop.CreateTask(async () => await empty.GetAsync());
        FutureTask putter = loop.CreateTask(async () => { await full.PutAsync(1); });
        RunBriefly(loop);
        empty.Shutdown();
        full.Shutdown();
        RunBriefly(loop);
        Assert.IsType<QueueShutDown>(getter.GetException());
        Assert.IsType<QueueShutDown>(putter.GetException());
        Assert.Equal("<Queue maxsize=1 _queue=[0] tasks=1 shutdown>", full.ToString());
    }

    [Fact]
    public void ShutdownGetTaskDoneJoin()
    {
        // asyncio's test_shutdown_get_task_done_join: consumers drain what is left, join returns.
        using var loop = new EventLoop();
        var q = new Queue<int>(2);
        q.PutNowait(1);
        q.PutNowait(2);
        var got = new List<int>();
        async FutureTask Consumer()
        {
            while (true)
            {
                int item;
                try
                {
                    item = await q.GetAsync();
                }
                catch (QueueShutDown)
                {
                    return;
                }
                got.Add(item);
                q.TaskDone();
            }
        }
        FutureTask c1 = loop.CreateTask(Consumer());
        FutureTask c2 = loop.CreateTask(Consumer());
        q.Shutdown();
        Run(loop, async () => { await q.JoinAsync(); });
        loop.RunUntilComplete(Asyncio.Gather(c1, c2));
        Assert.Equal(new[] { 1, 2 }, got);
    }

    [Fact]
    public void CancellingTheTaskCancelsItsGetterFuture()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        FutureTask<int> task = loop.CreateTask(async () => await q.GetAsync());
        RunBriefly(loop);
        Assert.True(task.Cancel("bye"));
        Assert.Equal("bye", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task)).Message);
        Assert.Equal("<Queue maxsize=0>", q.ToString());
    }

    [Fact]
    public void BoundToTheFirstLoopThatWaits()
    {
        var q = new Queue<int>();
        using var loop = new EventLoop();
        FutureTask<int> waiting = loop.CreateTask(async () => await q.GetAsync());
        RunBriefly(loop);
        using var other = new EventLoop();
        var error = Assert.Throws<InvalidOperationException>(() => Run(other, async () => await q.GetAsync()));
        Assert.Equal("<Queue maxsize=0 _getters[1]> is bound to a different event loop", error.Message);
    }

    [Fact]
    public void GetAndPutConvertToTasks()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>(1);
        Run(loop, async () =>
        {
            Future<int> get = q.GetAsync();
            Future<bool> put = q.PutAsync(5);
            object?[] both = await Asyncio.Gather(get, put);
            Assert.Equal(5, both[0]);
            Assert.Equal(true, both[1]);
        });
    }

    [Fact]
    public void ABlockingGetResultOnAnEmptyQueueThrowsAndWithdrawsTheGetter()
    {
        using var loop = new EventLoop();
        var q = new Queue<int>();
        FutureTask<int> waiting = loop.CreateTask(async () => await q.GetAsync());
        RunBriefly(loop);
        Run(loop, async () =>
        {
            await Asyncio.Sleep(0);
            Assert.Throws<InvalidStateError>(() => Block(q.GetAsync()));
        });
        Assert.Equal("<Queue maxsize=0 _getters[1]>", q.ToString());
        q.PutNowait(3);
        Assert.Equal(3, loop.RunUntilComplete(waiting));
    }
}
