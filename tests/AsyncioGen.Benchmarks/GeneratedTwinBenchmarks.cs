using System;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>
/// A callback API (it completes from its thread's <see cref="SynchronizationContext"/>, the loop or
/// the baseline's context), with [Future] twins written by the generator.
/// </summary>
internal sealed partial class CallbackApi
{
    private static readonly SendOrPostCallback s_fireState = static s =>
    {
        var api = (CallbackApi)s!;
        Action<int, object?> callback = api._stateCallback!;
        object? state = api._state;
        api._stateCallback = null;
        api._state = null;
        callback(api._value, state);
    };

    private static readonly SendOrPostCallback s_firePlain = static s =>
    {
        var api = (CallbackApi)s!;
        Action<int> done = api._done!;
        api._done = null;
        done(api._value);
    };

    private Action<int, object?>? _stateCallback;
    private object? _state;
    private Action<int>? _done;
    private int _value;

    /// <summary>State-passing shape: the twin passes a static callback and its future as the state.</summary>
    [Future]
    internal void Compute(int value, Action<int, object?> callback, object? state)
    {
        _value = value;
        _stateCallback = callback;
        _state = state;
        SynchronizationContext.Current!.Post(s_fireState, this);
    }

    /// <summary>Plain-callback shape: the twin binds one delegate to its future.</summary>
    [Future]
    internal void Fetch(int value, Action<int> onDone)
    {
        _value = value;
        _done = onDone;
        SynchronizationContext.Current!.Post(s_firePlain, this);
    }
}

/// <summary>A generated [Future] twin awaited 200,000 times, against a hand-written TaskCompletionSource bridge.</summary>
public class GeneratedTwinBenchmarks
{
    public const int Calls = 200_000;

    private EventLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    private static Task<int> ComputeTaskAsync(CallbackApi api, int value)
    {
        var source = new TaskCompletionSource<int>();
        api.Compute(value, static (result, state) => ((TaskCompletionSource<int>)state!).SetResult(result), source);
        return source.Task;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "generated twin: hand-written TaskCompletionSource bridge (state-passing) awaited in async Task")]
    public long TaskCompletionSourceBridge() => SingleThreadSynchronizationContext.Run(async () =>
    {
        var api = new CallbackApi();
        long sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += await ComputeTaskAsync(api, 1);
        }
        return sum;
    });

    private static Task<int> ComputeOnLoopAsync(CallbackApi api, int value)
    {
        // Continuations posted to the loop, never run inline in SetResult: a future's guarantee.
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        api.Compute(value, static (result, state) => ((TaskCompletionSource<int>)state!).SetResult(result), source);
        return source.Task;
    }

    private static async Task<long> BridgeOnLoopAsync()
    {
        var api = new CallbackApi();
        long sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += await ComputeOnLoopAsync(api, 1);
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "generated twin: (.NET) TaskCompletionSource bridge with RunContinuationsAsynchronously, awaited in async Task on the EventLoop")]
    public long TaskCompletionSourceBridgeOnTheLoop()
    {
        Task<long> run = null!;
        _loop.CallSoon(() =>
        {
            run = BridgeOnLoopAsync();
            run.ContinueWith(static (_, loop) => ((EventLoop)loop!).Stop(), _loop, TaskContinuationOptions.ExecuteSynchronously);
        });
        _loop.RunForever();
        return run.Result;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "generated twin: [Future] state-passing twin awaited in a FutureTask")]
    public long StatePassingTwin() => _loop.RunUntilComplete(StateTwinAsync());

    private static async FutureTask<long> StateTwinAsync()
    {
        var api = new CallbackApi();
        long sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += await api.ComputeAsync(1);
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "generated twin: [Future] plain-callback twin awaited in a FutureTask")]
    public long PlainCallbackTwin() => _loop.RunUntilComplete(PlainTwinAsync());

    private static async FutureTask<long> PlainTwinAsync()
    {
        var api = new CallbackApi();
        long sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += await api.FetchAsync(1);
        }
        return sum;
    }
}
