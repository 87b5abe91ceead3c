namespace AsyncioGen.Tests.Ports;

/// <summary>The asyncio docs' Task.cancel example: the task catches the cancellation, cleans up, re-raises.</summary>
public class CancelMePort
{
    private static async FutureTask CancelMe(PortedProgram py)
    {
        py.Print("cancel_me(): before sleep");

        try
        {
            // Wait for 1 hour
            await Asyncio.Sleep(3600);
        }
        catch (CancelledError)
        {
            py.Print("cancel_me(): cancel sleep");
            throw;
        }
        finally
        {
            py.Print("cancel_me(): after sleep");
        }
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        // Create a "cancel_me" Task
        FutureTask task = Asyncio.CreateTask(CancelMe(py));

        // Wait for 1 second
        await Asyncio.Sleep(1);

        task.Cancel();
        try
        {
            await task;
        }
        catch (CancelledError)
        {
            py.Print("main(): cancel_me is cancelled now");
        }
        py.Print($"cancelled={PortedProgram.Py(task.IsCancelled)} done={PortedProgram.Py(task.IsDone)}");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("cancel_me.py", MainAsync);
}
