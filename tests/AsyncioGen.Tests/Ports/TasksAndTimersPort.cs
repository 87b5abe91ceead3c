using System;
using System.Linq;
using static System.FormattableString;

namespace AsyncioGen.Tests.Ports;

/// <summary>
/// Task names; <c>current_task()</c> inside a coroutine awaited inline is the task running it; <c>all_tasks()</c>;
/// timers run in deadline order, FIFO on ties, a cancelled handle never runs.
/// </summary>
public class TasksAndTimersPort
{
    private static string CurrentName() => ((IFutureTask)Asyncio.CurrentTask()!).Name;

    private static async FutureTask WhoAmI(PortedProgram py, string label)
    {
        py.Print($"{label}: current task is {CurrentName()}");
    }

    private static async FutureTask<string> Worker(PortedProgram py, double delay)
    {
        await WhoAmI(py, "worker before sleep");
        await Asyncio.Sleep(delay);
        await WhoAmI(py, "worker after sleep");
        return CurrentName();
    }

    private static string AliveNames() =>
        "[" + string.Join(", ", Asyncio.AllTasks().Select(t => $"'{((IFutureTask)t).Name}'").Order(StringComparer.Ordinal)) + "]";

    private static async FutureTask MainAsync(PortedProgram py)
    {
        ((IFutureTask)Asyncio.CurrentTask()!).Name = "main";
        await WhoAmI(py, "main");
        FutureTask<string> w1 = Asyncio.CreateTask(Worker(py, 1), name: "worker-1");
        FutureTask<string> w2 = Asyncio.CreateTask(Worker(py, 2), name: "worker-2");
        py.Print($"tasks alive: {AliveNames()}");
        py.Print($"results: {await w1}, {await w2}");
        py.Print($"tasks alive: {AliveNames()}");

        EventLoop loop = Asyncio.GetRunningLoop();
        double start = loop.Time();
        loop.CallLater(1, py.Print, "timer A (1 s)");
        loop.CallLater(1, py.Print, "timer B (1 s, same deadline)");
        TimerHandle h = loop.CallLater(0.5, py.Print, "timer C (cancelled)");
        loop.CallAt(start + 0.25, py.Print, "timer D (call_at)");
        loop.CallSoon(py.Print, "call_soon runs first");
        h.Cancel();
        py.Print($"handle cancelled={PortedProgram.Py(h.IsCancelled)}");
        await Asyncio.Sleep(2);
        py.Print(Invariant($"slept {loop.Time() - start:F0} s"));
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("tasks_and_timers.py", MainAsync);
}
