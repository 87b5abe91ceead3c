using System;
using System.Net;
using System.Net.Sockets;
using AsyncioGen;
using AsyncioGen.Streams;
using static AsyncioGen.Tests.Streams.StreamTest;
using StreamReader = AsyncioGen.Streams.StreamReader;

namespace AsyncioGen.Tests.Streams;

/// <summary>
/// The streams' allocation goals, measured exactly with <see cref="GC.GetAllocatedBytesForCurrentThread"/>
/// around warmed-up code: a buffered read allocates only the bytes it returns; a write under the high-water
/// mark (sent at once, or copied into the pooled buffer) and its drain allocate nothing.
/// </summary>
[Collection("Streams")]
public class StreamAllocationTests
{
    private const int N = 200;

    /// <summary>What N arrays of <paramref name="length"/> bytes cost on this runtime.</summary>
    private static long CostOfArrays(int length)
    {
        byte[][] keep = new byte[N][];
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < N; i++)
        {
            keep[i] = new byte[length];
        }
        long cost = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(keep);
        return cost;
    }

    /// <summary>The outcome of a read that must not wait (its awaiter completes synchronously).</summary>
    private static byte[] Now(StreamReadAwaitable read)
    {
        if (!read.IsCompleted)
        {
            throw new InvalidOperationException("The read would wait.");
        }
        return read.GetAwaiter().GetResult();
    }

    private static void Now(DrainAwaitable drain)
    {
        if (!drain.IsCompleted)
        {
            throw new InvalidOperationException("The drain would wait.");
        }
        drain.GetAwaiter().GetResult();
    }

    private static byte[] Lines(int count, int length)
    {
        var data = new byte[count * length];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (i + 1) % length == 0 ? (byte)'\n' : (byte)('a' + i % 26);
        }
        return data;
    }

    [Fact]
    public void ABufferedReadAllocatesOnlyTheReturnedBytes()
    {
        using var loop = new EventLoop();
        const int Length = 24;
        var reader = new StreamReader(loop: loop);
        byte[][] results = new byte[N][];
        for (int round = 0; round < 3; round++)
        {
            reader.FeedData(Lines(4 * N, Length));
            long expected = CostOfArrays(Length);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                results[i] = Now(reader.ReadLineAsync()); // buffered: completes at once
            }
            long readLine = GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                results[i] = Now(reader.ReadExactlyAsync(Length));
            }
            long readExactly = GC.GetAllocatedBytesForCurrentThread() - before;

            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                results[i] = Now(reader.ReadAsync(Length));
            }
            long read = GC.GetAllocatedBytesForCurrentThread() - before;

            byte[] separator = { (byte)'\n' };
            before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                results[i] = Now(reader.ReadUntilAsync(separator));
            }
            long readUntil = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.All(results, line => Assert.Equal(Length, line.Length));
            if (round > 0) // the first round warms up the JIT and the pool
            {
                Assert.Equal(expected, readLine);
                Assert.Equal(expected, readExactly);
                Assert.Equal(expected, read);
                Assert.Equal(expected, readUntil);
            }
        }
    }

    [Fact]
    public void WritesUnderTheHighMarkAndTheirDrainAllocateNothing() => Run(async () =>
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port);
        using Socket peer = listener.Accept();
        byte[] message = Pattern(64);
        var sink = new byte[1 << 20];

        // 1. Nothing buffered: each write goes straight to the socket.
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                writer.Write(message);
                Now(writer.DrainAsync()); // under the high mark: complete, nothing to wait for
            }
            long direct = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, writer.Transport.WriteBufferSize);
            int drained = 0;
            while (drained < N * message.Length)
            {
                drained += peer.Receive(sink);
            }
            if (round > 0)
            {
                Assert.Equal(0, direct);
            }
        }

        // 2. A send in flight (the peer stopped reading): writes are copied into the pooled buffer.
        writer.Transport.SetWriteBufferLimits(high: 64 << 20);
        byte[] big = new byte[1 << 20];
        while (writer.Transport.WriteBufferSize == 0)
        {
            writer.Write(big);
        }
        for (int round = 0; round < 3; round++)
        {
            while (writer.Transport.WriteBufferFreeTail < N * message.Length)
            {
                writer.Write(message); // let the pooled buffer grow first (warm-up)
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < N; i++)
            {
                writer.Write(message);
                Now(writer.DrainAsync());
            }
            long buffered = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(writer.Transport.WriteBufferSize > 0);
            if (round > 0)
            {
                Assert.Equal(0, buffered);
            }
        }
        writer.Transport.Abort();
        await Asyncio.Sleep(0);
        GC.KeepAlive(reader);
    });
}
