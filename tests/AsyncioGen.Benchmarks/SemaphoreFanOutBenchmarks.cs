using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>
/// Semaphore-limited fan-out: 10,000 tasks, at most 100 inside a semaphore at once, each yielding to the
/// loop once while inside. An operation is one task.
/// </summary>
public class SemaphoreFanOutBenchmarks
{
    public const int Tasks = 10_000;
    public const int Limit = 100;

    private EventLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks, Description = "semaphore-limited fan-out: SemaphoreSlim + async Task (Task.Yield) + Task.WhenAll on a single-threaded context")]
    public int SemaphoreSlimTasks() => SingleThreadSynchronizationContext.Run(async () =>
    {
        using var semaphore = new SemaphoreSlim(Limit);
        var tasks = new Task<int>[Tasks];
        for (int i = 0; i < Tasks; i++)
        {
            tasks[i] = LimitedTaskAsync(semaphore, i);
        }
        int[] results = await Task.WhenAll(tasks);
        return results.Length;
    });

    private static async Task<int> LimitedTaskAsync(SemaphoreSlim semaphore, int i)
    {
        await semaphore.WaitAsync();
        try
        {
            await Task.Yield();
            return i;
        }
        finally
        {
            semaphore.Release();
        }
    }

    [Benchmark(OperationsPerInvoke = Tasks, Description = "semaphore-limited fan-out: AsyncioGen.Semaphore + FutureTasks (Sleep(0)) + Gather")]
    public int Semaphore() => _loop.RunUntilComplete(FanOutAsync());

    private static async FutureTask<int> FanOutAsync()
    {
        var semaphore = new Semaphore(Limit);
        var tasks = new Future<int>[Tasks];
        for (int i = 0; i < Tasks; i++)
        {
            tasks[i] = LimitedAsync(semaphore, i);
        }
        int[] results = await Asyncio.Gather(tasks);
        return results.Length;
    }

    private static async FutureTask<int> LimitedAsync(Semaphore semaphore, int i)
    {
        using (await semaphore.LockAsync())
        {
            await Asyncio.Sleep(0);
            return i;
        }
    }
}
