using System;
using System.Threading.Tasks;
using System.Threading.Tasks.Sources;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>Future round trip: create, complete from a scheduled callback, await inside a task; 200,000 times.</summary>
public class FutureRoundTripBenchmarks
{
    public const int Rounds = 200_000;

    private EventLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    [Benchmark(Baseline = true, OperationsPerInvoke = Rounds, Description = "round trip: TaskCompletionSource on a single-threaded SynchronizationContext")]
    public long TaskCompletionSource() => SingleThreadSynchronizationContext.Run(async () =>
    {
        long sum = 0;
        var context = System.Threading.SynchronizationContext.Current!;
        for (int i = 0; i < Rounds; i++)
        {
            var source = new TaskCompletionSource<int>();
            context.Post(static s => ((TaskCompletionSource<int>)s!).SetResult(1), source);
            sum += await source.Task;
        }
        return sum;
    });

    [Benchmark(OperationsPerInvoke = Rounds, Description = "round trip: reusable ManualResetValueTaskSourceCore")]
    public long ValueTaskSource() => SingleThreadSynchronizationContext.Run(async () =>
    {
        long sum = 0;
        var context = System.Threading.SynchronizationContext.Current!;
        var source = new ReusableSource();
        for (int i = 0; i < Rounds; i++)
        {
            source.Reset();
            context.Post(static s => ((ReusableSource)s!).SetResult(1), source);
            sum += await source.Task;
        }
        return sum;
    });

    [Benchmark(OperationsPerInvoke = Rounds, Description = "round trip: EventLoop future awaited in a FutureTask")]
    public long Future() => _loop.RunUntilComplete(RoundTripsAsync(_loop));

    private static async FutureTask<long> RoundTripsAsync(EventLoop loop)
    {
        long sum = 0;
        for (int i = 0; i < Rounds; i++)
        {
            Future<int> future = loop.CreateFuture<int>();
            loop.CallSoon(static f => f.SetResult(1), future);
            sum += await future;
        }
        return sum;
    }

    private sealed class ReusableSource : IValueTaskSource<int>
    {
        private ManualResetValueTaskSourceCore<int> _core;

        public ValueTask<int> Task => new(this, _core.Version);

        public void Reset() => _core.Reset();

        public void SetResult(int value) => _core.SetResult(value);

        public int GetResult(short token) => _core.GetResult(token);

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
