using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>Done-callback dispatch: 200,000 futures × 4 callbacks each, completed, callbacks run.</summary>
public class DoneCallbackBenchmarks
{
    public const int Futures = 200_000;
    public const int CallbacksPerFuture = 4;

    private sealed class Counter
    {
        public int Count;
    }

    private EventLoop _loop = null!;
    private readonly Counter _counter = new();

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    [Benchmark(Baseline = true, OperationsPerInvoke = Futures * CallbacksPerFuture, Description = "done callbacks: TaskCompletionSource + ContinueWith")]
    public int TaskContinueWith()
    {
        for (int i = 0; i < Futures; i++)
        {
            var source = new TaskCompletionSource<int>();
            for (int c = 0; c < CallbacksPerFuture; c++)
            {
                source.Task.ContinueWith(static (_, s) => Interlocked.Increment(ref ((Counter)s!).Count), _counter,
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
            source.SetResult(i);
        }
        return _counter.Count;
    }

    [Benchmark(OperationsPerInvoke = Futures * CallbacksPerFuture, Description = "done callbacks: Future.AddDoneCallback<TState> dispatched by the loop")]
    public int FutureCallbacks()
    {
        for (int i = 0; i < Futures; i++)
        {
            Future<int> future = _loop.CreateFuture<int>();
            for (int c = 0; c < CallbacksPerFuture; c++)
            {
                future.AddDoneCallback(static (_, counter) => counter.Count++, _counter);
            }
            future.SetResult(i);
        }
        _loop.CallSoon(static loop => loop.Stop(), _loop);
        _loop.RunForever();
        return _counter.Count;
    }
}
