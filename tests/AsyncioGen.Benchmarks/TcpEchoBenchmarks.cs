using System;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using AsyncioGen.Streams;
using BenchmarkDotNet.Attributes;
using StreamReader = AsyncioGen.Streams.StreamReader;
using StreamWriter = AsyncioGen.Streams.StreamWriter;

namespace AsyncioGen.Benchmarks;

/// <summary>
/// TCP echo over 127.0.0.1: clients write 64 bytes, drain, and read the echo back exactly; one operation is one
/// round trip. AsyncioGen streams (server and clients on one event loop, as asyncio_echo_bench.py runs CPython's)
/// beside plain <see cref="NetworkStream"/> async on the thread pool. Scaled from the 1 x 100k and
/// 100 x 10k to 1 x 20k and 100 x 1k so an invocation stays short on 2 cores (keep in step with the Python script).
/// </summary>
[MemoryDiagnoser]
public abstract class TcpEchoBenchmarks
{
    protected const int SingleRoundTrips = 20_000;
    protected const int Connections = 100;
    protected const int RoundTripsEach = 1_000;
    private const int MessageSize = 64;

    private static readonly byte[] s_message = CreateMessage();

    protected EventLoop Loop { get; private set; } = null!;
    private Server _server = null!;
    private int _streamsPort;
    private TcpListener _listener = null!;
    private Task _acceptLoop = null!;

    private static byte[] CreateMessage()
    {
        var message = new byte[MessageSize];
        for (int i = 0; i < message.Length; i++)
        {
            message[i] = (byte)i;
        }
        return message;
    }

    [GlobalSetup]
    public void Setup()
    {
        Loop = new EventLoop();
        _server = Loop.RunUntilComplete(Asyncio.StartServerAsync(EchoHandlerAsync, "127.0.0.1", 0, backlog: 1000));
        _streamsPort = ((IPEndPoint)_server.Sockets[0].LocalEndPoint!).Port;

        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start(1000);
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _server.Close();
        Loop.RunUntilComplete(_server.WaitClosedAsync());
        Loop.Close();
        _listener.Stop();
        try
        {
            _acceptLoop.Wait();
        }
        catch (AggregateException)
        {
            // the listener stopped: expected
        }
    }

    // ---------------------------------------------------------------- AsyncioGen streams

    private static async FutureTask EchoHandlerAsync(StreamReader reader, StreamWriter writer)
    {
        while (true)
        {
            byte[] data = await reader.ReadAsync(4096);
            if (data.Length == 0)
            {
                break;
            }
            writer.Write(data);
            await writer.DrainAsync();
        }
        writer.Close();
        await writer.WaitClosedAsync();
    }

    private static async FutureTask<int> StreamsClientAsync(int port, int roundTrips)
    {
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", port);
        for (int i = 0; i < roundTrips; i++)
        {
            writer.Write(s_message);
            await writer.DrainAsync();
            byte[] echo = await reader.ReadExactlyAsync(MessageSize);
            if (echo[MessageSize - 1] != s_message[MessageSize - 1])
            {
                throw new InvalidOperationException("The echo differs from the message.");
            }
        }
        writer.Close();
        await writer.WaitClosedAsync();
        return roundTrips;
    }

    protected async FutureTask<int> StreamsClientsAsync(int connections, int roundTrips)
    {
        var clients = new FutureTask<int>[connections];
        for (int i = 0; i < connections; i++)
        {
            clients[i] = StreamsClientAsync(_streamsPort, roundTrips);
        }
        int total = 0;
        foreach (int done in await Asyncio.Gather(clients))
        {
            total += done;
        }
        return total;
    }

    // ---------------------------------------------------------------- NetworkStream on the thread pool

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync();
            _ = Task.Run(() => EchoNetworkStreamAsync(client));
        }
    }

    private static async Task EchoNetworkStreamAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            NetworkStream stream = client.GetStream();
            var buffer = new byte[4096];
            while (true)
            {
                int read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    break;
                }
                await stream.WriteAsync(buffer.AsMemory(0, read));
            }
        }
    }

    private async Task<int> NetworkStreamClientAsync(int roundTrips)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        NetworkStream stream = client.GetStream();
        var echo = new byte[MessageSize];
        for (int i = 0; i < roundTrips; i++)
        {
            await stream.WriteAsync(s_message);
            await stream.ReadExactlyAsync(echo);
            if (echo[MessageSize - 1] != s_message[MessageSize - 1])
            {
                throw new InvalidOperationException("The echo differs from the message.");
            }
        }
        return roundTrips;
    }

    protected async Task<int> NetworkStreamClientsAsync(int connections, int roundTrips)
    {
        var clients = new Task<int>[connections];
        for (int i = 0; i < connections; i++)
        {
            clients[i] = Task.Run(() => NetworkStreamClientAsync(roundTrips));
        }
        int total = 0;
        foreach (int done in await Task.WhenAll(clients))
        {
            total += done;
        }
        return total;
    }
}

/// <summary>TCP echo, one connection × 20,000 round trips.</summary>
public class TcpEchoOneConnectionBenchmarks : TcpEchoBenchmarks
{
    [Benchmark(Baseline = true, OperationsPerInvoke = SingleRoundTrips, Description = "tcp echo, 1 connection: NetworkStream async on the thread pool")]
    public int NetworkStream() => NetworkStreamClientsAsync(1, SingleRoundTrips).GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = SingleRoundTrips, Description = "tcp echo, 1 connection: AsyncioGen streams (one loop)")]
    public int Streams() => Loop.RunUntilComplete(StreamsClientsAsync(1, SingleRoundTrips));
}

/// <summary>TCP echo, 100 connections × 1,000 round trips.</summary>
public class TcpEchoManyConnectionsBenchmarks : TcpEchoBenchmarks
{
    [Benchmark(Baseline = true, OperationsPerInvoke = Connections * RoundTripsEach, Description = "tcp echo, 100 connections: NetworkStream async on the thread pool")]
    public int NetworkStream() => NetworkStreamClientsAsync(Connections, RoundTripsEach).GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Connections * RoundTripsEach, Description = "tcp echo, 100 connections: AsyncioGen streams (one loop)")]
    public int Streams() => Loop.RunUntilComplete(StreamsClientsAsync(Connections, RoundTripsEach));
}
