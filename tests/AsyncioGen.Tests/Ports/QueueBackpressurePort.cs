using System.Linq;

namespace AsyncioGen.Tests.Ports;

/// <summary>A bounded queue: the producer blocks while it is full; join() waits for every task_done.</summary>
public class QueueBackpressurePort
{
    private static async FutureTask Producer(PortedProgram py, Queue<int> q, int n)
    {
        for (int i = 0; i < n; i++)
        {
            py.Print($"put {i} (size {q.QSize})");
            await q.PutAsync(i);
        }
        py.Print("producer done");
    }

    private static async FutureTask Consumer(PortedProgram py, string name, Queue<int> q)
    {
        while (true)
        {
            int item = await q.GetAsync();
            py.Print($"{name} got {item}");
            await Asyncio.Sleep(0);
            q.TaskDone();
        }
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        var q = new Queue<int>(maxSize: 2);
        FutureTask[] consumers = Enumerable.Range(0, 2).Select(i => Asyncio.CreateTask(Consumer(py, $"c{i}", q))).ToArray();
        await Producer(py, q, 6);
        await q.JoinAsync();
        py.Print($"joined, empty={PortedProgram.Py(q.Empty)}");
        foreach (FutureTask c in consumers)
        {
            c.Cancel();
        }
        object?[] results = await Asyncio.Gather(returnExceptions: true, consumers);
        py.Print($"[{string.Join(", ", results.Select(r => $"'{r!.GetType().Name}'"))}]");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("queue_backpressure.py", MainAsync);
}
