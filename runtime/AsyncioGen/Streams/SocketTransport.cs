using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;

namespace AsyncioGen.Streams;

/// <summary>
/// A TCP connection driven by the event loop (asyncio's socket transport). Reads: one receive is always in
/// flight (unless paused), straight into the reader's buffer, through the <c>[Future]</c> twin
/// <c>SocketChannel.ReceiveAsync</c>, so every completion runs on the loop thread. Writes: sent at once when
/// nothing is buffered (a non-blocking send, as asyncio's <c>write</c> does), otherwise copied into a pooled
/// buffer that a <c>SendAsync</c> twin drains. Write-side flow control follows asyncio: over the high-water
/// mark the protocol is paused; at the low-water mark it resumes. Not thread-safe: use it from its loop's thread.
/// </summary>
public sealed class SocketTransport
{
    /// <summary>asyncio's default high-water mark: 64 KiB.</summary>
    public const int DefaultHighWater = 64 * 1024;

    private const int MinimumWriteBuffer = 4 * 1024;
    private const int ConnectionLostWriteWarningThreshold = 5; // asyncio's LOG_THRESHOLD_FOR_CONNLOST_WRITES

    private static readonly Action<Future<int>, SocketTransport> s_onReceived = static (future, transport) => transport.OnReceived(future);
    private static readonly Action<Future<int>, SocketTransport> s_onSent = static (future, transport) => transport.OnSent(future);

    private readonly EventLoop _loop;
    private readonly Socket _socket;
    private readonly SocketChannel _channel;
    private readonly StreamReaderProtocol _protocol;
    private readonly object? _peerName;
    private readonly object? _sockName;
    private Server? _server;
    private Future? _waiter;

    private bool _closing;
    private int _connectionLost;   // > 0 once connection_lost is scheduled; counts writes after that
    private bool _socketClosed;
    private bool _readPaused;
    private bool _readEof;         // the peer sent EOF: no more receives
    private bool _receiving;
    private bool _writeEof;
    private bool _protocolPaused;
    private int _highWater = DefaultHighWater;
    private int _lowWater = DefaultHighWater / 4;

    // The write buffer: pending bytes are [_writeStart, _writeEnd). While a send is in flight it reads the first
    // _sendingCount of them from _sendingArray, which is kept out of the pool until the send completes.
    private byte[]? _writeBuffer;
    private int _writeStart;
    private int _writeEnd;
    private bool _sending;
    private byte[]? _sendingArray;

    internal SocketTransport(EventLoop loop, Socket socket, StreamReaderProtocol protocol, Future? waiter, Server? server, object? peerName = null)
    {
        _loop = loop;
        _socket = socket;
        _channel = new SocketChannel(socket);
        _protocol = protocol;
        _waiter = waiter;
        _server = server;
        _sockName = TryGet(static s => s.LocalEndPoint, socket);
        _peerName = peerName ?? TryGet(static s => s.RemoteEndPoint, socket);
        // Disable Nagle, as asyncio does for every TCP transport: small writes go out without waiting for an ACK.
        socket.NoDelay = true;
        // The direct send in Write must never block the loop.
        socket.Blocking = false;
        server?.Attach(this);
        // asyncio: connection_made, then reading starts, then the opener's waiter is set, all on the next iteration.
        loop.CallSoon(static transport => transport.Start(), this);
    }

    internal EventLoop Loop => _loop;

    /// <summary>True once <see cref="Close"/> or <see cref="Abort"/> was called, or the connection failed.</summary>
    public bool IsClosing => _closing;

    /// <summary>True while the transport receives (not paused, not closing).</summary>
    public bool IsReading => !_closing && !_readPaused;

    /// <summary>True: TCP can half-close.</summary>
    public bool CanWriteEof => true;

    /// <summary>The bytes written but not yet handed to the socket (including a send in flight).</summary>
    public int WriteBufferSize => _writeEnd - _writeStart;

    /// <summary>Free bytes after the buffered ones in the current write buffer (for the allocation tests).</summary>
    internal int WriteBufferFreeTail => _writeBuffer is null ? 0 : _writeBuffer.Length - _writeEnd;

