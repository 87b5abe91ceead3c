using System;
using System.Collections.Generic;

namespace AsyncioGen.Streams;

/// <summary>
/// The writing half of a stream connection (asyncio's <c>StreamWriter</c>): writes go to the transport's
/// buffer at once; <see cref="DrainAsync"/> is where a producer waits for the buffer to drain. Not
/// thread-safe: use it from its loop's thread.
/// </summary>
public sealed class StreamWriter
{
    private readonly StreamReaderProtocol _protocol;
    private readonly StreamReader? _reader;

    internal StreamWriter(SocketTransport transport, StreamReaderProtocol protocol, StreamReader? reader)
    {
        Transport = transport;
        _protocol = protocol;
        _reader = reader;
    }

    /// <summary>The transport underneath.</summary>
    public SocketTransport Transport { get; }

    /// <summary>Writes <paramref name="data"/> (copied, or sent at once when nothing is buffered); never waits.</summary>
    /// <exception cref="InvalidOperationException">After <see cref="WriteEof"/>.</exception>
    public void Write(ReadOnlySpan<byte> data) => Transport.Write(data);

    /// <summary>Writes each buffer in turn (asyncio's <c>writelines</c>).</summary>
    public void WriteLines(IEnumerable<byte[]> data) => Transport.WriteLines(data);

    /// <summary>Closes the write side once the buffer is sent (asyncio's <c>write_eof</c>): the peer reads EOF.</summary>
    public void WriteEof() => Transport.WriteEof();

    /// <summary>True: a socket can half-close.</summary>
    public bool CanWriteEof => Transport.CanWriteEof;

    /// <summary>Closes the connection once the buffer is sent (asyncio's <c>close</c>).</summary>
    public void Close() => Transport.Close();

    /// <summary>True once closing (asyncio's <c>is_closing</c>).</summary>
    public bool IsClosing => Transport.IsClosing;

    /// <summary>Waits until the connection is closed; throws the error it was lost with, if any (asyncio's <c>wait_closed</c>).</summary>
    public FutureAwaitable WaitClosedAsync() => new(_protocol.Closed);

    /// <summary>Transport information: <c>"peername"</c>, <c>"sockname"</c> (endpoints), <c>"socket"</c>.</summary>
    public object? GetExtraInfo(string name, object? defaultValue = null) => Transport.GetExtraInfo(name, defaultValue);

    /// <summary>
    /// Waits until the transport's write buffer is at its low-water mark, if it went over its high-water mark
    /// (asyncio's <c>drain</c>); otherwise completes at once without suspending. Throws the connection's error
    /// (the reader's, if it failed), or <see cref="System.Net.Sockets.SocketException"/> (ConnectionReset,
    /// "Connection lost") once the connection is gone.
    /// </summary>
    public DrainAwaitable DrainAsync()
    {
        Exception? failure = _reader?.GetException();
        if (failure is not null)
        {
            return new DrainAwaitable(failure);
        }
        if (Transport.IsClosing)
        {
            // Let connection_lost run first, so a write-drain loop sees the error of a closed connection.
            return new DrainAwaitable(DrainAfterYieldAsync());
        }
        return new DrainAwaitable(_protocol.Drain());
    }

    private async FutureTask DrainAfterYieldAsync()
    {
        await Asyncio.Sleep(0);
        await new DrainAwaitable(_protocol.Drain());
    }

    /// <inheritdoc/>
    public override string ToString() => _reader is null
        ? "<StreamWriter transport=" + Transport + ">"
        : "<StreamWriter transport=" + Transport + " reader=" + _reader + ">";
}
