using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.BlockingCallInCoroutineAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>
/// Issue 14 §1 recall for AIO007: synchronous I/O in coroutines (the asyncio linters' ASYNC2xx family),
/// blocking in sync loop callbacks, and blocking waits on AsyncioGen's own awaitables.
/// </summary>
public class AIO007RecallTests
{
    // ---- synchronous I/O in a coroutine ----

    [Fact]
    public Task File_reads_and_writes() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<string> Run(string path)
    {
        string text = [|System.IO.File.ReadAllText(path)|];
        byte[] bytes = [|System.IO.File.ReadAllBytes(path)|];
        [|System.IO.File.WriteAllText(path, text)|];
        [|System.IO.File.AppendAllLines(path, new[] { text })|];
        await Asyncio.Sleep(0);
        return text + bytes.Length;
    }
}",
        "'File.ReadAllText' blocks the event loop thread inside a coroutine; use the async variant ('await Asyncio.WrapFuture(...ReadAsync(...))') or run it with 'await loop.RunInExecutor(...)'");

    [Fact]
    public Task Streams_readers_and_writers() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    async FutureTask<int> Run(Stream stream, FileStream file, StreamReader reader, StreamWriter writer, byte[] buffer)
    {
        int n = [|stream.Read(buffer, 0, buffer.Length)|];
        [|file.Write(buffer, 0, n)|];
        [|stream.Flush()|];
        string? line = [|reader.ReadLine()|];
        string rest = [|reader.ReadToEnd()|];
        [|writer.WriteLine(rest)|];
        await Asyncio.Sleep(0);
        return n + (line?.Length ?? 0);
    }
}",
        "'Stream.Read' blocks the event loop thread inside a coroutine; use the async variant ('await Asyncio.WrapFuture(...ReadAsync(...))') or run it with 'await loop.RunInExecutor(...)'",
        "'FileStream.Write' blocks the event loop thread inside a coroutine; use the async variant ('await Asyncio.WrapFuture(...ReadAsync(...))') or run it with 'await loop.RunInExecutor(...)'");

    [Fact]
    public Task Sockets_http_and_console() => Verify.VerifyAsync(@"
using System.Net.Http;
using System.Net.Sockets;
class C
{
    async FutureTask Run(Socket socket, System.Net.EndPoint remote, HttpClient client, byte[] buffer)
    {
        [|socket.Connect(remote)|];
        [|socket.Send(buffer)|];
        int n = [|socket.Receive(buffer)|];
        Socket peer = [|socket.Accept()|];
        using HttpResponseMessage response = [|client.Send(new HttpRequestMessage(HttpMethod.Get, ""http://localhost/""))|];
        string? input = [|Console.ReadLine()|];
        await Asyncio.Sleep(0);
    }
}",
        "'Socket.Connect' blocks the event loop thread inside a coroutine; use the async variant ('await Asyncio.WrapFuture(...ReadAsync(...))') or run it with 'await loop.RunInExecutor(...)'",
        "'Socket.Send' blocks the event loop thread inside a coroutine; use the async variant ('await Asyncio.WrapFuture(...ReadAsync(...))') or run it with 'await loop.RunInExecutor(...)'",
        "'Socket.Receive' blocks the event loop thread inside a coroutine; use the async variant ('await Asyncio.WrapFuture(...ReadAsync(...))') or run it with 'await loop.RunInExecutor(...)'",
        "'Socket.Accept' blocks the event loop thread inside a coroutine; use the async variant ('await Asyncio.WrapFuture(...ReadAsync(...))') or run it with 'await loop.RunInExecutor(...)'",
        "'HttpClient.Send' blocks the event loop thread inside a coroutine; use the async variant ('await Asyncio.WrapFuture(...ReadAsync(...))') or run it with 'await loop.RunInExecutor(...)'");

    [Fact]
    public Task Quiet_on_memory_streams_async_variants_and_off_loop_io() => Verify.VerifyAsync(@"
using System.IO;
class C
{
    async FutureTask<int> Run(EventLoop loop, MemoryStream memory, Stream stream, StreamReader reader, string path, byte[] buffer)
    {
        int n = memory.Read(buffer, 0, buffer.Length);
        memory.Write(buffer, 0, n);
        memory.Flush();
        using var text = new StringReader(""a\nb"");
        string? first = text.ReadLine();
        int m = await Asyncio.WrapFuture(stream.ReadAsync(buffer, 0, buffer.Length));
        string? line = await Asyncio.WrapFuture(reader.ReadLineAsync());
        string content = await Asyncio.WrapFuture(File.ReadAllTextAsync(path));
        string viaExecutor = await loop.RunInExecutor(() => File.ReadAllText(path));
        string path2 = Path.Combine(path, ""x"");
        Console.WriteLine(content);
        return n + m + (first?.Length ?? 0) + (line?.Length ?? 0) + viaExecutor.Length + path2.Length;
    }

    string Sync(string path) => File.ReadAllText(path);
}");

    // ---- blocking in sync loop callbacks ----

    [Fact]
    public Task Sleep_and_io_in_loop_callbacks() => Verify.VerifyAsync(@"
class C
{
    void M(EventLoop loop, Future<int> f, string path)
    {
        loop.CallSoon(() => [|Thread.Sleep(100)|]);
        loop.CallLater(0.5, () => { [|Thread.Sleep(TimeSpan.FromSeconds(1))|]; });
        loop.CallAt(loop.Time() + 1, () => [|Thread.Sleep(10)|]);
        loop.CallSoonThreadsafe(() => [|System.IO.File.WriteAllText(path, ""x"")|]);
        f.AddDoneCallback(done => [|Thread.Sleep(5)|]);
    }
}",
        "'Thread.Sleep' blocks the event loop thread inside a loop callback; schedule the rest with 'loop.CallLater(seconds, ...)'");

    [Fact]
    public Task Quiet_in_callbacks_that_run_elsewhere_and_for_result_reads() => Verify.VerifyAsync(@"
class C
{
    void M(EventLoop loop, Future<int> f, Task<int> t)
    {
        loop.RunInExecutor(() => { Thread.Sleep(100); return 1; });
        Task.Run(() => Thread.Sleep(100));
        new Thread(() => Thread.Sleep(100)).Start();
        f.AddDoneCallback(done => Console.WriteLine(done.GetAwaiter().GetResult()));
        f.AddDoneCallback(done => Console.WriteLine(t.Result));
        loop.CallSoon(() => Thread.Sleep(0));
        Action later = () => Thread.Sleep(100);
        loop.CallSoon(later);
        Thread.Sleep(100);
    }
}");

    // ---- blocking waits on AsyncioGen's own awaitables ----

    [Fact]
    public Task GetResult_on_asyncio_awaitables_in_a_coroutine() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> Run(AsyncioGen.Lock gate, AsyncioGen.Semaphore slots, AsyncioGen.Event ready, AsyncioGen.Queue<int> queue, Future<int> f, Future g)
    {
        [|gate.AcquireAsync().GetAwaiter().GetResult()|];
        [|slots.AcquireAsync().GetAwaiter().GetResult()|];
        [|ready.WaitAsync().GetAwaiter().GetResult()|];
        using var held = [|gate.LockAsync().GetAwaiter().GetResult()|];
        int item = [|queue.GetAsync().GetAwaiter().GetResult()|];
        [|queue.PutAsync(item).GetAwaiter().GetResult()|];
        int value = [|f.GetAwaiter().GetResult()|];
        [|g.GetAwaiter().GetResult()|];
        await Asyncio.Sleep(0);
        return item + value;
    }
}",
        "'GetAwaiter().GetResult()' blocks the event loop thread inside a coroutine; await it instead");

    [Fact]
    public Task Quiet_on_awaited_asyncio_awaitables_and_known_done_futures() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> Run(AsyncioGen.Lock gate, AsyncioGen.Queue<int> queue, Future<int> f)
    {
        await gate.AcquireAsync();
        int item = await queue.GetAsync();
        await f;
        int value = f.GetAwaiter().GetResult();
        int read = f.GetResult();
        return item + value + read;
    }

    int Sync(Future<int> f) => f.GetAwaiter().GetResult();
}");
}
