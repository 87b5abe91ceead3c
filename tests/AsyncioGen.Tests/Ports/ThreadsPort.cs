using System;
using System.Linq;
using System.Threading;

namespace AsyncioGen.Tests.Ports;

/// <summary>
/// Thread bridges: ToThread carries the caller's context (AsyncLocal, asyncio's contextvars) along,
/// RunInExecutor does not; RunCoroutineThreadsafe from a worker runs the coroutine on the loop's thread.
/// </summary>
public class ThreadsPort
{
    private static readonly AsyncLocal<string?> s_requestId = new();
    private static Thread? s_loopThread;

    private static string Blocking(int n)
    {
        Thread.Sleep(50);
        return $"{s_requestId.Value ?? "-"}:{n * n}";
    }

    private static async FutureTask<int> Add(PortedProgram py, int a, int b)
    {
        await Asyncio.Sleep(0);
        py.Print($"add runs on the loop thread: {PortedProgram.Py(Thread.CurrentThread == s_loopThread)}");
        return a + b;
    }

    private static int FromThread(PortedProgram py, EventLoop loop)
    {
        System.Threading.Tasks.Task<int> fut = Asyncio.RunCoroutineThreadsafe(() => Add(py, 2, 3), loop);
        return fut.Wait(TimeSpan.FromSeconds(5)) ? fut.Result : throw new TimeoutException();
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        s_loopThread = Thread.CurrentThread;
        EventLoop loop = Asyncio.GetRunningLoop();
        s_requestId.Value = "req-7";
        py.Print(await Asyncio.ToThread(() => Blocking(4)));
        py.Print(await loop.RunInExecutor(() => Blocking(5)));
        py.Print($"from thread: {await Asyncio.ToThread(() => FromThread(py, loop))}");
        string[] results = await Asyncio.Gather(Enumerable.Range(0, 3).Select(i => Asyncio.ToThread(() => Blocking(i))));
        py.Print($"[{string.Join(", ", results.Select(r => $"'{r}'"))}]");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("threads.py", MainAsync);
}
