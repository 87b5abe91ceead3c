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

    [Benchmark(Baseline = true, OperationsPerInvoke = Total, Description = "threadsafe: Channel<Action> with one reader")]
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

    [Benchmark(OperationsPerInvoke = Total, Description = "threadsafe: ConcurrentQueue<Action> with one consumer")]
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
        using var loop = new EventLoop();
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
