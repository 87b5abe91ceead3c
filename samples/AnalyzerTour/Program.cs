// AnalyzerTour: one example of each AsyncioGen diagnostic. Each sits behind `#if AIOnnn`; build with
// `dotnet build -p:Tour=AIO001` (or run ./tour.sh) to see the diagnostic, its message and help link.
// The plain build is clean and the program runs: it prints the tour's table of contents.
using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen;

Console.WriteLine("AnalyzerTour: build with -p:Tour=AIO001 (… AIO024, AIO101 … AIO105) or run ./tour.sh");
Asyncio.Run(Tour.CleanAsync());
Console.WriteLine("clean build, clean run");

internal static partial class Tour
{
    /// <summary>What the clean build runs: each rule's example done right.</summary>
    public static async FutureTask CleanAsync()
    {
        EventLoop loop = Asyncio.GetRunningLoop();
        Future<int> future = loop.CreateFuture<int>();
        loop.CallSoon(static f => { if (!f.IsDone) { f.SetResult(1); } }, future);
        await future;
        FutureTask<int> kept = loop.CreateTask(ComputeAsync());
        await kept;
    }

    private static async FutureTask<int> ComputeAsync()
    {
        await Asyncio.Sleep(0);
        return 42;
    }

#if AIO001
    // A second SetResult on a future that is already done.
    public static void CompletedTwice(EventLoop loop)
    {
        Future<int> future = loop.CreateFuture<int>();
        future.SetResult(1);
        future.SetResult(2);
    }
#endif

#if AIO003
    // `new Future<T>()` where the loop's factory is meant.
    public static Future<int> Create() => new Future<int>();
#endif

#if AIO004
    // Completing a captured future in a callback without checking whether it was cancelled.
    public static Future<int> LaterAsync(EventLoop loop)
    {
        Future<int> future = loop.CreateFuture<int>();
        loop.CallLater(0.1, () => future.SetResult(1));
        return future;
    }
#endif

#if AIO005
    // Reading a result that may not be there yet.
    public static int Peek(Future<int> future) => future.GetResult();
#endif

#if AIO006
    // A task dropped on the floor: its failure goes unnoticed.
    public static async FutureTask FireAndForgetAsync()
    {
        Asyncio.CreateTask(ComputeAsync());
        await Asyncio.Sleep(0);
    }
#endif

#if AIO007
    // Blocking the loop thread inside a coroutine.
    public static async FutureTask BlockAsync()
    {
        Thread.Sleep(100);
        await Asyncio.Sleep(0);
    }
#endif

#if AIO008
    // Completing a future from the thread pool instead of through CallSoonThreadsafe.
    public static Future<int> FromThreadPool(EventLoop loop)
    {
        Future<int> future = loop.CreateFuture<int>();
        Task.Run(() => future.SetResult(1));
        return future;
    }
#endif

#if AIO009
    // Awaiting a future of another loop.
    public static async FutureTask<int> OtherLoopAsync()
    {
        var other = new EventLoop();
        Future<int> future = other.CreateFuture<int>();
        return await future;
    }
#endif

#if AIO010
    // A capturing lambda where the state overload would allocate nothing.
    public static void Capture(EventLoop loop, Future<int> future)
    {
        int bonus = 41;
        loop.CallSoon(() => future.SetResult(bonus + 1));
    }
#endif

#if AIO011
    // A future handed out but not completed on every path.
    public static Future<int> Maybe(EventLoop loop, bool ready)
    {
        Future<int> future = loop.CreateFuture<int>();
        if (ready)
        {
            future.SetResult(1);
        }
        return future;
    }
#endif

#if AIO012
    // SetResult on a task always throws: a task's outcome is its coroutine's.
    public static void CompleteTask(FutureTask<int> task) => task.SetResult(1);
#endif

#if AIO013
    // An async lambda as a loop callback becomes async void.
    public static void AsyncCallback(EventLoop loop) => loop.CallSoon(async () => await Asyncio.Sleep(1));
#endif

#if AIO014
    // Running a loop from code that already runs on one.
    public static async FutureTask NestedAsync()
    {
        Asyncio.Run(ComputeAsync());
        await Asyncio.Sleep(0);
    }
#endif

#if AIO015
    // Swallowing CancelledError: the task ignores cancel requests.
    public static async FutureTask SwallowAsync()
    {
        try
        {
            await Asyncio.Sleep(10);
        }
        catch (Exception)
        {
            Console.WriteLine("ignored");
        }
    }
#endif

#if AIO016
    // A BCL Task awaited in a coroutine: cancelling the task cannot reach it.
    public static async FutureTask DelayAsync() => await Task.Delay(100);
#endif

#if AIO017
    // ConfigureAwait(false) in a coroutine: the rest of it runs off the loop thread.
    public static async FutureTask<int> OffTheLoopAsync(Task<int> read) => await read.ConfigureAwait(false);
#endif

#if AIO018
    // Cleanup awaited without Shield: a second cancellation interrupts it.
    public static async FutureTask CleanupAsync()
    {
        try
        {
            await Asyncio.Sleep(1);
        }
        finally
        {
            await ComputeAsync();
        }
    }
#endif

#if AIO019
    // A timeout whose body never awaits: it can never fire.
    public static async FutureTask DeadTimeoutAsync() => await Asyncio.Timeout(1.0, async () => { Console.WriteLine("busy"); });
#endif

#if AIO020
    // async void that uses the loop: nothing can await or cancel it.
    public static async void FireAndCrash() => await Asyncio.Sleep(0.1);
#endif

#if AIO021
    // A future of a future: awaiting it once gives the inner task.
    public static FutureTask<FutureTask<int>> Nested(EventLoop loop) => loop.CreateTask(async () => loop.CreateTask(ComputeAsync()));
#endif

#if AIO022
    // null where a future is expected: the caller's await throws NullReferenceException.
    // (A Future<int>? return type would say null is an answer, and is not reported.)
    public static Future<int> Lookup(int id) => id > 0 ? Asyncio.GetRunningLoop().CreateFuture<int>() : null!;
#endif

#if AIO023
    // A lock released on one path only: an exception or a cancellation at the await keeps it locked.
    private static readonly AsyncioGen.Lock Gate = new();

