using System;
using System.Net;
using System.Net.Sockets;

namespace AsyncioGen.Streams;

/// <summary>
/// The callback form of a connected socket's operations, over two reused <see cref="SocketAsyncEventArgs"/>
/// (one receive and one send in flight at most). Callbacks fire on whatever thread the socket completes on;
/// the <c>[Future]</c> twins the generator adds (<c>ReceiveAsync</c>, <c>SendAsync</c>, <c>ConnectAsync</c>,
/// <c>ResolveAsync</c>) bring every completion back to the loop thread, so the transport above them only ever
/// runs there. The callback delegates are the twins' static cached ones and the state is the twin's future:
/// nothing but that future is allocated per operation.
/// </summary>
internal sealed partial class SocketChannel
{
    private static readonly EventHandler<SocketAsyncEventArgs> s_transferCompleted = static (_, args) => ((SocketChannel)args.UserToken!).OnTransferCompleted(args);
    private static readonly EventHandler<SocketAsyncEventArgs> s_connectCompleted = static (_, args) => FinishConnect(args);

    private readonly Socket _socket;
    private readonly SocketAsyncEventArgs _receiveArgs = new();
    private readonly SocketAsyncEventArgs _sendArgs = new();
    private TransferCompletion? _receiveCallback;
    private object? _receiveState;
    private TransferCompletion? _sendCallback;
    private object? _sendState;

    public SocketChannel(Socket socket)
    {
        _socket = socket;
        _receiveArgs.UserToken = this;
        _receiveArgs.Completed += s_transferCompleted;
        _sendArgs.UserToken = this;
        _sendArgs.Completed += s_transferCompleted;
    }

    public Socket Socket => _socket;

    /// <summary>Receives into <paramref name="buffer"/>; 0 bytes means the peer sent EOF.</summary>
    [Future]
    internal void Receive(Memory<byte> buffer, TransferCompletion callback, object? state)
    {
        _receiveCallback = callback;
        _receiveState = state;
        _receiveArgs.SetBuffer(buffer);
        Start(_receiveArgs, _socket.ReceiveAsync);
    }

    /// <summary>Sends all of <paramref name="data"/> (a stream socket's send completes when all of it is queued).</summary>
    [Future]
    internal void Send(ReadOnlyMemory<byte> data, TransferCompletion callback, object? state)
    {
        _sendCallback = callback;
        _sendState = state;
        // SocketAsyncEventArgs only reads a send buffer; it takes a writable Memory for both directions.
        _sendArgs.SetBuffer(System.Runtime.InteropServices.MemoryMarshal.AsMemory(data));
        Start(_sendArgs, _socket.SendAsync);
    }

    /// <summary>Connects <paramref name="socket"/> to <paramref name="remote"/> (one event args per connect: not a hot path).</summary>
    [Future]
    internal static void Connect(Socket socket, EndPoint remote, ConnectCompletion callback, object? state)
    {
        var args = new SocketAsyncEventArgs { RemoteEndPoint = remote, UserToken = new PendingConnect(callback, state) };
        args.Completed += s_connectCompleted;
        bool pending;
        try
        {
            pending = socket.ConnectAsync(args);
        }
        catch
        {
            args.Dispose();
            throw;
        }
        if (!pending)
        {
            FinishConnect(args);
        }
    }

    /// <summary>Resolves a host name (APM pair: the twin is <c>ResolveAsync</c>).</summary>
    [Future(Name = "ResolveAsync")]
    internal static IAsyncResult BeginResolve(string host, AsyncCallback? callback, object? state) =>
        Dns.BeginGetHostAddresses(host, callback, state);

    internal static IPAddress[] EndResolve(IAsyncResult asyncResult) => Dns.EndGetHostAddresses(asyncResult);

    /// <summary>Frees the event args once no operation uses them (the transport calls it when both directions are idle).</summary>
    public void DisposeArgs()
    {
        _receiveArgs.Dispose();
        _sendArgs.Dispose();
    }

    private static void Start(SocketAsyncEventArgs args, Func<SocketAsyncEventArgs, bool> operation)
    {
        bool pending;
        try
        {
            pending = operation(args);
        }
        catch
        {
            ((SocketChannel)args.UserToken!).TakeCallback(args, out _);
            throw; // the twin puts it on its future
        }
        if (!pending)
        {
            ((SocketChannel)args.UserToken!).OnTransferCompleted(args);
        }
    }

    private TransferCompletion TakeCallback(SocketAsyncEventArgs args, out object? state)
    {
        TransferCompletion callback;
        if (ReferenceEquals(args, _receiveArgs))
        {
            callback = _receiveCallback!;
            state = _receiveState;
            _receiveCallback = null;
            _receiveState = null;
        }
        else
        {
            callback = _sendCallback!;
            state = _sendState;
            _sendCallback = null;
            _sendState = null;
        }
        return callback;
    }

    private void OnTransferCompleted(SocketAsyncEventArgs args)
    {
        SocketError error = args.SocketError;
        int transferred = args.BytesTransferred;
        args.SetBuffer(Memory<byte>.Empty); // drop the reference to the pooled buffer
        TransferCompletion callback = TakeCallback(args, out object? state);
        callback(transferred, error == SocketError.Success ? null : new SocketException((int)error), state);
    }

    private static void FinishConnect(SocketAsyncEventArgs args)
    {
        var pending = (PendingConnect)args.UserToken!;
        SocketError error = args.SocketError;
        args.Dispose();
        pending.Callback(error == SocketError.Success ? null : new SocketException((int)error), pending.State);
    }

    private sealed record PendingConnect(ConnectCompletion Callback, object? State);
}
