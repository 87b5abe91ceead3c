using System.Threading.Channels;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>
/// Queue producer/consumer: 1 producer, 4 consumers, a queue bounded to 16 items, 1,000,000 items (each
/// consumer stops at a -1 sentinel, as the CPython workload does). An operation is one item.
/// </summary>
public class QueueProducerConsumerBenchmarks
{
    public const int Items = 1_000_000;
    public const int Consumers = 4;
    public const int Bound = 16;

    private EventLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    [Benchmark(Baseline = true, OperationsPerInvoke = Items, Description = "queue producer/consumer: bounded Channel<int> + async Task on a single-threaded context")]
    public long Channels() => SingleThreadSynchronizationContext.Run(async () =>
    {
        Channel<int> channel = Channel.CreateBounded<int>(new BoundedChannelOptions(Bound) { SingleWriter = true });
        var consumers = new Task<long>[Consumers];
        for (int i = 0; i < Consumers; i++)
        {
            consumers[i] = ConsumeChannelAsync(channel.Reader);
        }
        for (int i = 0; i < Items; i++)
        {
            await channel.Writer.WriteAsync(i);
        }
        for (int i = 0; i < Consumers; i++)
        {
            await channel.Writer.WriteAsync(-1);
        }
        long sum = 0;
        foreach (Task<long> consumer in consumers)
        {
            sum += await consumer;
        }
        return sum;
    });

    private static async Task<long> ConsumeChannelAsync(ChannelReader<int> reader)
    {
        long sum = 0;
        while (true)
        {
            int item = await reader.ReadAsync();
            if (item < 0)
            {
                return sum;
            }
            sum += item;
        }
    }

    [Benchmark(OperationsPerInvoke = Items, Description = "queue producer/consumer: AsyncioGen.Queue<int> + FutureTasks")]
    public long Queue() => _loop.RunUntilComplete(ProduceAsync());

    private static async FutureTask<long> ProduceAsync()
    {
        var queue = new Queue<int>(Bound);
        var consumers = new FutureTask<long>[Consumers];
        for (int i = 0; i < Consumers; i++)
        {
            consumers[i] = Asyncio.CreateTask(ConsumeAsync(queue));
        }
        for (int i = 0; i < Items; i++)
        {
            await queue.PutAsync(i);
        }
        for (int i = 0; i < Consumers; i++)
        {
            await queue.PutAsync(-1);
        }
        long sum = 0;
        foreach (FutureTask<long> consumer in consumers)
        {
            sum += await consumer;
        }
        return sum;
    }

    private static async FutureTask<long> ConsumeAsync(Queue<int> queue)
    {
        long sum = 0;
        while (true)
        {
            int item = await queue.GetAsync();
            queue.TaskDone();
            if (item < 0)
            {
                return sum;
            }
            sum += item;
        }
    }
}
