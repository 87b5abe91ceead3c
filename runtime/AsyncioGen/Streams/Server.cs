using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace AsyncioGen.Streams;

/// <summary>
/// A listening TCP server (asyncio's <c>Server</c>), from <c>Asyncio.StartServerAsync</c>. It accepts on
/// every listening socket through the <c>[Future]</c> twin <c>ListenerChannel.AcceptAsync</c>, so each new
/// connection is set up on the loop thread. Semantics of asyncio 3.12.1 and later: <see cref="Close"/> stops
/// listening and leaves the open connections alone; <see cref="WaitClosedAsync"/> returns once the server is
/// closed <em>and</em> every connection it accepted is closed, in either order.
/// </summary>
public sealed class Server : IAsyncDisposable
{
    private const double AcceptRetryDelay = 1; // asyncio's ACCEPT_RETRY_DELAY

    private static readonly Action<Future<Socket>, AcceptLoop> s_onAccepted = static (future, loop) => loop.Server.OnAccepted(loop, future);

    private readonly EventLoop _loop;
    private readonly Func<StreamReaderProtocol> _protocolFactory;
    private readonly int _backlog;
    private readonly HashSet<SocketTransport> _clients = new();
    private List<AcceptLoop>? _listeners;       // null once closed
    private List<Future>? _waiters = new();      // null once closed with no connection left
    private bool _serving;
    private Future? _servingForever;

    internal Server(EventLoop loop, List<ListenerChannel> listeners, Func<StreamReaderProtocol> protocolFactory, int backlog)
    {
        _loop = loop;
        _protocolFactory = protocolFactory;
        _backlog = backlog;
        _listeners = listeners.ConvertAll(channel => new AcceptLoop(this, channel));
    }

    /// <summary>The listening sockets; empty once closed.</summary>
    public IReadOnlyList<Socket> Sockets => _listeners is null ? Array.Empty<Socket>() : _listeners.ConvertAll(l => l.Channel.Socket);

    /// <summary>True while accepting connections.</summary>
    public bool IsServing => _serving;

    /// <summary>The number of open connections this server accepted.</summary>
    public int ConnectionCount => _clients.Count;

    /// <summary>The loop the server runs on.</summary>
    public EventLoop GetLoop() => _loop;

    /// <summary>Starts accepting (servers from <c>Asyncio.StartServerAsync</c> already do); returns after one loop iteration.</summary>
    public async FutureTask StartServingAsync()
    {
        StartServing();
        await Asyncio.Sleep(0);
    }

    /// <summary>
    /// Accepts until cancelled (asyncio's <c>serve_forever</c>); cancelling it closes the server and waits for
    /// its connections to close before the <see cref="CancelledError"/> comes out.
    /// </summary>
    public async FutureTask ServeForeverAsync()
    {
        if (_servingForever is not null)
        {
            throw new InvalidOperationException($"server {this} is already being awaited on serve_forever()");
        }
        if (_listeners is null)
        {
            throw new InvalidOperationException($"server {this} is closed");
        }
        StartServing();
        Future forever = _loop.CreateFuture();
        _servingForever = forever;
        try
        {
            await forever;
        }
        catch (CancelledError)
        {
            try
            {
                Close();
                await WaitClosedAsync();
            }
            finally
            {
                _servingForever = null;
            }
            throw;
        }
        finally
        {
            _servingForever = null;
        }
    }

    /// <summary>Stops listening; the open connections stay open (asyncio's <c>close</c>).</summary>
    public void Close()
    {
        List<AcceptLoop>? listeners = _listeners;
        if (listeners is null)
        {
            return;
        }
        _listeners = null;
        foreach (AcceptLoop listener in listeners)
        {
            listener.Channel.Socket.Dispose(); // a pending accept completes as aborted and frees its args
            if (!listener.Accepting)
            {
                listener.Channel.DisposeArgs();
            }
        }
        _serving = false;
        if (_servingForever is { IsDone: false } forever)
        {
            forever.Cancel();
            _servingForever = null;
        }
        if (_clients.Count == 0)
        {
            Wakeup();
        }
    }

    /// <summary>Closes every open connection of this server (asyncio 3.13's <c>close_clients</c>).</summary>
    public void CloseClients()
    {
        foreach (SocketTransport transport in new List<SocketTransport>(_clients))
        {
            transport.Close();
        }
    }

