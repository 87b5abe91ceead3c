using System.Collections.Generic;
using System.Linq;

namespace AsyncioGen.Tests.Ports;

/// <summary>as_completed and wait(FIRST_COMPLETED) report completion order, not submission order.</summary>
public class CompletionOrderPort
{
    private static async FutureTask<string> Work(PortedProgram py, string name, double delay)
    {
        await Asyncio.Sleep(delay);
        py.Print($"{name} finished");
        return name;
    }

    private static string Sorted(IEnumerable<Future<string>> done) =>
        "[" + string.Join(", ", done.Select(t => $"'{t.GetResult()}'").Order(System.StringComparer.Ordinal)) + "]";

    private static async FutureTask MainAsync(PortedProgram py)
    {
        Future<string>[] aws = { Work(py, "slow", 3), Work(py, "fast", 1), Work(py, "middle", 2) };
        foreach (Future<string> coro in Asyncio.AsCompleted(aws))
        {
            string result = await coro;
            py.Print($"as_completed gave {result}");
        }

        FutureTask<string>[] tasks = new[] { ("a", 2), ("b", 1), ("c", 3) }
            .Select(p => Asyncio.CreateTask(Work(py, p.Item1, p.Item2))).ToArray();
        var (done, pending) = await Asyncio.Wait(tasks, returnWhen: ReturnWhen.FirstCompleted);
        py.Print($"done={Sorted(done)} pending={pending.Count}");
        (done, pending) = await Asyncio.Wait(tasks);
        py.Print($"done={Sorted(done)} pending={pending.Count}");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("completion_order.py", MainAsync);
}
