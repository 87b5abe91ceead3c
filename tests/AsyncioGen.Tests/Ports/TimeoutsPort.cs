using System;

namespace AsyncioGen.Tests.Ports;

/// <summary>wait_for on an eternity, an asyncio.timeout block, and shield keeping the inner task alive.</summary>
public class TimeoutsPort
{
    private static async FutureTask Eternity(PortedProgram py)
    {
        // Sleep for one hour
        await Asyncio.Sleep(3600);
        py.Print("yay!");
    }

    private static async FutureTask<string> LongOperation()
    {
        await Asyncio.Sleep(10);
        return "done";
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        // Wait for at most 1 second
        try
        {
            await Asyncio.WaitFor(Eternity(py), timeout: 1.0);
        }
        catch (TimeoutException)
        {
            py.Print("timeout!");
        }

        try
        {
            await Asyncio.Timeout(1, async () =>
            {
                await LongOperation();
            });
        }
        catch (TimeoutException)
        {
            py.Print("The long operation timed out, but we've handled it.");
        }
        py.Print("This statement will run regardless.");

        FutureTask<string> inner = Asyncio.CreateTask(LongOperation());
        try
        {
            await Asyncio.WaitFor(Asyncio.Shield(inner), timeout: 1);
        }
        catch (TimeoutException)
        {
            py.Print($"shielded: outer timed out, inner cancelled={PortedProgram.Py(inner.IsCancelled)}");
        }
        py.Print($"inner result={await inner}");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("timeouts.py", MainAsync);
}
