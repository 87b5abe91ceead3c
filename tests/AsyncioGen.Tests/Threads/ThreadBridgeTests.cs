using System;
using System.Threading;
using System.Threading.Tasks;
using static AsyncioGen.Tests.Synchronization.SyncLoops;

namespace AsyncioGen.Tests.Threads;

/// <summary>asyncio's thread bridges: <c>run_coroutine_threadsafe</c>, <c>to_thread</c>, <c>run_in_executor</c>; and sleep as a future.</summary>
public class ThreadBridgeTests
{
    private static readonly AsyncLocal<string?> s_requestId = new();

    private static EventLoop StartLoopThread(out Thread thread, out ManualResetEventSlim stop)
    {
        var loop = new EventLoop();
        var started = new ManualResetEventSlim();
        var stopSignal = new ManualResetEventSlim();
        stop = stopSignal;
        thread = new Thread(() =>
        {
            loop.CallSoon(started.Set);
            loop.RunForever();
        }) { IsBackground = true };
        thread.Start();
        started.Wait();
        return loop;
    }

    private static void StopLoop(EventLoop loop, Thread thread)
    {
        loop.CallSoonThreadsafe(loop.Stop);
        thread.Join();
        loop.Close();
    }

    [Fact]
    public async Task RunCoroutineThreadsafeReturnsTheResultToAnotherThread()
    {
        EventLoop loop = StartLoopThread(out Thread thread, out _);
        int loopThreadId = -1;
        Task<int> result = Asyncio.RunCoroutineThreadsafe(async () =>
        {
            loopThreadId = Environment.CurrentManagedThreadId;
            await Asyncio.Sleep(0.01);
            return 42;
        }, loop);
        Assert.Equal(42, await result);
        Assert.Equal(thread.ManagedThreadId, loopThreadId);
        StopLoop(loop, thread);
    }

