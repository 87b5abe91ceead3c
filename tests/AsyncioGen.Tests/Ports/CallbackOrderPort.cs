namespace AsyncioGen.Tests.Ports;

/// <summary>
/// What runs when: loop callbacks, done-callbacks (scheduled, never inline), a coroutine awaited directly
/// (inline, in the same step) and one made a task (its own step, on a later iteration).
/// </summary>
public class CallbackOrderPort
{
    private static async FutureTask<string> Sub(PortedProgram py, string name)
    {
        py.Print($"{name} runs");
        return name;
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        EventLoop loop = Asyncio.GetRunningLoop();
        loop.CallSoon(py.Print, "callback 1");
        py.Print($"awaited {await Sub(py, "inline sub")}");
        loop.CallSoon(py.Print, "callback 2");
        FutureTask<string> task = Asyncio.CreateTask(Sub(py, "task sub"));
        Future<int> fut = loop.CreateFuture<int>();
        fut.AddDoneCallback(f => py.Print($"done-callback A sees {f.GetResult()}"));
        fut.AddDoneCallback(f => py.Print($"done-callback B sees {f.GetResult()}"));
        fut.SetResult(42);
        py.Print("set_result returned");
        py.Print($"awaited {await task}");
        await Asyncio.Sleep(0);
        py.Print($"future={await fut}");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("callback_order.py", MainAsync);
}
