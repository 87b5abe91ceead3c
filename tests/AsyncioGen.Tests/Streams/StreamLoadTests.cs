using System;
using System.Collections.Generic;
using AsyncioGen;
using AsyncioGen.Streams;
using static AsyncioGen.Tests.Streams.StreamTest;
using StreamReader = AsyncioGen.Streams.StreamReader;
using StreamWriter = AsyncioGen.Streams.StreamWriter;

namespace AsyncioGen.Tests.Streams;

/// <summary>Many connections and large transfers on one loop; bounded by deadlines, every socket closed.</summary>
[Collection("Streams")]
public class StreamLoadTests
{
    private static readonly Func<StreamReader, StreamWriter, FutureTask> EchoHandler = StreamTest.Echo(4096);

    [Fact]
    public void TheSocketCountSeesOpenSockets()
    {
        // The leak checks (here and in StreamTest.Run) would be vacuous if the count could not see a socket.
        Assert.True(OperatingSystem.IsLinux() == (OpenSocketCount() >= 0));
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        int before = OpenSocketCount();
        using (var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp))
        {
            Assert.Equal(before + 1, OpenSocketCount());
        }
        Assert.Equal(before, OpenSocketCount());
    }

    [Fact]
    public void AThousandClientsEachDoAHundredRoundTrips()
    {
        const int Clients = 1000;
        const int RoundTrips = 100;
        int socketsBefore = OpenSocketCount();
        long echoed = 0;
        Run(async () =>
        {
            Server server = await Asyncio.StartServerAsync(EchoHandler, "127.0.0.1", 0, backlog: Clients);
            int port = PortOf(server);
            var clients = new List<FutureTask<long>>();
            for (int c = 0; c < Clients; c++)
            {
                clients.Add(Asyncio.CreateTask(ClientAsync(port, c)));
            }
            long[] totals = await Asyncio.Gather(clients.ToArray());
            foreach (long total in totals)
            {
                echoed += total;
            }
            server.Close();
            await server.WaitClosedAsync(); // every server-side connection closed too
            Assert.Equal(0, server.ConnectionCount);
        }, seconds: 90);

        Assert.Equal((long)Clients * RoundTrips * 64, echoed);
        if (socketsBefore >= 0)
        {
            Assert.Equal(socketsBefore, WaitForSocketCount(socketsBefore)); // no handle left behind
        }

        static async FutureTask<long> ClientAsync(int port, int id)
        {
            var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", port);
            long total = 0;
            for (int i = 0; i < RoundTrips; i++)
            {
                byte[] message = Pattern(64, id + i);
                writer.Write(message);
                await writer.DrainAsync();
                byte[] echo = await reader.ReadExactlyAsync(64);
                if (!echo.AsSpan().SequenceEqual(message))
                {
                    throw new InvalidOperationException($"client {id} round trip {i}: wrong bytes");
                }
                total += echo.Length;
            }
            writer.Close();
            await writer.WaitClosedAsync();
            return total;
        }
    }

    [Fact]
    public void ASlowReaderKeepsTheDrainingWriterUnderItsHighWaterMark()
    {
        const long Total = 100L * 1024 * 1024;
        const int Chunk = 16 * 1024;
        int socketsBefore = OpenSocketCount();
        Run(async () =>
        {
            Future<long> received = Asyncio.GetRunningLoop().CreateFuture<long>();
            Server server = await Asyncio.StartServerAsync(async (reader, writer) =>
            {
                long count = 0;
                int reads = 0;
                while (true)
                {
                    byte[] data = await reader.ReadAsync(32 * 1024);
                    if (data.Length == 0)
                    {
                        break;
                    }
                    count += data.Length;
                    if (++reads % 64 == 0)
                    {
                        await Asyncio.Sleep(0.001); // slower than the writer
                    }
                }
                received.SetResult(count);
                writer.Close();
            }, "127.0.0.1", 0);
            var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
            (int low, int high) = writer.Transport.GetWriteBufferLimits();
            byte[] chunk = Pattern(Chunk);
            int maxAfterWrite = 0;
            int maxAfterDrain = 0;
            int waits = 0;
            for (long sent = 0; sent < Total; sent += Chunk)
            {
                writer.Write(chunk);
                maxAfterWrite = Math.Max(maxAfterWrite, writer.Transport.WriteBufferSize);
                DrainAwaitable drain = writer.DrainAsync();
                if (!drain.IsCompleted)
                {
                    waits++;
                }
                await drain;
                maxAfterDrain = Math.Max(maxAfterDrain, writer.Transport.WriteBufferSize);
            }
            writer.WriteEof();
            Assert.Equal(Total, await received);
            Assert.True(waits > 0, "the writer never had to wait: the reader was not slow");
            Assert.True(maxAfterDrain <= high, $"after a drain {maxAfterDrain} bytes were buffered (high-water mark {high})");
            Assert.True(maxAfterWrite <= high + Chunk, $"{maxAfterWrite} bytes were buffered (high-water mark {high} + one write)");
            Assert.Equal((16 * 1024, 64 * 1024), (low, high));
            writer.Close();
            await writer.WaitClosedAsync();
            server.Close();
            await server.WaitClosedAsync();
        }, seconds: 90);
        if (socketsBefore >= 0)
        {
            Assert.Equal(socketsBefore, WaitForSocketCount(socketsBefore));
        }
    }
}
