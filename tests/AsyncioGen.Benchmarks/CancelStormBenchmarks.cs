using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>Cancel storm: 100,000 tasks wait on a pending future, all are cancelled, then gathered.</summary>
public class CancelStormBenchmarks
{
    public const int Tasks = 100_000;

    private EventLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    [Benchmark(Baseline = true, OperationsPerInvoke = Tasks, Description = "cancel storm: async Task awaiting a TaskCompletionSource cancelled through a CancellationToken registration, Task.WhenAll")]
    public int AsyncTasks() => SingleThreadSynchronizationContext.Run(async () =>
    {
        var sources = new CancellationTokenSource[Tasks];
        var tasks = new Task[Tasks];
        for (int i = 0; i < Tasks; i++)
        {
            sources[i] = new CancellationTokenSource();
            tasks[i] = WaiterTaskAsync(sources[i].Token);
        }
        await Task.Yield();
        for (int i = 0; i < Tasks; i++)
        {
            sources[i].Cancel();
        }
        try
        {
            await Task.WhenAll(tasks);
        }
        catch (OperationCanceledException)
        {
        }
        int cancelled = 0;
        for (int i = 0; i < Tasks; i++)
        {
            cancelled += tasks[i].IsCanceled ? 1 : 0; // every outcome observed, as gather(return_exceptions=True)
            sources[i].Dispose();
        }
        return cancelled;
    });

    private static async Task WaiterTaskAsync(CancellationToken token)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using CancellationTokenRegistration registration = token.Register(static s => ((TaskCompletionSource)s!).TrySetCanceled(), source);
        await source.Task;
    }

    [Benchmark(OperationsPerInvoke = Tasks, Description = "cancel storm: FutureTasks awaiting one pending future, cancelled, Asyncio.Gather(returnExceptions: true)")]
    public int FutureTasks() => _loop.RunUntilComplete(StormAsync(_loop));

    private static async FutureTask<int> StormAsync(EventLoop loop)
    {
        Future<int> blocker = loop.CreateFuture<int>();
        var tasks = new Future[Tasks];
        for (int i = 0; i < Tasks; i++)
        {
            tasks[i] = WaiterAsync(blocker);
        }
        await Asyncio.Sleep(0);
        for (int i = 0; i < Tasks; i++)
        {
            tasks[i].Cancel();
        }
        object?[] results = await Asyncio.Gather(returnExceptions: true, tasks);
        return results.Length;
    }

    private static async FutureTask WaiterAsync(Future<int> blocker) => await blocker;
}
