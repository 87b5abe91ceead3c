using System;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen;
using static AsyncioGen.Tests.Functions.VirtualLoop;

namespace AsyncioGen.Tests.Functions;

/// <summary>.NET interop, on a real loop: these tests involve other threads.</summary>
public class InteropTests
{
    private static T RunReal<T>(Func<EventLoop, FutureTask<T>> main)
    {
        var loop = new EventLoop();
        try
        {
            // A safety net: a broken bridge fails the test instead of hanging it.
            loop.CallLater(20, () => loop.Stop());
            return loop.RunUntilComplete(() => main(loop));
        }
        finally
        {
            loop.Close();
        }
    }

    private static void RunReal(Func<EventLoop, FutureTask> main) => RunReal<int>(async loop =>
    {
        await main(loop);
        return 0;
    });

    [Fact]
    public void WrapFuture_completes_on_the_loop_thread_when_the_task_completes_on_the_thread_pool()
    {
        RunReal(async loop =>
        {
            int loopThread = Environment.CurrentManagedThreadId;
            var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            Future<int> future = Asyncio.WrapFuture(source.Task);
            int callbackThread = 0;
            future.AddDoneCallback(_ => callbackThread = Environment.CurrentManagedThreadId);
            int completingThread = 0;
            _ = Task.Run(() =>
            {
                completingThread = Environment.CurrentManagedThreadId;
                source.SetResult(5);
            });
            Assert.Equal(5, await future);
            await Asyncio.Sleep(0);
            Assert.Equal(loopThread, callbackThread);
            Assert.NotEqual(loopThread, completingThread);
        });
    }

    [Fact]
    public void WrapFuture_of_a_faulted_task_raises_the_same_exception()
    {
        var boom = new InvalidOperationException("boom");
        RunReal(async loop =>
        {
            Future<int> future = Asyncio.WrapFuture(Task.Run(new Func<int>(() => throw boom)));
            Assert.Same(boom, await Throws<InvalidOperationException>(future));
        });
    }

    [Fact]
    public void WrapFuture_of_a_canceled_task_is_cancelled()
    {
        RunReal(async loop =>
        {
            Future<int> future = Asyncio.WrapFuture(Task.FromCanceled<int>(new CancellationToken(true)));
            await Throws<CancelledError>(future);
            Assert.True(future.IsCancelled);
        });
    }

    [Fact]
    public void WrapFuture_of_a_completed_task_still_completes_through_the_loop()
    {
        RunReal(async loop =>
        {
            Future<string> future = Asyncio.WrapFuture(Task.FromResult("x"));
            Assert.False(future.IsDone);
            Assert.Equal("x", await future);
        });
    }

    [Fact]
    public void WrapFuture_of_a_result_less_task()
    {
        RunReal(async loop =>
        {
            Future future = Asyncio.WrapFuture(Task.Delay(10));
            await future;
            Assert.True(future.IsDone);
            Future failed = Asyncio.WrapFuture(Task.Run(() => throw new FormatException()));
            await Throws<FormatException>(failed);
        });
    }

    [Fact]
    public void WrapFuture_of_ValueTasks()
    {
        RunReal(async loop =>
        {
            Assert.Equal(3, await Asyncio.WrapFuture(new ValueTask<int>(3)));
            var source = new TaskCompletionSource<int>();
            Future<int> pending = Asyncio.WrapFuture(new ValueTask<int>(source.Task));
            _ = Task.Run(() => source.SetResult(4));
            Assert.Equal(4, await pending);
            await Asyncio.WrapFuture(new ValueTask(Task.Delay(5)));
        });
    }