    [Fact]
    public async Task RunCoroutineThreadsafePropagatesTheException()
    {
        EventLoop loop = StartLoopThread(out Thread thread, out _);
        Task<int> result = Asyncio.RunCoroutineThreadsafe<int>(async () =>
        {
            await Asyncio.Sleep(0);
            throw new InvalidOperationException("boom");
        }, loop);
        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => result)).Message);
        StopLoop(loop, thread);
    }

    [Fact]
    public async Task CancellingTheTokenCancelsTheTaskOnTheLoop()
    {
        EventLoop loop = StartLoopThread(out Thread thread, out _);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool sawCancel = false;
        using var cts = new CancellationTokenSource();
        Task<int> result = Asyncio.RunCoroutineThreadsafe(async () =>
        {
            try
            {
                entered.SetResult();
                await Asyncio.Sleep(30);
                return 1;
            }
            catch (CancelledError)
            {
                sawCancel = true;
                throw;
            }
        }, loop, cts.Token);
        await entered.Task;
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => result);
        Assert.True(result.IsCanceled);
        Assert.True(sawCancel);
        StopLoop(loop, thread);
    }

    [Fact]
    public async Task ResultlessRunCoroutineThreadsafe()
    {
        EventLoop loop = StartLoopThread(out Thread thread, out _);
        bool ran = false;
        await Asyncio.RunCoroutineThreadsafe(async () =>
        {
            await Asyncio.Sleep(0);
            ran = true;
        }, loop);
        Assert.True(ran);
        StopLoop(loop, thread);
    }

    [Fact]
    public void RunCoroutineThreadsafeOnAClosedLoopThrows()
    {
        var loop = new EventLoop();
        loop.Close();
        Assert.Throws<InvalidOperationException>(() =>
        {
            _ = Asyncio.RunCoroutineThreadsafe(async () =>
            {
                await Asyncio.Sleep(0);
                return 1;
            }, loop);
        });
    }

    [Fact]
    public void ToThreadRunsOffTheLoopWithTheCallersContext()
    {
        using var loop = new EventLoop();
        (int worker, string? seen, int loopThread) = Run(loop, async () =>
        {
            s_requestId.Value = "req-7";
            int loopThreadId = Environment.CurrentManagedThreadId;
            (int, string?) inner = await Asyncio.ToThread(() => (Environment.CurrentManagedThreadId, s_requestId.Value));
            return (inner.Item1, inner.Item2, loopThreadId);
        });
        Assert.NotEqual(loopThread, worker);
        Assert.Equal("req-7", seen);
    }

    [Fact]
    public void ToThreadPropagatesExceptionsAndRunsActions()
    {
        using var loop = new EventLoop();
        int ran = 0;
        Run(loop, async () =>
        {
            await Asyncio.ToThread(() => { Interlocked.Increment(ref ran); });
            var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
                await Asyncio.ToThread<int>(() => throw new InvalidOperationException("nope")));
            Assert.Equal("nope", error.Message);
        });
        Assert.Equal(1, ran);
    }

    [Fact]
    public void RunInExecutorUsesTheGivenScheduler()
    {
        using var loop = new EventLoop();
        using var executor = new SingleThreadScheduler();
        int workerThread = Run(loop, async () => await loop.RunInExecutor(executor, () => Environment.CurrentManagedThreadId));
        Assert.Equal(executor.ThreadId, workerThread);
        bool ran = false;
        Run(loop, async () => await loop.RunInExecutor(executor, () => { ran = true; }));
        Assert.True(ran);
        Assert.Equal(7, Run(loop, async () => await loop.RunInExecutor(null, () => 7)));
    }

    [Fact]
    public void RunInExecutorCancelledBeforeItStartsNeverRuns()
    {
        using var loop = new EventLoop();
        using var executor = new SingleThreadScheduler();
        using var gate = new ManualResetEventSlim();
        bool secondRan = false;
        Run(loop, async () =>
        {
            Future blocker = loop.RunInExecutor(executor, () => gate.Wait());
            Future<int> queued = loop.RunInExecutor(executor, () =>
            {
                secondRan = true;
                return 1;
            });
            queued.Cancel();
            gate.Set();
            await blocker;
            await Asyncio.Sleep(0.05);
        });
        Assert.False(secondRan);
    }

    [Fact]
    public void SleepWorksWhereAFutureIsExpected()
    {
        using var loop = new EventLoop();
        object?[] results = Run(loop, async () => await Asyncio.Gather(Asyncio.ToThread(() => 5), Asyncio.Sleep(0.01), Asyncio.Sleep(0)));
        Assert.Equal(5, results[0]);
        Assert.Null(results[1]);
        string value = Run(loop, async () => await Asyncio.WaitFor(Asyncio.Sleep(0.01, "done").AsFuture(), 1));
        Assert.Equal("done", value);
        Assert.Throws<TimeoutException>(() => Run(loop, async () => await Asyncio.WaitFor(Asyncio.Sleep(5, "late").AsFuture(), 0.01)));
    }

    /// <summary>An executor: one dedicated thread running the tasks queued to it, in order.</summary>
    private sealed class SingleThreadScheduler : TaskScheduler, IDisposable
    {
        private readonly System.Collections.Concurrent.BlockingCollection<Task> _tasks = new();
        private readonly Thread _thread;

        public SingleThreadScheduler()
        {
            _thread = new Thread(() =>
            {
                foreach (Task task in _tasks.GetConsumingEnumerable())
                {
                    TryExecuteTask(task);
                }
            }) { IsBackground = true };
            _thread.Start();
        }

        public int ThreadId => _thread.ManagedThreadId;

        protected override void QueueTask(Task task) => _tasks.Add(task);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

        protected override System.Collections.Generic.IEnumerable<Task> GetScheduledTasks() => _tasks.ToArray();

        public void Dispose()
        {
            _tasks.CompleteAdding();
            _thread.Join();
            _tasks.Dispose();
        }
    }
}
