namespace AsyncioGen.Tests.Ports;

/// <summary>The asyncio docs' Event example: a waiter blocked until the event is set.</summary>
public class EventExamplePort
{
    private static async FutureTask Waiter(PortedProgram py, Event @event)
    {
        py.Print("waiting for it ...");
        await @event.WaitAsync();
        py.Print("... got it!");
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        // Create an Event object.
        var @event = new Event();

        // Spawn a Task to wait until 'event' is set.
        FutureTask waiterTask = Asyncio.CreateTask(Waiter(py, @event));

        // Sleep for 1 second and set the event.
        await Asyncio.Sleep(1);
        @event.Set();

        // Wait until the waiter task is finished.
        await waiterTask;
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("event_example.py", MainAsync);
}
