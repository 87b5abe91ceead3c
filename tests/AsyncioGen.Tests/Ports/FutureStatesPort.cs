using System;

namespace AsyncioGen.Tests.Ports;

/// <summary>A future's life: states, reprs, results, exceptions, cancellation messages, callbacks.</summary>
public class FutureStatesPort
{
    private sealed class BoomError : Exception
    {
        public BoomError(string message) : base(message) { }
    }

    private static void Show(PortedProgram py, string label, Future fut) =>
        py.Print($"{label}: {fut} done={PortedProgram.Py(fut.IsDone)} cancelled={PortedProgram.Py(fut.IsCancelled)}");

    private static async FutureTask MainAsync(PortedProgram py)
    {
        EventLoop loop = Asyncio.GetRunningLoop();

        Future<int> fut = loop.CreateFuture<int>();
        Show(py, "new", fut);
        try
        {
            fut.GetResult();
        }
        catch (InvalidStateError)
        {
            py.Print("result() of a pending future: InvalidStateError");
        }
        fut.SetResult(42);
        Show(py, "set", fut);
        py.Print($"result={fut.GetResult()} exception={fut.GetException()?.ToString() ?? "None"}");
        try
        {
            fut.SetResult(43);
        }
        catch (InvalidStateError)
        {
            py.Print("second set_result: InvalidStateError");
        }
        py.Print($"cancel() of a done future returns {PortedProgram.Py(fut.Cancel())}");

        Future<int> failed = loop.CreateFuture<int>();
        failed.SetException(new BoomError("boom"));
        Show(py, "failed", failed);
        try
        {
            await failed;
        }
        catch (BoomError e)
        {
            py.Print($"await raised {e.GetType().Name}: {e.Message}");
        }
        py.Print($"exception() is the same object: {PortedProgram.Py(ReferenceEquals(failed.GetException(), failed.GetException()))}");

        Future<int> cancelled = loop.CreateFuture<int>();
        cancelled.AddDoneCallback(f => py.Print($"callback saw cancelled={PortedProgram.Py(f.IsCancelled)}"));
        py.Print($"cancel() returns {PortedProgram.Py(cancelled.Cancel("no longer needed"))}");
        Show(py, "cancelled", cancelled);
        try
        {
            cancelled.GetResult();
        }
        catch (CancelledError e)
        {
            py.Print($"result() raised CancelledError: {e.Message}");
        }
        py.Print("before the callback ran");
        await Asyncio.Sleep(0);
        py.Print("after one iteration");

        Future counted = loop.CreateFuture();
        Action<Future> cb = f => py.Print("cb ran");
        counted.AddDoneCallback(cb);
        counted.AddDoneCallback(cb);
        counted.AddDoneCallback(f => py.Print("other ran"));
        py.Print($"remove_done_callback removed {counted.RemoveDoneCallback(cb)}");
        counted.SetResult();
        await Asyncio.Sleep(0);
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("future_states.py", MainAsync);
}