    /// <summary>Aborts every open connection of this server (asyncio 3.13's <c>abort_clients</c>).</summary>
    public void AbortClients()
    {
        foreach (SocketTransport transport in new List<SocketTransport>(_clients))
        {
            transport.Abort();
        }
    }

    /// <summary>
    /// Waits until the server is closed and all its connections are closed (asyncio 3.12.1+'s
    /// <c>wait_closed</c>); returns at once if both already happened.
    /// </summary>
    public async FutureTask WaitClosedAsync()
    {
        if (_waiters is null)
        {
            return;
        }
        Future waiter = _loop.CreateFuture();
        _waiters.Add(waiter);
        await waiter;
    }

    /// <summary><c>await using</c>: closes the server and waits for its connections to close.</summary>
    public ValueTask DisposeAsync()
    {
        Close();
        return WaitClosedAsync().AsValueTask();
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var names = new List<string>();
        foreach (Socket socket in Sockets)
        {
            names.Add(socket.LocalEndPoint?.ToString() ?? "?");
        }
        return "<Server sockets=(" + string.Join(", ", names) + ")>";
    }

    // ------------------------------------------------------------------ connections

    internal void Attach(SocketTransport transport) => _clients.Add(transport);

    internal void Detach(SocketTransport transport)
    {
        _clients.Remove(transport);
        if (_clients.Count == 0 && _listeners is null)
        {
            Wakeup();
        }
    }

    private void Wakeup()
    {
        List<Future>? waiters = _waiters;
        _waiters = null;
        if (waiters is null)
        {
            return;
        }
        foreach (Future waiter in waiters)
        {
            if (!waiter.IsDone)
            {
                waiter.SetResult();
            }
        }
    }

    internal void StartServing()
    {
        if (_serving || _listeners is null)
        {
            return;
        }
        _serving = true;
        foreach (AcceptLoop listener in _listeners)
        {
            listener.Channel.Socket.Listen(_backlog);
            StartAccept(listener);
        }
    }

    private void StartAccept(AcceptLoop listener)
    {
        listener.Accepting = true;
        listener.Channel.AcceptAsync().AddDoneCallback(s_onAccepted, listener);
    }

    private void OnAccepted(AcceptLoop listener, Future<Socket> accept)
    {
        listener.Accepting = false;
        Exception? error = accept.GetException();
        Socket? connection = error is null ? accept.GetResult() : null;
        if (_listeners is null || !_listeners.Contains(listener))
        {
            connection?.Dispose(); // closed meanwhile
            listener.Channel.DisposeArgs();
            return;
        }
        if (error is not null)
        {
            OnAcceptError(listener, error);
            return;
        }
        try
        {
            _ = new SocketTransport(_loop, connection!, _protocolFactory(), waiter: null, server: this);
        }
        catch (Exception ex)
        {
            connection!.Dispose();
            _loop.CallExceptionHandler(new ExceptionContext("Error on transport creation for incoming connection") { Exception = ex });
        }
        StartAccept(listener);
    }

    private void OnAcceptError(AcceptLoop listener, Exception error)
    {
        SocketError code = (error as SocketException)?.SocketErrorCode ?? SocketError.SocketError;
        if (code is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
        {
            // Out of descriptors or memory: asyncio reports it and retries after a second.
            _loop.CallExceptionHandler(new ExceptionContext("socket.accept() out of system resource") { Exception = error });
            _loop.CallLater(AcceptRetryDelay, static l => { if (l.Server._listeners?.Contains(l) == true) { l.Server.StartAccept(l); } }, listener);
            return;
        }
        if (code is SocketError.ConnectionAborted or SocketError.ConnectionReset or SocketError.Interrupted or SocketError.WouldBlock)
        {
            StartAccept(listener); // the connection went away before it was accepted: asyncio ignores it
            return;
        }
        // Anything else is reported; the retry waits, so a listener that keeps failing cannot spin the loop.
        _loop.CallExceptionHandler(new ExceptionContext("Error on accepting a connection") { Exception = error });
        _loop.CallLater(AcceptRetryDelay, static l => { if (l.Server._listeners?.Contains(l) == true) { l.Server.StartAccept(l); } }, listener);
    }

    /// <summary>One listening socket and whether its accept is in flight.</summary>
    private sealed class AcceptLoop
    {
        public AcceptLoop(Server server, ListenerChannel channel)
        {
            Server = server;
            Channel = channel;
        }

        public Server Server { get; }

        public ListenerChannel Channel { get; }

        public bool Accepting { get; set; }
    }
}
