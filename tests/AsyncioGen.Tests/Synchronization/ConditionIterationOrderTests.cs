namespace AsyncioGen.Tests.Synchronization;

/// <summary>
/// The iterations in which Condition waits, notifications and predicate waits resume, against asyncio's:
/// the expected log is what condition_iteration_order.py (beside this file) prints with CPython.
/// </summary>
public class ConditionIterationOrderTests
{
    [Fact]
    public void WaitNotifyNotifyAllAndWaitForResumeInAsyncioIterations()
    {
        using var loop = new EventLoop();
        OrderLog log = OrderLog.Start(loop);
        var cond = new Condition();
        int state = 0;

        async FutureTask Waiter(string name)
        {
            using (await cond.LockAsync())
            {
                log.Add(name + " wait");
                await cond.WaitAsync();
                log.Add(name + " woke");
            }
            log.Add(name + " out");
        }

        async FutureTask PredicateWaiter(string name, int target)
        {
            using (await cond.LockAsync())
            {
                log.Add(name + " wait_for");
                bool result = await cond.WaitForAsync(() => state >= target);
                log.Add(name + " got " + (result ? "True" : "False") + " state=" + state);
            }
            log.Add(name + " out");
        }

        async FutureTask Notifier()
        {
            await Asyncio.Sleep(0);
            using (await cond.LockAsync())
            {
                cond.Notify(1);
                log.Add("n notify 1");
            }
            log.Add("n released");
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
            using (await cond.LockAsync())
            {
                state = 1;
                cond.NotifyAll();
                log.Add("n notify_all");
                await Asyncio.Sleep(0);   // keeps the lock one more iteration: the woken wait to re-acquire it
                log.Add("n still holds");
            }
            log.Add("n released");
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
            using (await cond.LockAsync())
            {
                state = 2;
                cond.Notify(2);
                log.Add("n notify 2");
            }
            log.Add("n end");
        }

        loop.CreateTask(Waiter("w1"));
        loop.CreateTask(Waiter("w2"));
        loop.CreateTask(PredicateWaiter("p1", 2));
        loop.CreateTask(Waiter("w3"));
        loop.CreateTask(Notifier());
        log.Run(16);

        Assert.Equal(
            new[]
            {
                "it1", "w1 wait", "w2 wait", "p1 wait_for", "w3 wait", "it2", "n notify 1", "n released",
                "it3", "w1 woke", "w1 out", "it4", "n notify_all", "it5", "n still holds", "n released",
                "it6", "w2 woke", "w2 out", "it7", "it8", "w3 woke", "w3 out", "n notify 2", "n end",
                "it9", "p1 got True state=2", "p1 out", "it10", "it11", "it12", "it13", "it14", "it15", "it16",
            },
            log.Entries);
    }
}
