// CallbackBridge: BCL callback APIs, wrapped with [Future], awaited from coroutines on an EventLoop.
//
//  1. A TCP echo over loopback: SocketAsyncEventArgs callbacks (SocketCallbacks.cs) → AcceptAsync,
//     ConnectAsync, SendAsync, ReceiveAsync twins; completions from I/O threads come back to the loop.
//  2. A receive cancelled by a timeout: the twin's future is cancelled, which cancels the token it
//     passed to the callback form.
//  3. FileStream.BeginRead/EndRead (APM) → ReadAsync, returning a FutureAwaitable<int>.
//  4. Ping.SendAsync + PingCompleted (the event-based pattern, EAP) → PingAsync to 127.0.0.1; a second
//     ping cancelled at once, which calls Ping.SendAsyncCancel.
using System;
using System.IO;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using AsyncioGen;
using CallbackBridge;

int loopThread = 0;
string Where() => Environment.CurrentManagedThreadId == loopThread ? "loop thread" : "thread " + Environment.CurrentManagedThreadId;

Asyncio.Run(async () =>
{
    loopThread = Environment.CurrentManagedThreadId;
    await EchoAsync();
    await CancelledReceiveAsync();
    await ReadFileAsync();
    await PingLoopbackAsync();
});

async FutureTask EchoAsync()
{
    using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    listener.Listen();
    var endPoint = (IPEndPoint)listener.LocalEndPoint!;
    Console.WriteLine($"[echo] server listening on {endPoint}");

    FutureTask server = Asyncio.CreateTask(async () =>
    {
        using Socket connection = await SocketCallbacks.AcceptAsync(listener);
        Console.WriteLine($"[echo] server accepted a connection (resumed on the {Where()})");
        var buffer = new byte[256];
        int received = await SocketCallbacks.ReceiveAsync(connection, buffer);
        Console.WriteLine($"[echo] server received {received} bytes: \"{Encoding.UTF8.GetString(buffer, 0, received)}\"");
        await SocketCallbacks.SendAsync(connection, buffer[..received]);
    });

    using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    await SocketCallbacks.ConnectAsync(client, endPoint);
    Console.WriteLine($"[echo] client connected (resumed on the {Where()})");
    int sent = await SocketCallbacks.SendAsync(client, Encoding.UTF8.GetBytes("hello, asyncio"));
    Console.WriteLine($"[echo] client sent {sent} bytes");
    var reply = new byte[256];
    int length = await SocketCallbacks.ReceiveAsync(client, reply);
    Console.WriteLine($"[echo] client got the echo: \"{Encoding.UTF8.GetString(reply, 0, length)}\"");
    await server;
}

async FutureTask CancelledReceiveAsync()
{
    using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    listener.Listen();
    using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    Future connecting = SocketCallbacks.ConnectAsync(client, listener.LocalEndPoint!);
    using Socket silent = await SocketCallbacks.AcceptAsync(listener);
    await connecting;

    // Nobody writes to this connection: give up after 200 ms. WaitFor cancels the twin's future on the
    // timeout, and the twin turns that into its CancellationToken, which aborts the socket receive.
    Future<int?> receive = SocketCallbacks.ReceiveCancellableAsync(client, new byte[16]);
    try
    {
        await Asyncio.WaitFor(receive, 0.2);
    }
    catch (TimeoutException)
    {
        await Asyncio.Sleep(0.05); // let the aborted socket receive report (its late outcome is dropped)
        Console.WriteLine($"[cancel] receive timed out after 200 ms (future cancelled: {receive.IsCancelled}); socket receive aborted by the token: {SocketCallbacks.ReceiveAborted}");
    }
}

async FutureTask ReadFileAsync()
{
    string path = Path.Combine(Path.GetTempPath(), "callbackbridge-" + Environment.ProcessId + ".txt");
    await Asyncio.WrapFuture(File.WriteAllTextAsync(path, "Futures all the way down.\n"));
    try
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true);
        var reader = new FileReader(stream);
        var buffer = new byte[128];
        FutureAwaitable<int> read = reader.ReadAsync(buffer, 0, buffer.Length);
        int count = await read;
        Console.WriteLine($"[apm] BeginRead/EndRead read {count} bytes (resumed on the {Where()}): {Encoding.UTF8.GetString(buffer, 0, count).TrimEnd()}");
    }
    finally
    {
        File.Delete(path);
    }
}

async FutureTask PingLoopbackAsync()
{
    using var ping = new LoopPing();
    try
    {
        PingReply? reply = await ping.PingAsync("127.0.0.1", 1000);
        Console.WriteLine($"[eap] Ping.SendAsync + PingCompleted: {reply?.Status} from {reply?.Address} (resumed on the {Where()})");

        Future<PingReply?> cancelled = ping.PingAsync("127.0.0.1", 1000);
        cancelled.Cancel();                    // the twin calls ping.SendAsyncCancel()
        await Asyncio.Sleep(0.05);             // PingCompleted (Cancelled, or a late reply) finds the future done and is dropped
        Console.WriteLine($"[eap] a second ping cancelled at once: future cancelled = {cancelled.IsCancelled}");
    }
    catch (PingException ex)
    {
        // Some containers forbid ICMP; the EAP twin still reported the API's error through the future.
        Console.WriteLine($"[eap] ICMP is not available here: {ex.Message}");
    }
}