    /// <summary>The write buffer's (low, high) water marks.</summary>
    public (int Low, int High) GetWriteBufferLimits() => (_lowWater, _highWater);

    /// <summary>
    /// Sets the write buffer's water marks (asyncio's <c>set_write_buffer_limits</c>): high defaults to 64 KiB (or
    /// 4 × low), low to high / 4; the protocol pauses over high and resumes at low.
    /// </summary>
    public void SetWriteBufferLimits(int? high = null, int? low = null)
    {
        int h = high ?? (low is null ? DefaultHighWater : 4 * low.Value);
        int l = low ?? h / 4;
        if (!(h >= l && l >= 0))
        {
            throw new ArgumentException($"high ({h}) must be >= low ({l}) must be >= 0");
        }
        _highWater = h;
        _lowWater = l;
        MaybePauseProtocol();
    }

    /// <summary>Transport information: <c>"peername"</c>, <c>"sockname"</c> (endpoints), <c>"socket"</c>.</summary>
    public object? GetExtraInfo(string name, object? defaultValue = null) => name switch
    {
        "peername" => _peerName ?? defaultValue,
        "sockname" => _sockName ?? defaultValue,
        "socket" => _socket,
        _ => defaultValue,
    };

    /// <summary>Stops receiving until <see cref="ResumeReading"/> (a receive in flight still delivers its data).</summary>
    public void PauseReading()
    {
        if (!IsReading)
        {
            return;
        }
        _readPaused = true;
    }

    /// <summary>Starts receiving again.</summary>
    public void ResumeReading()
    {
        if (_closing || !_readPaused)
        {
            return;
        }
        _readPaused = false;
        StartReceive();
    }

