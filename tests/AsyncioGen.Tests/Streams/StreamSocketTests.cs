using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using AsyncioGen;
using AsyncioGen.Streams;
using static AsyncioGen.Tests.Streams.StreamTest;
using StreamReader = AsyncioGen.Streams.StreamReader;
using StreamWriter = AsyncioGen.Streams.StreamWriter;

namespace AsyncioGen.Tests.Streams;

/// <summary>Client and server streams over real sockets on 127.0.0.1 (ephemeral ports), in-process.</summary>
[Collection("Streams")]
public class StreamSocketTests
{
    private static readonly Func<StreamReader, StreamWriter, FutureTask> EchoHandler = StreamTest.Echo(1024);

    [Fact]
    public void EchoRoundTrips() => Run(async () =>
    {
        await using Server server = await Asyncio.StartServerAsync(EchoHandler, "127.0.0.1", 0);
        Assert.True(server.IsServing);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        for (int i = 0; i < 20; i++)
        {
            byte[] message = Pattern(100 + i, i);
            writer.Write(message);
            await writer.DrainAsync();
            Assert.Equal(message, await reader.ReadExactlyAsync(message.Length));
        }
        writer.Close();
        await writer.WaitClosedAsync();
        Assert.True(writer.IsClosing);
    }, debug: true); // debug mode: a completion touching a future off the loop thread would throw

    [Fact]
    public void HostNamesResolve() => Run(async () =>
    {
        await using Server server = await Asyncio.StartServerAsync(EchoHandler, "127.0.0.1", 0);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("localhost", PortOf(server));
        writer.Write(Bytes("hi"));
        Assert.Equal("hi", Text(await reader.ReadExactlyAsync(2)));
        writer.Close();
        await writer.WaitClosedAsync();
    });

    [Fact]
    public void LineProtocol() => Run(async () =>
    {
        await using Server server = await Asyncio.StartServerAsync(async (reader, writer) =>
        {
            while (true)
            {
                byte[] line = await reader.ReadLineAsync();
                if (line.Length == 0)
                {
                    break;
                }
                writer.Write(Bytes(Text(line).ToUpperInvariant()));
            }
            writer.Close();
        }, "127.0.0.1", 0);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        writer.Write(Bytes("first\nsec"));
        await Asyncio.Sleep(0.01);
        writer.Write(Bytes("ond\nthird\n"));
        writer.WriteLines(new[] { Bytes("four"), Bytes("th\n") });
        Assert.Equal("FIRST\n", Text(await reader.ReadLineAsync()));
        Assert.Equal("SECOND\n", Text(await reader.ReadLineAsync()));
        Assert.Equal("THIRD\n", Text(await reader.ReadLineAsync()));
        Assert.Equal("FOURTH\n", Text(await reader.ReadLineAsync()));
        writer.WriteEof();
        Assert.Empty(await reader.ReadLineAsync()); // the server closed after our EOF
        Assert.True(reader.AtEof);
        writer.Close();
    });

    [Fact]
    public void ReadExactlyShortAtEofRaisesIncompleteRead() => Run(async () =>
    {
        await using Server server = await Asyncio.StartServerAsync(async (reader, writer) =>
        {
            writer.Write(Bytes("only five"[..5]));
            writer.Close();
            await writer.WaitClosedAsync();
        }, "127.0.0.1", 0);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        IncompleteReadError error = await Assert.ThrowsAsync<IncompleteReadError>(async () => await reader.ReadExactlyAsync(10));
        Assert.Equal("only ", Text(error.Partial));
        Assert.Equal(10, error.Expected);
        writer.Close();
    });

