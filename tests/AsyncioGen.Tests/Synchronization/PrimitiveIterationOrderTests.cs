using System.Collections.Generic;

namespace AsyncioGen.Tests.Synchronization;

/// <summary>
/// The iterations in which contended Lock, Semaphore and Event waits resume, also when cancelled while
/// waiting and while being woken, against asyncio's: the expected log is what
/// primitives_iteration_order.py (beside this file) prints with CPython.
/// </summary>
public class PrimitiveIterationOrderTests
{
    [Fact]
    public void ContendedLockSemaphoreAndEventResumeInAsyncioIterations()
    {
        using var loop = new EventLoop();
        OrderLog log = OrderLog.Start(loop);
        var lk = new Lock();
        var sem = new Semaphore(1);
        var ev = new Event();
        var tasks = new Dictionary<string, FutureTask>();

        async FutureTask Locker(string name, int hold)
        {
            log.Add(name + " acquire");
            using (await lk.LockAsync())
            {
                log.Add(name + " locked");
                for (int i = 0; i < hold; i++)
                {
                    await Asyncio.Sleep(0);
                }
            }
            log.Add(name + " unlocked");
        }

        async FutureTask Limited(string name, int hold)
        {
            log.Add(name + " sem acquire");
            try
            {
                using (await sem.LockAsync())
                {
                    log.Add(name + " sem in");
                    for (int i = 0; i < hold; i++)
                    {
                        await Asyncio.Sleep(0);
                    }
                }
                log.Add(name + " sem out");
            }
            catch (CancelledError)
            {
                log.Add(name + " sem cancelled");
            }
        }

        async FutureTask EventWaiter(string name)
        {
            log.Add(name + " ev wait");
            await ev.WaitAsync();
            log.Add(name + " ev set");
        }

        async FutureTask Driver()
        {
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
            tasks["s3"].Cancel();            // cancelled while waiting
            log.Add("cancel s3");
            await Asyncio.Sleep(0);
            tasks["s2"].Cancel();            // s1 released just before, in this iteration: s2 is being woken
            log.Add("cancel s2");
            await Asyncio.Sleep(0);
            ev.Set();
            log.Add("ev set");
            ev.Clear();
            log.Add("ev clear");
        }

        loop.CreateTask(Locker("l1", 2));
        loop.CreateTask(Locker("l2", 1));
        loop.CreateTask(Locker("l3", 0));
        loop.CreateTask(Limited("s1", 3));
        tasks["s2"] = loop.CreateTask(Limited("s2", 0));
        tasks["s3"] = loop.CreateTask(Limited("s3", 0));
        loop.CreateTask(Limited("s4", 0));
        loop.CreateTask(EventWaiter("e1"));
        loop.CreateTask(EventWaiter("e2"));
        loop.CreateTask(Driver());
        log.Run(12);

        Assert.Equal(
            new[]
            {
                "it1", "l1 acquire", "l1 locked", "l2 acquire", "l3 acquire", "s1 sem acquire", "s1 sem in",
                "s2 sem acquire", "s3 sem acquire", "s4 sem acquire", "e1 ev wait", "e2 ev wait", "it2", "it3",
                "l1 unlocked", "cancel s3", "it4", "l2 locked", "s1 sem out", "s3 sem cancelled", "cancel s2",
                "it5", "l2 unlocked", "s2 sem cancelled", "ev set", "ev clear", "it6", "l3 locked", "l3 unlocked",
                "s4 sem in", "s4 sem out", "e1 ev set", "e2 ev set", "it7", "it8", "it9", "it10", "it11", "it12",
            },
            log.Entries);
    }
}