    public static async FutureTask UpdateAsync()
    {
        await Gate.AcquireAsync();
        await ComputeAsync();
        Gate.Release();
    }
#endif

#if AIO024
    // Polling with Asyncio.Sleep instead of waiting for an Event.
    private static bool s_ready;

    public static void SetReady() => s_ready = true;

    public static async FutureTask WaitReadyAsync()
    {
        while (!s_ready)
        {
            await Asyncio.Sleep(0.1);
        }
    }
#endif
}

#if AIO002
// A Future in a public API: any caller could complete it.
public class Downloader
{
    public Future<byte[]> DownloadAsync() => Asyncio.GetRunningLoop().CreateFuture<byte[]>();
}
#endif

#if AIO101
// [Future] in a type that is not partial.
internal static class NotPartial
{
    [Future]
    internal static void Read(Action<int> onDone) => onDone(1);
}
#endif

#if AIO102
// A [Future] method whose shape is not a callback-style operation.
internal static partial class WrongShape
{
    [Future]
    internal static int Read(int count) => count;
}
#endif

#if AIO103
// The twin's name is taken.
internal static partial class NameTaken
{
    [Future]
    internal static void Read(Action<int> onDone) => onDone(1);

    internal static void ReadAsync() { }
}
#endif

#if AIO104
// A result type that cannot live in a future.
internal static partial class RefStructResult
{
    internal delegate void SpanCallback(ReadOnlySpan<byte> data);

    [Future]
    internal static void Read(SpanCallback onDone) => onDone(default);
}
#endif

#if AIO105
// A generic Begin/End pair: its twin's shared static AsyncCallback could not call EndRead<T>.
internal static partial class GenericMethod
{
    [Future]
    internal static IAsyncResult BeginRead<T>(AsyncCallback? callback, object? state) => throw new NotSupportedException();

    internal static int EndRead(IAsyncResult result) => 0;
}
#endif
