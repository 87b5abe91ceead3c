using System;
using System.Collections.Generic;
using System.Linq;

namespace AsyncioGen.Tests.Ports;

/// <summary>
/// TaskGroup: the first failure cancels the rest; a sibling already woken in the same iteration still fails; the
/// failures arrive together (Python's <c>except* FetchError as eg</c> is a catch of the AggregateException).
/// </summary>
public class TaskGroupErrorsPort
{
    private sealed class FetchError : Exception
    {
        public FetchError(string message) : base(message) { }
    }

    private static async FutureTask Fail(PortedProgram py, string name, double delay)
    {
        await Asyncio.Sleep(delay);
        py.Print($"{name} fails");
        throw new FetchError(name);
    }

    private static async FutureTask Slow(PortedProgram py)
    {
        try
        {
            await Asyncio.Sleep(10);
        }
        catch (CancelledError)
        {
            py.Print("slow cancelled");
            throw;
        }
    }

    private static async FutureTask CleanupAfter(List<bool> cleaned, double delay)
    {
        try
        {
            await Asyncio.Sleep(delay);
        }
        finally
        {
            cleaned.Add(true);
        }
    }

    // asyncio.sleep(delay, result=...) is not a coroutine in .NET (a struct awaitable): a coroutine wraps it.
    private static async FutureTask<string> SleepResult(double delay, string result) => await Asyncio.Sleep(delay, result);

    private static async FutureTask MainAsync(PortedProgram py)
    {
        var cleaned = new List<bool>();
        FutureTask t1 = null!, t3 = null!, t4 = null!;
        try
        {
            await TaskGroup.RunAsync(tg =>
            {
                t1 = tg.CreateTask(Slow(py));
                tg.CreateTask(Fail(py, "a", 1));
                t3 = tg.CreateTask(Fail(py, "b", 1));
                t4 = tg.CreateTask(CleanupAfter(cleaned, 5));
                py.Print("body done");
            });
        }
        catch (AggregateException eg) when (eg.InnerExceptions.All(e => e is FetchError))
        {
            py.Print($"failures: [{string.Join(", ", eg.InnerExceptions.Select(e => $"'{e.Message}'").Order(StringComparer.Ordinal))}]");
        }
        py.Print($"slow cancelled={PortedProgram.Py(t1.IsCancelled)} b cancelled={PortedProgram.Py(t3.IsCancelled)} "
            + $"cleanup cancelled={PortedProgram.Py(t4.IsCancelled)} cleaned={PortedProgram.Py(cleaned.SequenceEqual(new[] { true }))}");

        FutureTask<string> a = null!, b = null!;
        await TaskGroup.RunAsync(tg =>
        {
            a = tg.CreateTask(SleepResult(1, "x"));
            b = tg.CreateTask(SleepResult(2, "y"));
        });
        py.Print($"all done: {a.GetResult()}{b.GetResult()}");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("taskgroup_errors.py", MainAsync);
}
