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
}