    /// <summary>Writes <paramref name="data"/>; see <see cref="StreamWriter.Write"/>.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        if (_writeEof)
        {
            throw new InvalidOperationException("Cannot call write() after write_eof()");
        }
        if (data.IsEmpty)
        {
            return;
        }
        if (_connectionLost > 0)
        {
            if (_connectionLost >= ConnectionLostWriteWarningThreshold)
            {
                _loop.CallExceptionHandler(new ExceptionContext("socket.send() raised exception."));
            }
            _connectionLost++;
            return;
        }
        if (WriteBufferSize == 0)
        {
            // asyncio's optimization: try to send now.
            int sent = _socket.Send(data, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success)
            {
                data = data[sent..];
                if (data.IsEmpty)
                {
                    return;
                }
            }
            else if (error is not (SocketError.WouldBlock or SocketError.Interrupted))
            {
                FatalError(new SocketException((int)error), "Fatal write error on socket transport");
                return;
            }
            Append(data);
            StartSend();
        }
        else
        {
            Append(data);
        }
        MaybePauseProtocol();
    }

    /// <summary>Writes each buffer in turn.</summary>
    public void WriteLines(IEnumerable<byte[]> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_writeEof)
        {
            throw new InvalidOperationException("Cannot call writelines() after write_eof()");
        }
        foreach (byte[] item in data)
        {
            Write(item);
        }
    }

    /// <summary>Shuts the write side down once the buffer is sent.</summary>
    public void WriteEof()
    {
        if (_closing || _writeEof)
        {
            return;
        }
        _writeEof = true;
        if (WriteBufferSize == 0)
        {
            ShutdownSend();
        }
    }

    /// <summary>Closes the connection once the buffer is sent; the protocol's connection_lost follows (asyncio's <c>close</c>).</summary>
    public void Close()
    {
        if (_closing)
        {
            return;
        }
        _closing = true;
        if (WriteBufferSize == 0)
        {
            _connectionLost++;
            _loop.CallSoon(static state => state.Transport.CallConnectionLost(state.Error), new LostState(this, null));
        }
    }

    /// <summary>Closes at once, dropping the write buffer (asyncio's <c>abort</c>).</summary>
    public void Abort() => ForceClose(null);

    /// <inheritdoc/>
    public override string ToString()
    {
        string state = _socketClosed ? "closed" : _closing ? "closing" : "open";
        return $"<SocketTransport {state} peer={_peerName} read={(IsReading ? "polling" : "idle")} write=<bufsize={WriteBufferSize}>>";
    }

    // ------------------------------------------------------------------ lifecycle

    private void Start()
    {
        try
        {
            _protocol.ConnectionMade(this);
        }
        finally
        {
            StartReceive();
            Future? waiter = _waiter;
            _waiter = null;
            if (waiter is not null && !waiter.IsDone)
            {
                waiter.SetResult();
            }
        }
    }

    private sealed record LostState(SocketTransport Transport, Exception? Error);

    private void FatalError(Exception error, string message)
    {
        // asyncio logs OS errors (connection resets) only in debug mode; anything else is a bug worth reporting.
        if (error is not (SocketException or IOException))
        {
            _loop.CallExceptionHandler(new ExceptionContext(message)
            {
                Exception = error,
                Extra = new Dictionary<string, object?> { ["transport"] = this },
            });
        }
        ForceClose(error);
    }

    private void ForceClose(Exception? error)
    {
        if (_connectionLost > 0)
        {
            return;
        }
        if (WriteBufferSize > 0)
        {
            _writeStart = _writeEnd = 0;
            ReleaseWriteBuffer();
        }
        _closing = true;
        _connectionLost++;
        _loop.CallSoon(static state => state.Transport.CallConnectionLost(state.Error), new LostState(this, error));
    }

    private void CallConnectionLost(Exception? error)
    {
        try
        {
            _protocol.ConnectionLost(error);
        }
        finally
        {
            _socketClosed = true;
            try
            {
                // .NET turns the close of a socket with an operation in flight (our receive) into an abortive one
                // (RST) unless the send side was shut down first; asyncio's close sends FIN after the queued data.
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // Not connected any more (reset by the peer): nothing to shut down.
            }
            _socket.Dispose(); // aborts a receive still in flight; its completion only releases the buffer
            ReleaseWriteBuffer();
            DisposeArgsIfIdle();
            Server? server = _server;
            _server = null;
            server?.Detach(this);
        }
    }

    // ------------------------------------------------------------------ reading

    private void StartReceive()
    {
        if (_receiving || _readPaused || _closing || _readEof)
        {
            return;
        }
        Memory<byte> buffer;
        try
        {
            buffer = _protocol.GetBuffer();
        }
        catch (Exception ex)
        {
            FatalError(ex, "Fatal error: protocol.get_buffer() call failed.");
            return;
        }
        _receiving = true;
        _channel.ReceiveAsync(buffer).AddDoneCallback(s_onReceived, this);
    }

    private void OnReceived(Future<int> receive)
    {
        _receiving = false;
        Exception? error = receive.GetException(); // also marks it retrieved
        if (_connectionLost > 0 || _socketClosed)
        {
            // Closed meanwhile (asyncio drops reads once connection_lost is scheduled).
            _protocol.ReceiveEnded();
            DisposeArgsIfIdle();
            return;
        }
        if (error is not null)
        {
            _protocol.ReceiveEnded();
            FatalError(error, "Fatal read error on socket transport");
            return;
        }
        int count = receive.GetResult();
        if (count == 0)
        {
            _protocol.ReceiveEnded();
            OnEof();
            return;
        }
        try
        {
            _protocol.BufferUpdated(count);
        }
        catch (Exception ex)
        {
            FatalError(ex, "Fatal error: protocol.buffer_updated() call failed.");
            return;
        }
        StartReceive();
    }

    private void OnEof()
    {
        _readEof = true;
        bool keepOpen;
        try
        {
            keepOpen = _protocol.EofReceived();
        }
        catch (Exception ex)
        {
            FatalError(ex, "Fatal error: protocol.eof_received() call failed.");
            return;
        }
        if (!keepOpen)
        {
            Close();
        }
    }

    // ------------------------------------------------------------------ writing

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_writeBuffer is null)
        {
            _writeBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(MinimumWriteBuffer, data.Length));
            _writeStart = _writeEnd = 0;
        }
        else if (_writeBuffer.Length - _writeEnd < data.Length)
        {
            int used = _writeEnd - _writeStart;
            bool canMove = !_sending || !ReferenceEquals(_writeBuffer, _sendingArray);
            if (canMove && _writeBuffer.Length - used >= data.Length && used <= _writeBuffer.Length / 2)
            {
                Buffer.BlockCopy(_writeBuffer, _writeStart, _writeBuffer, 0, used);
            }
            else
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_writeBuffer.Length * 2, used + data.Length));
                Buffer.BlockCopy(_writeBuffer, _writeStart, larger, 0, used);
                if (!ReferenceEquals(_writeBuffer, _sendingArray))
                {
                    ArrayPool<byte>.Shared.Return(_writeBuffer);
                }
                _writeBuffer = larger;
            }
            _writeStart = 0;
            _writeEnd = used;
        }
        data.CopyTo(_writeBuffer.AsSpan(_writeEnd));
        _writeEnd += data.Length;
    }

    private void StartSend()
    {
        _sending = true;
        _sendingArray = _writeBuffer;
        _channel.SendAsync(new ReadOnlyMemory<byte>(_writeBuffer, _writeStart, _writeEnd - _writeStart)).AddDoneCallback(s_onSent, this);
    }

    private void OnSent(Future<int> send)
    {
        _sending = false;
        byte[]? sentFrom = _sendingArray;
        _sendingArray = null;
        Exception? error = send.GetException();
        if (sentFrom is not null && !ReferenceEquals(sentFrom, _writeBuffer))
        {
            ArrayPool<byte>.Shared.Return(sentFrom); // the buffer grew (or was dropped) while this send used it
        }
        if (_connectionLost > 0 && _socketClosed)
        {
            ReleaseWriteBuffer();
            DisposeArgsIfIdle();
            return;
        }
        if (_connectionLost > 0)
        {
            return; // aborted: connection_lost is scheduled and releases the buffer
        }
        if (error is not null)
        {
            _writeStart = _writeEnd = 0;
            ReleaseWriteBuffer();
            FatalError(error, "Fatal write error on socket transport");
            return;
        }
        _writeStart += send.GetResult();
        MaybeResumeProtocol(); // may write more
        if (WriteBufferSize > 0)
        {
            if (!_sending)
            {
                StartSend();
            }
            return;
        }
        ReleaseWriteBuffer();
        if (_closing)
        {
            _connectionLost++;
            CallConnectionLost(null);
        }
        else if (_writeEof)
        {
            ShutdownSend();
        }
    }

    private void ShutdownSend()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException ex)
        {
            FatalError(ex, "Fatal error on write_eof");
        }
    }

    private void ReleaseWriteBuffer()
    {
        if (_writeBuffer is not null && WriteBufferSize == 0 && !ReferenceEquals(_writeBuffer, _sendingArray))
        {
            ArrayPool<byte>.Shared.Return(_writeBuffer);
            _writeBuffer = null;
            _writeStart = _writeEnd = 0;
        }
    }

    private void DisposeArgsIfIdle()
    {
        if (_socketClosed && !_receiving && !_sending)
        {
            _channel.DisposeArgs();
        }
    }

    // ------------------------------------------------------------------ flow control (asyncio's _FlowControlMixin)

    private void MaybePauseProtocol()
    {
        if (WriteBufferSize <= _highWater || _protocolPaused)
        {
            return;
        }
        _protocolPaused = true;
        _protocol.PauseWriting();
    }

    private void MaybeResumeProtocol()
    {
        if (_protocolPaused && WriteBufferSize <= _lowWater)
        {
            _protocolPaused = false;
            _protocol.ResumeWriting();
        }
    }

    private static object? TryGet(Func<Socket, object?> read, Socket socket)
    {
        try
        {
            return read(socket);
        }
        catch (SocketException)
        {
            return null;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }
}
