using System;
using System.Linq;
using static System.FormattableString;

namespace AsyncioGen.Tests.Ports;

/// <summary>
/// asyncio.timeout in depth: reschedule, expired(), when(), timeout_at, nested scopes, a scope that does not
/// fire, wait() with a timeout. Python's <c>async with ... as cm</c> is a delegate taking the scope.
/// </summary>
public class TimeoutScopesPort
{
    private static async FutureTask<string> Work(double delay, string name)
    {
        await Asyncio.Sleep(delay);
        return name;
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        EventLoop loop = Asyncio.GetRunningLoop();
        double start = loop.Time();

        TimeoutScope cm = null!;
        await Asyncio.Timeout(null, async scope =>
        {
            cm = scope;
            py.Print($"when={(cm.When is { } w ? Invariant($"{w}") : "None")}");
            cm.Reschedule(loop.Time() + 5);
            py.Print(Invariant($"rescheduled to +{cm.When - start:F0} s"));
            await Work(1, "fits");
        });
        py.Print($"fits: expired={PortedProgram.Py(cm.Expired)}");

        try
        {
            await Asyncio.Timeout(1, async scope =>
            {
                cm = scope;
                await Work(2, "too slow");
            });
        }
        catch (TimeoutException e)
        {
            py.Print($"too slow: expired={PortedProgram.Py(cm.Expired)} cause={e.InnerException?.GetType().Name}");
        }

        TimeoutScope outer = null!, inner = null!;
        try
        {
            await Asyncio.Timeout(10, async o =>
            {
                outer = o;
                try
                {
                    await Asyncio.Timeout(1, async i =>
                    {
                        inner = i;
                        await Work(5, "inner");
                    });
                }
                catch (TimeoutException)
                {
                    py.Print($"inner fired: inner={PortedProgram.Py(inner.Expired)} outer={PortedProgram.Py(outer.Expired)}");
                }
                await Work(20, "after");
            });
        }
        catch (TimeoutException)
        {
            py.Print(Invariant($"outer fired: outer={PortedProgram.Py(outer.Expired)} at +{loop.Time() - start:F0} s"));
        }

        try
        {
            await Asyncio.TimeoutAt(loop.Time() + 1, async () =>
            {
                await Work(3, "at");
            });
        }
        catch (TimeoutException)
        {
            py.Print("timeout_at fired");
        }

        FutureTask<string>[] tasks = new[] { ("a", 1), ("b", 3) }.Select(p => Asyncio.CreateTask(Work(p.Item2, p.Item1))).ToArray();
        var (done, pending) = await Asyncio.Wait(tasks, timeout: 2);
        py.Print($"wait(timeout=2): done=[{string.Join(", ", done.Select(t => $"'{t.GetResult()}'"))}] pending={pending.Count}");
        await Asyncio.Wait(pending);
        py.Print(Invariant($"total +{loop.Time() - start:F0} s"));
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("timeout_scopes.py", MainAsync);
}
