using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>call_soon_threadsafe from 4 producer threads × 250,000, one consumer (the loop).</summary>
public class ThreadsafeBenchmarks
{
    public const int Producers = 4;
    public const int PerProducer = 250_000;
    public const int Total = Producers * PerProducer;

    private sealed class Counter
    {
        public int Count;
        public EventLoop Loop = null!;
    }

    private EventLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    [Benchmark(Baseline = true, OperationsPerInvoke = Total, Description = "threadsafe: loop posting (callback, state) to a ConcurrentQueue, with wake-up")]
    public int ConcurrentQueueLoopPost()
    {
        using var loop = new ConcurrentQueueLoop();
        var counter = new QueueCounter { Loop = loop };
        Task[] producers = StartProducers(() =>
        {
            for (int i = 0; i < PerProducer; i++)
            {
                loop.Post(static c =>
                {
                    var counter = (QueueCounter)c!;
                    if (++counter.Count == Total)
                    {
                        counter.Loop.Stop();
                    }
                }, counter);
            }
        });
        loop.RunForever();
        Task.WaitAll(producers);
        return counter.Count;
    }

    private sealed class QueueCounter
    {
        public int Count;
        public ConcurrentQueueLoop Loop = null!;
    }

    [Benchmark(OperationsPerInvoke = Total, Description = "threadsafe: (.NET) Channel<Action> with one reader")]
    public int Channel()
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
        var counter = new Counter();
        Action increment = () => counter.Count++;
        Task[] producers = StartProducers(() =>
        {
            for (int i = 0; i < PerProducer; i++)
            {
                channel.Writer.TryWrite(increment);
            }
        });
        ChannelReader<Action> reader = channel.Reader;
        while (counter.Count < Total)
        {
            if (reader.TryRead(out Action? action))
            {
                action();
            }
            else
            {
                reader.WaitToReadAsync().AsTask().Wait();
            }
        }
        Task.WaitAll(producers);
        return counter.Count;
    }

    [Benchmark(OperationsPerInvoke = Total, Description = "threadsafe: (.NET) ConcurrentQueue<Action> with one consumer")]
    public int ConcurrentQueue()
    {
        var queue = new ConcurrentQueue<Action>();
        var counter = new Counter();
        Action increment = () => counter.Count++;
        Task[] producers = StartProducers(() =>
        {
            for (int i = 0; i < PerProducer; i++)
            {
                queue.Enqueue(increment);
            }
        });
        var spinner = new SpinWait();
        while (counter.Count < Total)
        {
            if (queue.TryDequeue(out Action? action))
            {
                action();
            }
            else
            {
                spinner.SpinOnce();
            }
        }
        Task.WaitAll(producers);
        return counter.Count;
    }

    [Benchmark(OperationsPerInvoke = Total, Description = "threadsafe: EventLoop.CallSoonThreadsafe<TState>")]
    public int CallSoonThreadsafe()
    {
        // One long-lived loop, as in the other workloads: its posting lists and ready queue keep their
        // capacity, so this measures posting and draining, not the growth of a new loop's buffers.
        EventLoop loop = _loop;
        var counter = new Counter { Loop = loop };
        Task[] producers = StartProducers(() =>
        {
            for (int i = 0; i < PerProducer; i++)
            {
                loop.CallSoonThreadsafe(static c =>
                {
                    if (++c.Count == Total)
                    {
                        c.Loop.Stop();
                    }
                }, counter);
            }
        });
        loop.RunForever();
        Task.WaitAll(producers);
        return counter.Count;
    }

    private static Task[] StartProducers(Action produce)
    {
        var producers = new Task[Producers];
        for (int p = 0; p < Producers; p++)
        {
            producers[p] = Task.Factory.StartNew(produce, TaskCreationOptions.LongRunning);
        }
        return producers;
    }
}
