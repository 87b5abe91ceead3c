using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>call_soon throughput: 1,000,000 no-op callbacks scheduled, then run by the loop.</summary>
public class CallSoonBenchmarks
{
    public const int Callbacks = 1_000_000;

    private sealed class Counter
    {
        public int Count;
    }

    private EventLoop _loop = null!;
    private readonly Counter _counter = new();
    private readonly System.Collections.Generic.Queue<Action> _queue = new(Callbacks);
    private Action _noop = null!;
    private readonly RingBufferLoop _ring = new();

    [GlobalSetup]
    public void Setup()
    {
        _loop = new EventLoop();
        _noop = () => _counter.Count++;
        CallSoon(); // grow the ring buffer once
        RingBuffer();
    }

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    [Benchmark(Baseline = true, OperationsPerInvoke = Callbacks, Description = "call_soon: Queue<Action> drained by a loop")]
    public int QueueOfAction()
    {
        for (int i = 0; i < Callbacks; i++)
        {
            _queue.Enqueue(_noop);
        }
        while (_queue.TryDequeue(out Action? action))
        {
            action();
        }
        return _counter.Count;
    }

    [Benchmark(OperationsPerInvoke = Callbacks, Description = "call_soon: (.NET) minimal asyncio-style loop, (callback, state) pairs in a ring buffer")]
    public int RingBuffer()
    {
        for (int i = 0; i < Callbacks; i++)
        {
            _ring.CallSoon(static c => ((Counter)c!).Count++, _counter);
        }
        _ring.RunOnce();
        return _counter.Count;
    }

    [Benchmark(OperationsPerInvoke = Callbacks, Description = "call_soon: EventLoop.CallSoon<TState>")]
    public int CallSoon()
    {
        for (int i = 0; i < Callbacks; i++)
        {
            _loop.CallSoon(static c => c.Count++, _counter);
        }
        _loop.CallSoon(static loop => loop.Stop(), _loop);
        _loop.RunForever();
        return _counter.Count;
    }
}
