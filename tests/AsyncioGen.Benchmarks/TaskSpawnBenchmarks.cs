using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>Task spawn: 100,000 trivial coroutines started, then gathered.</summary>
public class TaskSpawnBenchmarks
{
    public const int Tasks = 100_000;

    private EventLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    // A FutureTask's first step runs from the loop (asyncio's create_task schedules it), so the
    // baseline's coroutine goes through its context once too (Task.Yield) before it returns.
    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks, Description = "task spawn: async Task<int> (Task.Yield, return) + Task.WhenAll on a single-threaded context")]
    public int AsyncTasks() => SingleThreadSynchronizationContext.Run(async () =>
    {
        var tasks = new Task<int>[Tasks];
        for (int i = 0; i < Tasks; i++)
        {
            tasks[i] = TrivialTaskAsync(i);
        }
        int[] results = await Task.WhenAll(tasks);
        return results.Length;
    });

    private static async Task<int> TrivialTaskAsync(int i)
    {
        await Task.Yield();
        return i;
    }

    [Benchmark(OperationsPerInvoke = Tasks, Description = "task spawn: FutureTask<int> coroutines + Asyncio.Gather")]
    public int FutureTasks() => _loop.RunUntilComplete(SpawnAsync());

    private static async FutureTask<int> SpawnAsync()
    {
        var tasks = new Future<int>[Tasks];
        for (int i = 0; i < Tasks; i++)
        {
            tasks[i] = TrivialAsync(i);
        }
        int[] results = await Asyncio.Gather(tasks);
        return results.Length;
    }

#pragma warning disable CS1998 // a trivial coroutine: no await, as `async def trivial(i): return i`
    private static async FutureTask<int> TrivialAsync(int i) => i;
#pragma warning restore CS1998
}
