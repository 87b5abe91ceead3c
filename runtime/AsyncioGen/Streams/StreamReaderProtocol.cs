using System;
using System.Collections.Generic;
using System.Net.Sockets;

namespace AsyncioGen.Streams;

/// <summary>
/// Glue between a <see cref="SocketTransport"/> and a <see cref="StreamReader"/>/<see cref="StreamWriter"/> pair
/// (asyncio's <c>StreamReaderProtocol</c> with its <c>FlowControlMixin</c>): feeds received data to the reader,
/// runs the server's client-connected callback, and holds the write-side flow control that
/// <see cref="StreamWriter.DrainAsync"/> waits on.
/// </summary>
internal sealed class StreamReaderProtocol
{
    private readonly EventLoop _loop;
    private readonly StreamReader _reader;
    private readonly Func<StreamReader, StreamWriter, FutureTask>? _clientConnected;
    private readonly Future _closed;
    private SocketTransport? _transport;
    private bool _paused;
    private bool _connectionLost;
    private List<DrainWaiter>? _drainWaiters;

    public StreamReaderProtocol(EventLoop loop, StreamReader reader, Func<StreamReader, StreamWriter, FutureTask>? clientConnected)
    {
        _loop = loop;
        _reader = reader;
        _clientConnected = clientConnected;
        _closed = loop.CreateFuture();
    }

    /// <summary>Done when the connection is lost: what <see cref="StreamWriter.WaitClosedAsync"/> awaits.</summary>
    public Future Closed => _closed;

    /// <summary>The server side's handler task, if the callback returned one.</summary>
    public FutureTask? HandlerTask { get; private set; }

    public void ConnectionMade(SocketTransport transport)
    {
        _transport = transport;
        _reader.SetTransport(transport);
        if (_clientConnected is null)
        {
            return;
        }
        var writer = new StreamWriter(transport, this, _reader);
        FutureTask? task = _clientConnected(_reader, writer);
        if (task is null)
        {
            return;
        }
        HandlerTask = task;
        // asyncio 3.12+: a handler that fails or is cancelled closes its connection; a failure is reported.
        task.AddDoneCallback(static (finished, transport) =>
        {
            if (finished.IsCancelled)
            {
                transport.Close();
                return;
            }
            Exception? error = finished.GetException();
            if (error is not null)
            {
                transport.Loop.CallExceptionHandler(new ExceptionContext("Unhandled exception in client_connected_cb")
                {
                    Exception = error,
                    Future = finished,
                    Extra = new Dictionary<string, object?> { ["transport"] = transport },
                });
                transport.Close();
            }
        }, transport);
    }

    public Memory<byte> GetBuffer() => _reader.GetReceiveBuffer();

    public void BufferUpdated(int count) => _reader.ReceiveCompleted(count);

    public void ReceiveEnded() => _reader.ReceiveEnded();

    /// <summary>The peer sent EOF: the reader sees it; the transport stays open for writing (half-close).</summary>
    public bool EofReceived()
    {
        _reader.FeedEof();
        return true;
    }

    public void ConnectionLost(Exception? exception)
    {
        if (exception is null)
        {
            _reader.FeedEof();
        }
        else
        {
            _reader.SetException(exception);
        }
        if (!_closed.IsDone)
        {
            if (exception is null)
            {
                _closed.SetResult();
            }
            else
            {
                _closed.SetException(exception);
                _closed.GetException(); // nobody has to await it: no "exception was never retrieved" report
            }
        }
        // FlowControlMixin.connection_lost: wake the writers waiting in drain.
        _connectionLost = true;
        if (!_paused || _drainWaiters is null)
        {
            return;
        }
        foreach (DrainWaiter waiter in _drainWaiters)
        {
            if (!waiter.IsDone)
            {
                if (exception is null)
                {
                    waiter.SetResult();
                }
                else
                {
                    waiter.SetException(exception);
                }
            }
        }
    }

    public void PauseWriting() => _paused = true;

    public void ResumeWriting()
    {
        _paused = false;
        if (_drainWaiters is null)
        {
            return;
        }
        foreach (DrainWaiter waiter in _drainWaiters)
        {
            if (!waiter.IsDone)
            {
                waiter.SetResult();
            }
        }
    }

    /// <summary>asyncio's <c>_drain_helper</c> without the await: null (go on), the error to raise, or the waiter.</summary>
    public object? Drain()
    {
        if (_connectionLost)
        {
            return new SocketException((int)SocketError.ConnectionReset, "Connection lost");
        }
        if (!_paused)
        {
            return null;
        }
        var waiter = new DrainWaiter(_loop, this);
        (_drainWaiters ??= new List<DrainWaiter>()).Add(waiter);
        return waiter;
    }

    public void RemoveDrainWaiter(DrainWaiter waiter) => _drainWaiters?.Remove(waiter);
}
