using System;
using System.Linq;

namespace AsyncioGen.Tests.Ports;

/// <summary>
/// gather: the first failure propagates at once while the other children keep running; returnExceptions
/// collects; tasks yielding with Sleep(0) take turns; AsCompleted with a timeout; Shield passes a failure through.
/// </summary>
public class GatherSemanticsPort
{
    private sealed class JobError : Exception
    {
        public JobError(string message) : base(message) { }
    }

    private static async FutureTask<string> Job(PortedProgram py, string name, double delay, bool fail = false)
    {
        await Asyncio.Sleep(delay);
        if (fail)
        {
            py.Print($"{name} raises");
            throw new JobError(name);
        }
        py.Print($"{name} returns");
        return name;
    }

    private static async FutureTask Spinner(PortedProgram py, string name, int n)
    {
        for (int i = 0; i < n; i++)
        {
            py.Print($"{name} step {i}");
            await Asyncio.Sleep(0);
        }
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        FutureTask<string> slow = Asyncio.CreateTask(Job(py, "slow", 3));
        try
        {
            await Asyncio.Gather(Job(py, "ok", 1), Job(py, "bad", 2, fail: true), slow);
        }
        catch (JobError e)
        {
            py.Print($"gather raised JobError({e.Message}); slow done={PortedProgram.Py(slow.IsDone)} cancelled={PortedProgram.Py(slow.IsCancelled)}");
        }
        py.Print($"slow still finishes: {await slow}");

        object?[] results = await Asyncio.Gather(returnExceptions: true, Job(py, "r1", 1), Job(py, "r2", 1, fail: true));
        py.Print("[" + string.Join(", ", results.Select(r => r is string s ? $"'{s}'" : $"'{r!.GetType().Name}({((Exception)r).Message})'")) + "]");

        await Asyncio.Gather(Spinner(py, "x", 3), Spinner(py, "y", 2));

        Future<string>[] pending = { Job(py, "fast", 1), Job(py, "late", 5) };
        try
        {
            foreach (Future<string> fut in Asyncio.AsCompleted(pending, timeout: 2))
            {
                py.Print($"as_completed: {await fut}");
            }
        }
        catch (TimeoutException)
        {
            py.Print("as_completed timed out");
        }
        await Asyncio.Sleep(4);

        try
        {
            await Asyncio.Shield(Job(py, "shielded", 1, fail: true));
        }
        catch (JobError e)
        {
            py.Print($"shield passed JobError({e.Message}) through");
        }
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("gather_semantics.py", MainAsync);
}
