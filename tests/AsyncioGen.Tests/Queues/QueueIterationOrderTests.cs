using AsyncioGen.Tests.Synchronization;

namespace AsyncioGen.Tests.Queues;

/// <summary>
/// The iteration in which woken getters and putters resume, against asyncio's: the expected logs are
/// what queue_iteration_order.py (beside this file) prints with CPython.
/// </summary>
public class QueueIterationOrderTests
{
    [Fact]
    public void WokenGettersAndPuttersResumeInAsyncioIterations()
    {
        using var loop = new EventLoop();
        OrderLog log = OrderLog.Start(loop);
        var q = new Queue<int>(maxSize: 1);

        async FutureTask Getter(string name)
        {
            log.Add(name + " get");
            int item = await q.GetAsync();
            log.Add(name + " got " + item);
        }

        async FutureTask Putter(string name, int item)
        {
            log.Add(name + " put " + item);
            await q.PutAsync(item);
            log.Add(name + " put " + item + " done");
        }

        async FutureTask Producer()
        {
            await Asyncio.Sleep(0);
            q.PutNowait(1);                // wakes g1
            log.Add("p put 1");
            int stolen = q.GetNowait();    // takes the item before g1 resumes: g1 waits again, behind g2
            log.Add("p stole " + stolen);
            await Asyncio.Sleep(0);
            q.PutNowait(2);
            log.Add("p put 2");
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
            q.PutNowait(3);
            log.Add("p put 3");
            await Putter("p", 4);          // full: waits until a getter takes 3
            log.Add("p end");
        }

        loop.CreateTask(Getter("g1"));
        loop.CreateTask(Getter("g2"));
        loop.CreateTask(Producer());
        log.Run(10);
        loop.CreateTask(Getter("g3"));
        loop.CreateTask(Getter("g4"));
        log.Run(6);

        Assert.Equal(
            new[]
            {
                "it1", "g1 get", "g2 get", "it2", "p put 1", "p stole 1", "it3", "p put 2", "it4", "g2 got 2",
                "it5", "p put 3", "p put 4", "it6", "g1 got 3", "it7", "p put 4 done", "p end", "it8", "it9",
                "it10", "it11", "g3 get", "g3 got 4", "g4 get", "it12", "it13", "it14", "it15", "it16",
            },
            log.Entries);
    }

    [Fact]
    public void CancelWhileWokenJoinAndShutdownInAsyncioIterations()
    {
        // Expected: what queue_iteration_order_313.py (beside this file) prints with CPython 3.13.
        using var loop = new EventLoop();
        OrderLog log = OrderLog.Start(loop);
        var q = new Queue<int>();
        var bounded = new Queue<int>(maxSize: 1);
        var tasks = new System.Collections.Generic.Dictionary<string, FutureTask>();

        async FutureTask Getter(string name, Queue<int> queue)
        {
            log.Add(name + " get");
            try
            {
                int item = await queue.GetAsync();
                log.Add(name + " got " + item);
                queue.TaskDone();
                log.Add(name + " task_done");
            }
            catch (CancelledError)
            {
                log.Add(name + " cancelled");
            }
            catch (QueueShutDown)
            {
                log.Add(name + " shut down");
            }
        }

        async FutureTask Putter(string name, Queue<int> queue, int item)
        {
            log.Add(name + " put " + item);
            try
            {
                await queue.PutAsync(item);
                log.Add(name + " put " + item + " done");
            }
            catch (QueueShutDown)
            {
                log.Add(name + " shut down");
            }
        }

        async FutureTask Joiner()
        {
            log.Add("j join");
            await q.JoinAsync();
            log.Add("j joined");
        }

        async FutureTask Driver()
        {
            await Asyncio.Sleep(0);
            q.PutNowait(1);                       // wakes g1...
            log.Add("d put 1");
            tasks["g1"].Cancel();                 // ...which is cancelled before it resumes: g2 gets the item
            log.Add("d cancel g1");
            _ = loop.CreateTask(Joiner());        // waits until g2 marks the item done
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
            log.Add("d took " + bounded.GetNowait());   // wakes p1
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
            log.Add("d shutdown");
            bounded.Shutdown();                   // wakes the waiting putter p2
            q.Shutdown();                         // wakes the waiting getter g3
            log.Add("d end");
        }

        bounded.PutNowait(10);
        tasks["g1"] = loop.CreateTask(Getter("g1", q));
        loop.CreateTask(Getter("g2", q));
        loop.CreateTask(Getter("g3", q));
        loop.CreateTask(Driver());
        loop.CreateTask(Putter("p1", bounded, 11));
        loop.CreateTask(Putter("p2", bounded, 12));
        log.Run(8);

        Assert.Equal(
            new[]
            {
                "it1", "g1 get", "g2 get", "g3 get", "p1 put 11", "p2 put 12", "it2", "d put 1", "d cancel g1",
                "it3", "g1 cancelled", "j join", "it4", "g2 got 1", "g2 task_done", "d took 10", "it5", "j joined",
                "p1 put 11 done", "it6", "d shutdown", "d end", "it7", "p2 shut down", "g3 shut down", "it8",
            },
            log.Entries);
    }
}
