namespace AsyncioGen.Tests.Ports;

/// <summary>Cancellation as a request: messages, Cancelling()/Uncancel(), a task that refuses, gather and shield.</summary>
public class CancellationDetailsPort
{
    private static async FutureTask<string> Sleeper(PortedProgram py, string name, double delay)
    {
        try
        {
            await Asyncio.Sleep(delay);
            return name;
        }
        catch (CancelledError e)
        {
            py.Print($"{name} cancelled: {e.CancelMessage ?? ""}");
            throw;
        }
    }

    private static async FutureTask<string> Stubborn(PortedProgram py)
    {
        try
        {
            await Asyncio.Sleep(10);
        }
        catch (CancelledError)
        {
            py.Print("stubborn swallows the cancellation");
            ((IFutureTask)Asyncio.CurrentTask()!).Uncancel();
        }
        await Asyncio.Sleep(1);
        return "stubborn finished";
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        FutureTask<string> t = Asyncio.CreateTask(Sleeper(py, "t", 10));
        await Asyncio.Sleep(0);
        py.Print($"cancel -> {PortedProgram.Py(t.Cancel("first"))}, cancelling={t.Cancelling()}");
        py.Print($"cancel again -> {PortedProgram.Py(t.Cancel("second"))}, cancelling={t.Cancelling()}");
        try
        {
            await t;
        }
        catch (CancelledError)
        {
            py.Print($"t done={PortedProgram.Py(t.IsDone)} cancelled={PortedProgram.Py(t.IsCancelled)}");
        }

        FutureTask<string> s = Asyncio.CreateTask(Stubborn(py));
        await Asyncio.Sleep(0);
        s.Cancel();
        py.Print($"stubborn result: {await s}, cancelling={s.Cancelling()}");

        Future<string[]> g = Asyncio.Gather(Sleeper(py, "g1", 5), Sleeper(py, "g2", 5));
        await Asyncio.Sleep(0);
        g.Cancel();
        try
        {
            await g;
        }
        catch (CancelledError)
        {
            py.Print("gather cancelled");
        }

        FutureTask<string> inner = Asyncio.CreateTask(Sleeper(py, "inner", 2));
        Future<string> outer = (Future<string>)Asyncio.EnsureFuture(Asyncio.Shield(inner));
        await Asyncio.Sleep(0);
        outer.Cancel();
        try
        {
            await outer;
        }
        catch (CancelledError)
        {
            py.Print($"outer cancelled, inner done={PortedProgram.Py(inner.IsDone)}");
        }
        py.Print($"inner result: {await inner}");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("cancellation_details.py", MainAsync);
}