    [Fact]
    public void Cancelling_a_wrapped_work_future_cancels_its_token()
    {
        RunReal(async loop =>
        {
            var observed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Future<int> future = Asyncio.WrapFuture<int>(async token =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                    return 1;
                }
                catch (OperationCanceledException)
                {
                    observed.SetResult(true);
                    throw;
                }
            });
            await Asyncio.Sleep(0.01);
            Assert.True(future.Cancel());
            Assert.True(await observed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        });
    }

    [Fact]
    public void Cancelling_the_task_awaiting_wrapped_work_cancels_the_work()
    {
        RunReal(async loop =>
        {
            var observed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            Future wrapped = Asyncio.WrapFuture(async token =>
            {
                await Task.Delay(Timeout.Infinite, token).ContinueWith(t => observed.SetResult(t.IsCanceled), TaskScheduler.Default);
            });
            FutureTask waiter = Waits(wrapped);
            await Asyncio.Sleep(0.01);
            waiter.Cancel();
            await Throws<CancelledError>(waiter);
            Assert.True(await observed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        });

        static async FutureTask Waits(Future wrapped) => await wrapped;
    }

    [Fact]
    public void Work_that_throws_synchronously_fails_the_future()
    {
        RunReal(async loop =>
        {
            Future<int> future = Asyncio.WrapFuture<int>(_ => throw new ArgumentException("sync"));
            Assert.Equal("sync", (await Throws<ArgumentException>(future)).Message);
        });
    }

    [Fact]
    public void AsTask_lets_plain_async_code_on_another_thread_await_a_future()
    {
        RunReal(async loop =>
        {
            int loopThread = Environment.CurrentManagedThreadId;
            Future<int> future = loop.CreateFuture<int>();
            int awaitingThread = 0;
            Task<int> other = Task.Run(async () =>
            {
                awaitingThread = Environment.CurrentManagedThreadId;
                return await future.AsTask() + 1;
            });
            await Asyncio.Sleep(0.02);
            future.SetResult(41);
            Assert.Equal(42, await other.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.NotEqual(loopThread, awaitingThread);
        });
    }

    [Fact]
    public void AsTask_carries_exceptions_and_cancellation()
    {
        RunReal(async loop =>
        {
            Future<int> failed = loop.CreateFuture<int>();
            Future cancelled = loop.CreateFuture();
            Task<int> failedTask = failed.AsTask();
            Task cancelledTask = cancelled.AsTask();
            failed.SetException(new FormatException("f"));
            cancelled.Cancel();
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
            Assert.IsType<FormatException>(failedTask.Exception!.InnerException);
            Assert.True(cancelledTask.IsCanceled);
        });
    }

    [Fact]
    public async Task AsTask_of_a_done_future_on_a_stopped_loop_is_complete_at_once()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.SetResult(7);
        Task<int> task = future.AsTask();
        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(7, await task);
    }

    [Fact]
    public void AsValueTask_is_synchronous_for_a_done_future()
    {
        using var loop = new EventLoop();
        Future<int> done = loop.CreateFuture<int>();
        done.SetResult(1);
        ValueTask<int> fast = done.AsValueTask();
        Assert.True(fast.IsCompletedSuccessfully);
#pragma warning disable xUnit1031 // the point: a done future gives a ValueTask whose result is there without waiting
        Assert.Equal(1, fast.Result);
#pragma warning restore xUnit1031
        Future pending = loop.CreateFuture();
        Assert.False(pending.AsValueTask().IsCompleted);
    }

    [Fact]
    public void CancelOn_cancels_the_future_on_the_loop_thread_when_another_thread_cancels_the_token()
    {
        RunReal(async loop =>
        {
            using var source = new CancellationTokenSource();
            Future<int> future = loop.CreateFuture<int>().CancelOn(source.Token);
            _ = Task.Run(() => source.Cancel());
            await Throws<CancelledError>(future);
            Assert.True(future.IsCancelled);
        });
    }

    [Fact]
    public void CancelOn_with_a_token_already_cancelled_cancels_at_the_next_iteration()
    {
        RunReal(async loop =>
        {
            Future<int> future = loop.CreateFuture<int>().CancelOn(new CancellationToken(true));
            Assert.False(future.IsDone);
            await Asyncio.Sleep(0);
            Assert.True(future.IsCancelled);
        });
    }

    [Fact]
    public void CancelOn_a_task_delivers_a_cancellation_request()
    {
        RunReal(async loop =>
        {
            using var source = new CancellationTokenSource();
            bool sawCancel = false;
            FutureTask<int> task = Work().CancelOn(source.Token);
            await Asyncio.Sleep(0.01);
            source.Cancel();
            Assert.Equal(-1, await task); // the coroutine caught the request and returned
            Assert.True(sawCancel);

            async FutureTask<int> Work()
            {
                try
                {
                    await Asyncio.Sleep(60);
                    return 1;
                }
                catch (CancelledError)
                {
                    sawCancel = true;
                    return -1;
                }
            }
        });
    }

    [Fact]
    public void CancelOn_with_a_token_that_cannot_be_cancelled_does_nothing()
    {
        RunReal(async loop =>
        {
            Future<int> future = loop.CreateFuture<int>();
            Assert.Same(future, future.CancelOn(CancellationToken.None));
            loop.CallLater(0.01, () => future.SetResult(2));
            Assert.Equal(2, await future);
        });
    }

    [Fact]
    public void EnsureFuture_returns_a_future_as_is()
    {
        Run(async loop =>
        {
            Future<int> future = loop.CreateFuture<int>();
            Assert.Same(future, Asyncio.EnsureFuture((object)future));
            Assert.Same(future, Asyncio.EnsureFuture(future));
            await Yield();
        });
    }

    [Fact]
    public void EnsureFuture_wraps_an_awaitable_in_a_task()
    {
        RunReal(async loop =>
        {
            Future wrapped = Asyncio.EnsureFuture(Task.FromResult(12));
            Assert.IsAssignableFrom<IFutureTask>(wrapped);
            await wrapped;
            Assert.Equal(12, ((Future<object?>)wrapped).GetResult());
            Future plain = Asyncio.EnsureFuture(Task.Delay(1));
            await plain;
            Future failing = Asyncio.EnsureFuture(new ValueTask<int>(Task.FromException<int>(new FormatException("vt"))));
            Assert.Equal("vt", (await Throws<FormatException>(failing)).Message);
        });
    }

    [Fact]
    public void EnsureFuture_of_something_not_awaitable_is_an_ArgumentException()
    {
        Run(async loop =>
        {
            var error = Assert.Throws<ArgumentException>(() => Asyncio.EnsureFuture("not awaitable"));
            Assert.Contains("awaitable is required", error.Message, StringComparison.Ordinal);
            await Yield();
        });
    }

    [Fact]
    public void EnsureFuture_schedules_a_task_created_with_no_loop_running()
    {
        using var loop = new Testing.TestEventLoop();
        FutureTask<int> unbound = After(1, 3); // no loop runs: not started, not bound
        Assert.Same(unbound, Asyncio.EnsureFuture(unbound, loop));
        Assert.Same(loop, unbound.GetLoop());
        Assert.Equal(3, loop.RunUntilComplete(unbound));
    }

    [Fact]
    public void RunInExecutor_runs_on_the_thread_pool_and_completes_on_the_loop()
    {
        RunReal(async loop =>
        {
            int loopThread = Environment.CurrentManagedThreadId;
            int workThread = await loop.RunInExecutor(() => Environment.CurrentManagedThreadId);
            Assert.NotEqual(loopThread, workThread);
            Assert.Equal(loopThread, Environment.CurrentManagedThreadId);
            await Throws<InvalidOperationException>(loop.RunInExecutor<int>(() => throw new InvalidOperationException()));
        });
    }
}