    [Fact]
    public void ReadUntilOverTheLimitLeavesTheDataForTheNextRead() => Run(async () =>
    {
        byte[] payload = Pattern(300);
        payload.AsSpan().Replace((byte)'|', (byte)0);
        await using Server server = await Asyncio.StartServerAsync(async (reader, writer) =>
        {
            writer.Write(payload);
            writer.Write(Bytes("|"));
            await writer.DrainAsync();
            writer.Close();
        }, "127.0.0.1", 0);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server), limit: 100);
        LimitOverrunError error = await Assert.ThrowsAsync<LimitOverrunError>(async () => await reader.ReadUntilAsync(Bytes("|")));
        Assert.True(error.Consumed > 100);
        byte[] rest = await reader.ReadAsync(-1);
        Assert.Equal(payload.Length + 1, rest.Length);
        Assert.Equal(payload, rest[..payload.Length]);
        writer.Close();
    });

    /// <summary>A raw peer that resets the connection: SO_LINGER 0, then close sends RST.</summary>
    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    [Fact]
    public void PeerResetWhileReadingRaisesSocketException() => Run(async () =>
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port);
        using Socket peer = listener.Accept();
        FutureTask<byte[]> reading = Asyncio.CreateTask(ReadLine(reader));
        await Asyncio.Sleep(0.02);
        Assert.False(reading.IsDone);
        Reset(peer);
        SocketException error = await Assert.ThrowsAsync<SocketException>(async () => await reading);
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
        Assert.True(writer.IsClosing);
        Assert.Same(error, await Assert.ThrowsAsync<SocketException>(async () => await writer.WaitClosedAsync()));
        await Assert.ThrowsAsync<SocketException>(async () => await writer.DrainAsync());
    });

    private static async FutureTask<byte[]> ReadLine(StreamReader reader) => await reader.ReadLineAsync();

    [Fact]
    public void PeerResetWhileDrainingRaisesTheConnectionError() => Run(async () =>
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port);
        using Socket peer = listener.Accept();
        peer.ReceiveBufferSize = 4096;
        byte[] chunk = new byte[64 * 1024];
        // The peer never reads: the kernel buffers fill, then the transport's buffer passes the high-water mark.
        DrainAwaitable drain;
        do
        {
            writer.Write(chunk);
            drain = writer.DrainAsync();
            if (drain.IsCompleted)
            {
                await drain;
                await Asyncio.Sleep(0.001);
            }
        }
        while (drain.IsCompleted);
        Assert.True(writer.Transport.WriteBufferSize > writer.Transport.GetWriteBufferLimits().High);
        FutureTask draining = Asyncio.CreateTask(async () => await drain);
        await Asyncio.Sleep(0.02);
        Assert.False(draining.IsDone);
        Reset(peer);
        Exception error = await Assert.ThrowsAnyAsync<Exception>(async () => await draining);
        Assert.True(error is SocketException or IOException, error.ToString());
        Assert.True(writer.IsClosing);
        await Assert.ThrowsAnyAsync<Exception>(async () => await reader.ReadAsync(1));
    });

    [Fact]
    public void HalfCloseLetsThePeerReadToEofAndStillReply() => Run(async () =>
    {
        await using Server server = await Asyncio.StartServerAsync(async (reader, writer) =>
        {
            byte[] all = await reader.ReadAsync(-1); // until the client's WriteEof
            writer.Write(Bytes("got " + all.Length));
            writer.Close();
        }, "127.0.0.1", 0);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        Assert.True(writer.CanWriteEof);
        writer.Write(Pattern(200_000));
        writer.WriteEof();
        Assert.Throws<InvalidOperationException>(() => writer.Write(Bytes("late")));
        Assert.Equal("got 200000", Text(await reader.ReadAsync(-1)));
        Assert.True(reader.AtEof);
        writer.Close();
        await writer.WaitClosedAsync();
    });

    [Fact]
    public void ServerCloseKeepsConnectionsAndWaitClosedWaitsForThem() => Run(async () =>
    {
        var handlerDone = Asyncio.GetRunningLoop().CreateFuture();
        Server server = await Asyncio.StartServerAsync(async (reader, writer) =>
        {
            byte[] line = await reader.ReadLineAsync();
            writer.Write(line);
            Assert.Empty(await reader.ReadLineAsync()); // until the client goes
            writer.Close();
            await writer.WaitClosedAsync();
            handlerDone.SetResult();
        }, "127.0.0.1", 0);
        int port = PortOf(server);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", port);
        await Asyncio.Sleep(0.01);
        Assert.Equal(1, server.ConnectionCount);

        server.Close();
        Assert.False(server.IsServing);
        Assert.Empty(server.Sockets);
        FutureTask waitClosed = Asyncio.CreateTask(server.WaitClosedAsync());
        await Assert.ThrowsAsync<SocketException>(async () => await Asyncio.OpenConnectionAsync("127.0.0.1", port)); // no longer listening

        writer.Write(Bytes("still here\n")); // the accepted connection still works
        Assert.Equal("still here\n", Text(await reader.ReadLineAsync()));
        await Asyncio.Sleep(0.02);
        Assert.False(waitClosed.IsDone); // asyncio 3.12.1+: waits for the connection to close

        writer.Close();
        await Asyncio.WaitFor(waitClosed, 5);
        Assert.True(handlerDone.IsDone);
        Assert.Equal(0, server.ConnectionCount);
        await server.WaitClosedAsync(); // both conditions hold: returns at once
    });

    [Fact]
    public void WaitClosedBeforeCloseWaitsForClose() => Run(async () =>
    {
        Server server = await Asyncio.StartServerAsync(EchoHandler, "127.0.0.1", 0);
        FutureTask waitClosed = Asyncio.CreateTask(server.WaitClosedAsync());
        await Asyncio.Sleep(0.01);
        Assert.False(waitClosed.IsDone); // open, no connections: still waits (the 3.12.0 bug returned here)
        server.Close();
        await Asyncio.WaitFor(waitClosed, 5);
    });

    [Fact]
    public void ServeForeverCancelledClosesTheServer() => Run(async () =>
    {
        Server server = await Asyncio.StartServerAsync(EchoHandler, "127.0.0.1", 0);
        FutureTask serving = Asyncio.CreateTask(server.ServeForeverAsync());
        await Asyncio.Sleep(0.01);
        serving.Cancel();
        await Assert.ThrowsAsync<CancelledError>(async () => await serving);
        Assert.False(server.IsServing);
        Assert.Empty(server.Sockets);
    });

    [Fact]
    public void CancellingAReadThenReadingAgainLosesNothing() => Run(async () =>
    {
        Future<StreamWriter> serverWriter = Asyncio.GetRunningLoop().CreateFuture<StreamWriter>();
        await using Server server = await Asyncio.StartServerAsync(async (reader, writer) =>
        {
            serverWriter.SetResult(writer);
            await reader.ReadAsync(-1);
            writer.Close();
        }, "127.0.0.1", 0);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        StreamWriter peer = await serverWriter;

        // Cancel a read that waits for data: only the wait ends.
        FutureTask<byte[]> waiting = Asyncio.CreateTask(ReadLine(reader));
        await Asyncio.Sleep(0.01);
        waiting.Cancel();
        await Assert.ThrowsAsync<CancelledError>(async () => await waiting);

        peer.Write(Bytes("first line\nsecond"));
        // Time out a read part-way through a line: the partial data stays buffered.
        await Assert.ThrowsAsync<TimeoutException>(async () => await Asyncio.WaitFor(ReadExactly(reader, 100), 0.05));
        peer.Write(Bytes(" line\n"));
        Assert.Equal("first line\n", Text(await reader.ReadLineAsync()));
        Assert.Equal("second line\n", Text(await reader.ReadLineAsync()));
        writer.Close();
    });

    private static async FutureTask<byte[]> ReadExactly(StreamReader reader, int n) => await reader.ReadExactlyAsync(n);

    [Fact]
    public void DrainCompletesAtOnceUnderTheHighMarkAndWaitsOverIt() => Run(async () =>
    {
        Future<StreamReader> serverReader = Asyncio.GetRunningLoop().CreateFuture<StreamReader>();
        await using Server server = await Asyncio.StartServerAsync(async (reader, writer) =>
        {
            serverReader.SetResult(reader);
            await Asyncio.GetRunningLoop().CreateFuture(); // holds the connection; the test closes it
        }, "127.0.0.1", 0);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        StreamReader peer = await serverReader;
        writer.Transport.SetWriteBufferLimits(high: 1000);
        Assert.Equal((250, 1000), writer.Transport.GetWriteBufferLimits());
        Assert.Throws<ArgumentException>(() => writer.Transport.SetWriteBufferLimits(high: 10, low: 20));

        writer.Write(Bytes("small"));
        Assert.True(writer.DrainAsync().IsCompleted); // under the high mark: no suspension
        await writer.DrainAsync();

        // Fill until the transport buffers more than the high mark (the peer does not read for now).
        byte[] chunk = new byte[256 * 1024];
        long written = 5;
        while (writer.Transport.WriteBufferSize <= 1000)
        {
            writer.Write(chunk);
            written += chunk.Length;
            await Asyncio.Sleep(0.001);
        }
        DrainAwaitable drain = writer.DrainAsync();
        Assert.False(drain.IsCompleted);

        // A cancelled drain only stops that wait.
        FutureTask cancelled = Asyncio.CreateTask(async () => await writer.DrainAsync());
        await Asyncio.Sleep(0);
        cancelled.Cancel();
        await Assert.ThrowsAsync<CancelledError>(async () => await cancelled);

        FutureTask draining = Asyncio.CreateTask(async () => await drain);
        long read = 0;
        // Stop reading once everything is read: the drain's wake-up may still be queued then, and another
        // read would wait for bytes that never come.
        while (!draining.IsDone && read < written)
        {
            read += (await peer.ReadAsync(65536)).Length;
        }
        await draining;
        Assert.True(writer.Transport.WriteBufferSize <= 250);
        while (read < written)
        {
            read += (await peer.ReadAsync(65536)).Length;
        }
        Assert.Equal(written, read);
        writer.Close();
        await writer.WaitClosedAsync();
        server.CloseClients();
    });

    [Fact]
    public void CloseClientsAndAbortClientsEndTheServersConnections() => Run(async () =>
    {
        Server server = await Asyncio.StartServerAsync(async (reader, writer) => await reader.ReadAsync(-1), "127.0.0.1", 0);
        var (reader1, writer1) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        var (reader2, writer2) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        await Asyncio.Sleep(0.01);
        Assert.Equal(2, server.ConnectionCount);
        server.CloseClients();
        Assert.Empty(await reader1.ReadAsync(-1)); // closed by the server: EOF
        Assert.Empty(await reader2.ReadAsync(-1));
        await Asyncio.Sleep(0.01);
        Assert.Equal(0, server.ConnectionCount);

        var (reader3, writer3) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        await Asyncio.Sleep(0.01);
        server.AbortClients();
        Assert.Empty(await reader3.ReadAsync(-1));
        server.Close();
        await Asyncio.WaitFor(server.WaitClosedAsync(), 5);
        foreach (StreamWriter writer in new[] { writer1, writer2, writer3 })
        {
            writer.Close();
            await writer.WaitClosedAsync();
        }
    });

    [Fact]
    public void WritesAfterTheConnectionIsLostAreDroppedAndReportedFromTheFifth() => Run(async () =>
    {
        var reports = new List<string>();
        Asyncio.GetRunningLoop().SetExceptionHandler((_, context) => reports.Add(context.Message));
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port);
        using Socket peer = listener.Accept();
        Reset(peer);
        await Assert.ThrowsAsync<SocketException>(async () => await reader.ReadAsync(1));
        for (int i = 0; i < 6; i++)
        {
            writer.Write(Bytes("lost")); // asyncio: no error, a warning once 5 writes were lost
        }
        Assert.Equal(new[] { "socket.send() raised exception.", "socket.send() raised exception." }, reports);
    });

    [Fact]
    public void ExtraInfoNamesTheEndpointsAndTheSocket() => Run(async () =>
    {
        await using Server server = await Asyncio.StartServerAsync(EchoHandler, "127.0.0.1", 0);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        var peer = (IPEndPoint)writer.GetExtraInfo("peername")!;
        var local = (IPEndPoint)writer.GetExtraInfo("sockname")!;
        Assert.Equal(PortOf(server), peer.Port);
        Assert.Equal(IPAddress.Loopback, local.Address);
        var socket = Assert.IsType<Socket>(writer.GetExtraInfo("socket"));
        Assert.True(socket.NoDelay); // as asyncio: TCP_NODELAY on every transport
        Assert.Equal("fallback", writer.GetExtraInfo("nonexistent", "fallback"));
        writer.Close();
        await writer.WaitClosedAsync();
    });

    [Fact]
    public void AFailingHandlerIsReportedAndItsConnectionClosed() => Run(async () =>
    {
        var reports = new List<ExceptionContext>();
        Asyncio.GetRunningLoop().SetExceptionHandler((_, context) => reports.Add(context));
        await using Server server = await Asyncio.StartServerAsync(async (reader, writer) =>
        {
            await reader.ReadLineAsync();
            throw new InvalidOperationException("handler bug");
        }, "127.0.0.1", 0);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        writer.Write(Bytes("go\n"));
        Assert.Empty(await reader.ReadAsync(-1)); // the server side closed the connection
        ExceptionContext report = Assert.Single(reports);
        Assert.Equal("Unhandled exception in client_connected_cb", report.Message);
        Assert.Equal("handler bug", report.Exception!.Message);
        writer.Close();
    });

    [Fact]
    public void APlainCallbackHandlerWorks() => Run(async () =>
    {
        var writers = new List<StreamWriter>();
        await using Server server = await Asyncio.StartServerAsync((StreamReader reader, StreamWriter writer) =>
        {
            writer.Write(Bytes("welcome\n"));
            writer.Close();
            writers.Add(writer);
        }, "127.0.0.1", 0);
        var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", PortOf(server));
        Assert.Equal("welcome\n", Text(await reader.ReadLineAsync()));
        Assert.Single(writers);
        writer.Close();
    });

    [Fact]
    public void ConnectionRefusedIsASocketException() => Run(async () =>
    {
        int port;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            port = ((IPEndPoint)probe.LocalEndPoint!).Port; // bound, never listening, then closed
        }
        SocketException error = await Assert.ThrowsAsync<SocketException>(async () => await Asyncio.OpenConnectionAsync("127.0.0.1", port));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    });
}
