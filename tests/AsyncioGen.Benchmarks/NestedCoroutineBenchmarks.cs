using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>
/// Nested coroutine calls: a task awaits a chain of 5 helper coroutines per operation (an outer helper
/// that awaits 3 helpers finishing without suspending, then one awaiting a future completed by a
/// callback), 200,000 times. Measures what an <c>await helper()</c> costs when it runs inline.
/// </summary>
public class NestedCoroutineBenchmarks
{
    public const int Calls = 200_000;

    private EventLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "nested coroutine calls: async Task<int> helpers + TaskCompletionSource on a single-threaded context")]
    public long Tasks() => SingleThreadSynchronizationContext.Run(async () =>
    {
        long sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += await OuterTaskAsync(i);
        }
        return sum;
    });

    private static async Task<int> OuterTaskAsync(int x)
    {
        x = await PureTaskAsync(x);
        x = await PureTaskAsync(x);
        x = await PureTaskAsync(x);
        return await WaitingTaskAsync(x);
    }

#pragma warning disable CS1998 // completes without suspending, as `async def pure(x): return x + 1`
    private static async Task<int> PureTaskAsync(int x) => x + 1;
#pragma warning restore CS1998

    private static async Task<int> WaitingTaskAsync(int x)
    {
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        SynchronizationContext.Current!.Post(static s => ((TaskCompletionSource<int>)s!).SetResult(1), source);
        return x + await source.Task;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "nested coroutine calls: FutureTask<int> helpers awaited inline, one awaiting a loop future")]
    public long Futures() => _loop.RunUntilComplete(MainAsync(_loop));

    private static async FutureTask<long> MainAsync(EventLoop loop)
    {
        long sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += await OuterAsync(loop, i);
        }
        return sum;
    }

    private static async FutureTask<int> OuterAsync(EventLoop loop, int x)
    {
        x = await PureAsync(x);
        x = await PureAsync(x);
        x = await PureAsync(x);
        return await WaitingAsync(loop, x);
    }

#pragma warning disable CS1998
    private static async FutureTask<int> PureAsync(int x) => x + 1;
#pragma warning restore CS1998

    private static async FutureTask<int> WaitingAsync(EventLoop loop, int x)
    {
        Future<int> future = loop.CreateFuture<int>();
        loop.CallSoon(static f => f.SetResult(1), future);
        return x + await future;
    }
}
