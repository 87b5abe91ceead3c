using System.Collections.Generic;
using System.Linq;

namespace AsyncioGen.Tests.Ports;

/// <summary>Consumers waiting on a Condition, notified one then all; a PriorityQueue and a LifoQueue drained.</summary>
public class ConditionQueuePort
{
    private static async FutureTask Consumer(PortedProgram py, string name, Condition cond, List<string> items)
    {
        using (await cond.LockAsync())
        {
            while (items.Count == 0)
            {
                py.Print($"{name} waits");
                await cond.WaitAsync();
            }
            string item = items[0];
            items.RemoveAt(0);
            py.Print($"{name} got {item}");
        }
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        var cond = new Condition();
        var items = new List<string>();
        FutureTask[] tasks = Enumerable.Range(0, 3).Select(i => Asyncio.CreateTask(Consumer(py, $"c{i}", cond, items))).ToArray();
        await Asyncio.Sleep(0);
        using (await cond.LockAsync())
        {
            items.Add("first");
            cond.Notify();
        }
        await Asyncio.Sleep(0);
        using (await cond.LockAsync())
        {
            items.AddRange(new[] { "second", "third" });
            cond.NotifyAll();
        }
        await Asyncio.Gather(tasks);

        var pq = new PriorityQueue<int>();
        foreach (int p in new[] { 5, 1, 4, 2, 3 })
        {
            pq.PutNowait(p);
        }
        py.Print($"priority order: [{string.Join(", ", Enumerable.Range(0, pq.QSize).Select(_ => pq.GetNowait()))}]");
        var lq = new LifoQueue<int>();
        foreach (int p in new[] { 5, 1, 4 })
        {
            await lq.PutAsync(p);
        }
        var drained = new List<int>();
        for (int i = 0, n = lq.QSize; i < n; i++)
        {
            drained.Add(await lq.GetAsync());
        }
        py.Print($"lifo order: [{string.Join(", ", drained)}]");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("condition_queue.py", MainAsync);
}
