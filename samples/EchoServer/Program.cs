// EchoServer: the asyncio documentation's "TCP echo client and server using streams", ported call for call.
//
//   dotnet run --project samples/EchoServer                      server on an ephemeral port + the docs' client, then exit
//   dotnet run --project samples/EchoServer -- server [port]     the docs' server (default port 8888), until Ctrl+C
//   dotnet run --project samples/EchoServer -- client [port] [message]   the docs' client
//   dotnet run --project samples/EchoServer -- --clients N [--round-trips M] [--port P]
//        load mode: N concurrent clients, M round trips of 64 bytes each, against an in-process server (or P)
using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using AsyncioGen;
using AsyncioGen.Streams;
using StreamReader = AsyncioGen.Streams.StreamReader;
using StreamWriter = AsyncioGen.Streams.StreamWriter;

string Option(string name, string fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}

if (args.Contains("--clients"))
{
    int clients = int.Parse(Option("--clients", "100"), CultureInfo.InvariantCulture);
    int roundTrips = int.Parse(Option("--round-trips", "100"), CultureInfo.InvariantCulture);
    int port = int.Parse(Option("--port", "0"), CultureInfo.InvariantCulture);
    return Asyncio.Run(LoadAsync(clients, roundTrips, port));
}
switch (args.FirstOrDefault())
{
    case "server":
        Asyncio.Run(ServeAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8888));
        return 0;
    case "client":
        Asyncio.Run(TcpEchoClientAsync(args.Length > 2 ? args[2] : "Hello World!", args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8888));
        return 0;
    default:
        Asyncio.Run(DemoAsync());
        return 0;
}

// ---------------------------------------------------------------- the asyncio docs' server

static async FutureTask HandleEchoAsync(StreamReader reader, StreamWriter writer)
{
    byte[] data = await reader.ReadAsync(100);
    string message = Encoding.UTF8.GetString(data);
    object? addr = writer.GetExtraInfo("peername");

    Console.WriteLine($"Received '{message}' from {addr}");

    Console.WriteLine($"Send: '{message}'");
    writer.Write(data);
    await writer.DrainAsync();

    Console.WriteLine("Close the connection");
    writer.Close();
    await writer.WaitClosedAsync();
}

static async FutureTask ServeAsync(int port)
{
    Server server = await Asyncio.StartServerAsync(HandleEchoAsync, "127.0.0.1", port);

    string addrs = string.Join(", ", server.Sockets.Select(sock => sock.LocalEndPoint));
    Console.WriteLine($"Serving on {addrs}");

    // Ctrl+C cancels serve_forever, as KeyboardInterrupt does in asyncio.run.
    FutureTask serving = server.ServeForeverAsync();
    EventLoop loop = Asyncio.GetRunningLoop();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        loop.CallSoonThreadsafe(() => serving.Cancel());
    };
    await using (server)
    {
        try
        {
            await serving;
        }
        catch (CancelledError) when (((IFutureTask)Asyncio.CurrentTask()!).Cancelling() == 0)
        {
            // Ctrl+C cancelled serving; a cancellation of this task itself still propagates.
            Console.WriteLine("Server stopped");
        }
    }
}

// ---------------------------------------------------------------- the asyncio docs' client

static async FutureTask TcpEchoClientAsync(string message, int port)
{
    var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", port);

    Console.WriteLine($"Send: '{message}'");
    writer.Write(Encoding.UTF8.GetBytes(message));
    await writer.DrainAsync();

    byte[] data = await reader.ReadAsync(100);
    Console.WriteLine($"Received: '{Encoding.UTF8.GetString(data)}'");

    Console.WriteLine("Close the connection");
    writer.Close();
    await writer.WaitClosedAsync();
}

// ---------------------------------------------------------------- both in one process

static async FutureTask DemoAsync()
{
    await using Server server = await Asyncio.StartServerAsync(HandleEchoAsync, "127.0.0.1", 0);
    int port = ((IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
    Console.WriteLine($"Serving on {server.Sockets[0].LocalEndPoint}");
    await TcpEchoClientAsync("Hello World!", port);
    server.Close();
    await server.WaitClosedAsync();   // asyncio 3.12+: also waits for the handler's connection to close
    Console.WriteLine("Server closed");
}

// ---------------------------------------------------------------- load mode

static async FutureTask EchoForeverAsync(StreamReader reader, StreamWriter writer)
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

static async FutureTask<long> LoadClientAsync(int port, int roundTrips)
{
    var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", port);
    byte[] message = new byte[64];
    Random.Shared.NextBytes(message);
    for (int i = 0; i < roundTrips; i++)
    {
        writer.Write(message);
        await writer.DrainAsync();
        byte[] echo = await reader.ReadExactlyAsync(message.Length);
        if (!echo.AsSpan().SequenceEqual(message))
        {
            throw new InvalidOperationException("The echo differs from the message.");
        }
    }
    writer.Close();
    await writer.WaitClosedAsync();
    return roundTrips;
}

static async FutureTask<int> LoadAsync(int clients, int roundTrips, int port)
{
    Server? server = null;
    if (port == 0)
    {
        server = await Asyncio.StartServerAsync(EchoForeverAsync, "127.0.0.1", 0, backlog: Math.Max(100, clients));
        port = ((IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;
    }
    var clock = Stopwatch.StartNew();
    long[] done = await Asyncio.Gather(Enumerable.Range(0, clients).Select(_ => LoadClientAsync(port, roundTrips)).ToArray());
    clock.Stop();
    long total = done.Sum();
    Console.WriteLine($"{clients} clients x {roundTrips} round trips of 64 bytes: {total} round trips in {clock.Elapsed.TotalSeconds:0.000} s = {total / clock.Elapsed.TotalSeconds:N0} round trips/s");
    if (server is not null)
    {
        server.Close();
        await server.WaitClosedAsync();
        Console.WriteLine($"server closed, {server.ConnectionCount} connections left");
    }
    return total == (long)clients * roundTrips ? 0 : 1;
}
