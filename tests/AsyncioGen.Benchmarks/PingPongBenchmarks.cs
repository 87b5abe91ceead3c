using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace AsyncioGen.Benchmarks;

/// <summary>Ping-pong: two tasks hand a value back and forth through futures, 200,000 exchanges.</summary>
public class PingPongBenchmarks
{
    public const int Exchanges = 200_000;

    private EventLoop _loop = null!;

    [GlobalSetup]
    public void Setup() => _loop = new EventLoop();

    [GlobalCleanup]
    public void Cleanup() => _loop.Close();

    private sealed class FutureChannel
    {
        public Future<int> ToPong = null!;
        public Future<int> ToPing = null!;
    }

    private sealed class TaskChannel
    {
        public TaskCompletionSource<int> ToPong = null!;
        public TaskCompletionSource<int> ToPing = null!;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Exchanges, Description = "ping-pong: async Task + TaskCompletionSource on a single-threaded context")]
    public int Tasks() => SingleThreadSynchronizationContext.Run(async () =>
    {
        var channel = new TaskChannel { ToPong = new(TaskCreationOptions.RunContinuationsAsynchronously) };
        Task<int> pong = PongTaskAsync(channel);
        int last = 0;
        for (int i = 0; i < Exchanges; i++)
        {
            channel.ToPing = new(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.ToPong.SetResult(i);
            last = await channel.ToPing.Task;
        }
        channel.ToPong.SetResult(-1);
        await pong;
        return last;
    });

    private static async Task<int> PongTaskAsync(TaskChannel channel)
    {
        while (true)
        {
            int value = await channel.ToPong.Task;
            if (value < 0)
            {
                return 0;
            }
            channel.ToPong = new(TaskCreationOptions.RunContinuationsAsynchronously);
            channel.ToPing.SetResult(value);
        }
    }

    [Benchmark(OperationsPerInvoke = Exchanges, Description = "ping-pong: two FutureTasks exchanging futures")]
    public int Futures() => _loop.RunUntilComplete(PingAsync(_loop));

    private static async FutureTask<int> PingAsync(EventLoop loop)
    {
        var channel = new FutureChannel { ToPong = loop.CreateFuture<int>() };
        FutureTask<int> pong = PongAsync(loop, channel);
        int last = 0;
        for (int i = 0; i < Exchanges; i++)
        {
            channel.ToPing = loop.CreateFuture<int>();
            channel.ToPong.SetResult(i);
            last = await channel.ToPing;
        }
        channel.ToPong.SetResult(-1);
        await pong;
        return last;
    }

    private static async FutureTask<int> PongAsync(EventLoop loop, FutureChannel channel)
    {
        while (true)
        {
            int value = await channel.ToPong;
            if (value < 0)
            {
                return 0;
            }
            channel.ToPong = loop.CreateFuture<int>();
            channel.ToPing.SetResult(value);
        }
    }
}
