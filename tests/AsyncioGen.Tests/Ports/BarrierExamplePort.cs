namespace AsyncioGen.Tests.Ports;

/// <summary>The asyncio docs' Barrier example (the repr replaced by the properties it shows).</summary>
public class BarrierExamplePort
{
    private static void Show(PortedProgram py, Barrier b) =>
        py.Print($"parties={b.Parties} n_waiting={b.NWaiting} broken={PortedProgram.Py(b.Broken)}");

    private static async FutureTask ExampleBarrier(PortedProgram py)
    {
        // barrier with 3 parties
        var b = new Barrier(3);

        // create 2 new waiting tasks
        _ = Asyncio.CreateTask(b.WaitAsync());
        _ = Asyncio.CreateTask(b.WaitAsync());

        await Asyncio.Sleep(0);
        Show(py, b);

        // The third .wait() call passes the barrier
        await b.WaitAsync();
        Show(py, b);
        py.Print("barrier passed");

        await Asyncio.Sleep(0);
        Show(py, b);
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("barrier_example.py", ExampleBarrier);
}
