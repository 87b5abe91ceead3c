using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using AsyncioGen.Streams;

namespace AsyncioGen;

public static partial class Asyncio
{
    /// <summary>
    /// Connects to <paramref name="host"/>:<paramref name="port"/> and returns the stream pair (asyncio's
    /// <c>open_connection</c>). A host name is resolved and each address tried in turn.
    /// </summary>
    /// <param name="host">A host name or an IP address.</param>
    /// <param name="port">The TCP port.</param>
    /// <param name="limit">The reader's limit (see <see cref="StreamReader.Limit"/>).</param>
    /// <exception cref="SocketException">The connection failed (asyncio's ConnectionRefusedError and friends).</exception>
    public static async FutureTask<(StreamReader Reader, StreamWriter Writer)> OpenConnectionAsync(string host, int port, int limit = StreamReader.DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(host);
        EventLoop loop = GetRunningLoop();
        var reader = new StreamReader(limit, loop);
        var protocol = new StreamReaderProtocol(loop, reader, null);
        IPAddress[] addresses = await ResolveAsync(host);
        Socket socket = await ConnectFirstAsync(addresses, port);
        Future made = loop.CreateFuture();
        SocketTransport transport;
        try
        {
            transport = new SocketTransport(loop, socket, protocol, made, server: null);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        try
        {
            await made;
        }
        catch
        {
            transport.Close();
            throw;
        }
        return (reader, new StreamWriter(transport, protocol, reader));
    }

    /// <summary>
    /// Starts a TCP server that calls <paramref name="clientConnected"/> with each new connection's stream pair
    /// (asyncio's <c>start_server</c>); the coroutine it returns runs as the connection's task. A handler that
    /// fails (reported to the loop's exception handler) or is cancelled closes its connection. The server is
    /// accepting when this returns.
    /// </summary>
    /// <param name="clientConnected">The connection handler.</param>
    /// <param name="host">Where to listen: an address, a host name (every address it resolves to), or null for all interfaces.</param>
    /// <param name="port">The TCP port; 0 for an ephemeral one (see <see cref="Server.Sockets"/>).</param>
    /// <param name="limit">Each reader's limit.</param>
    /// <param name="backlog">The listen backlog (asyncio's default: 100).</param>
    public static async FutureTask<Server> StartServerAsync(Func<StreamReader, StreamWriter, FutureTask> clientConnected, string? host, int port, int limit = StreamReader.DefaultLimit, int backlog = 100)
    {
        ArgumentNullException.ThrowIfNull(clientConnected);
        if (limit <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "Limit cannot be <= 0");
        }
        EventLoop loop = GetRunningLoop();
        IPAddress[] addresses = string.IsNullOrEmpty(host)
            ? (Socket.OSSupportsIPv6 ? new[] { IPAddress.Any, IPAddress.IPv6Any } : new[] { IPAddress.Any })
            : await ResolveAsync(host);
        var listeners = new List<ListenerChannel>();
        try
        {
            foreach (IPAddress address in addresses.Distinct())
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                listeners.Add(new ListenerChannel(socket));
                if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
                {
                    socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true); // asyncio's reuse_address default on POSIX
                }
                if (address.AddressFamily == AddressFamily.InterNetworkV6)
                {
                    socket.DualMode = false; // IPV6_V6ONLY: the IPv4 address has its own socket
                }
                var endPoint = new IPEndPoint(address, port);
                try
                {
                    socket.Bind(endPoint);
                }
                catch (SocketException ex)
                {
                    throw new SocketException((int)ex.SocketErrorCode, $"error while attempting to bind on address {endPoint}: {ex.Message}");
                }
            }
        }
        catch
        {
            foreach (ListenerChannel listener in listeners)
            {
                listener.Socket.Dispose();
                listener.DisposeArgs();
            }
            throw;
        }
        var server = new Server(loop, listeners, () => new StreamReaderProtocol(loop, new StreamReader(limit, loop), clientConnected), backlog);
        server.StartServing();
        await Sleep(0); // asyncio skips one iteration so the accepts are in place
        return server;
    }

    /// <summary>
    /// <see cref="StartServerAsync(Func{StreamReader, StreamWriter, FutureTask}, string?, int, int, int)"/> with a
    /// plain (non-coroutine) callback, as asyncio allows.
    /// </summary>
    public static FutureTask<Server> StartServerAsync(Action<StreamReader, StreamWriter> clientConnected, string? host, int port, int limit = StreamReader.DefaultLimit, int backlog = 100)
    {
        ArgumentNullException.ThrowIfNull(clientConnected);
        return StartServerAsync((reader, writer) =>
        {
            clientConnected(reader, writer);
            return null!;
        }, host, port, limit, backlog);
    }

    private static async FutureTask<IPAddress[]> ResolveAsync(string host)
    {
        if (IPAddress.TryParse(host, out IPAddress? literal))
        {
            return new[] { literal };
        }
        IPAddress[] addresses = await SocketChannel.ResolveAsync(host);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }
        return addresses;
    }

    private static async FutureTask<Socket> ConnectFirstAsync(IPAddress[] addresses, int port)
    {
        var errors = new List<SocketException>();
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await SocketChannel.ConnectAsync(socket, new IPEndPoint(address, port));
                return socket;
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                errors.Add(ex);
            }
            catch
            {
                socket.Dispose(); // cancelled: closing the socket aborts the connect
                throw;
            }
        }
        // asyncio: one error, or several alike, raise the first; different ones raise "Multiple exceptions".
        if (errors.All(e => e.SocketErrorCode == errors[0].SocketErrorCode))
        {
            ExceptionDispatchInfo.Throw(errors[0]);
        }
        throw new System.IO.IOException("Multiple exceptions: " + string.Join(", ", errors.Select(e => e.Message)), new AggregateException(errors));
    }
}
