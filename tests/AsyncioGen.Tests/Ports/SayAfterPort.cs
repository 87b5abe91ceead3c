using static System.FormattableString;

namespace AsyncioGen.Tests.Ports;

/// <summary>The asyncio docs' say_after: awaited in sequence (3 s), as two tasks (2 s), in a TaskGroup.</summary>
public class SayAfterPort
{
    private static async FutureTask SayAfter(PortedProgram py, double delay, string what)
    {
        await Asyncio.Sleep(delay);
        py.Print(what);
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        EventLoop loop = Asyncio.GetRunningLoop();
        double start = loop.Time();
        py.Print("started");
        await SayAfter(py, 1, "hello");
        await SayAfter(py, 2, "world");
        py.Print(Invariant($"finished after {loop.Time() - start:F0} s"));

        FutureTask task1 = Asyncio.CreateTask(SayAfter(py, 1, "hello"));
        FutureTask task2 = Asyncio.CreateTask(SayAfter(py, 2, "world"));
        start = loop.Time();
        py.Print("started");
        await task1;
        await task2;
        py.Print(Invariant($"finished after {loop.Time() - start:F0} s"));

        await TaskGroup.RunAsync(async tg =>
        {
            task1 = tg.CreateTask(SayAfter(py, 1, "hello"));
            task2 = tg.CreateTask(SayAfter(py, 2, "world"));
            py.Print("started");
        });
        py.Print($"both tasks have completed now: {PortedProgram.Py(task1.IsDone)}, {PortedProgram.Py(task2.IsDone)}");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("say_after.py", MainAsync);
}
