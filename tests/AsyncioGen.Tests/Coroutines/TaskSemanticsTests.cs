using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Coroutines;

/// <summary>asyncio 3.12+ task semantics (issue 10, item 5), each ported from CPython's behaviour.</summary>
public class TaskSemanticsTests
{
    private sealed class Seen
    {
        public CancelledError? Error;
    }

    private static async FutureTask<int> RecordsItsCancellation(Future<int> pending, Seen seen)
    {
        try
        {
            return await pending;
        }
        catch (CancelledError error)
        {
            seen.Error = error;
            throw;
        }
    }

    [Fact]
    public void TheFirstGetResultOfACancelledTaskRaisesTheOriginalCancelledErrorAndLaterOnesAFreshOne()
    {
        // futures.py _make_cancelled_error: the saved exception once, then a new CancelledError(msg).
        using var loop = new EventLoop();
        var seen = new Seen();
        FutureTask<int> task = loop.CreateTask(RecordsItsCancellation(loop.CreateFuture<int>(), seen));
        Loops.RunOnce(loop);
        task.Cancel("bye");
        Loops.RunIterations(loop, 2);
        Assert.True(task.IsCancelled);
        CancelledError first = Assert.Throws<CancelledError>(() => task.GetResult());
        Assert.Same(seen.Error, first);
        Assert.Equal("bye", first.Message);
        Assert.Null(first.InnerException);
        CancelledError second = Assert.Throws<CancelledError>(() => task.GetResult());
        Assert.NotSame(first, second);
        Assert.Equal("bye", second.Message);
        Assert.Null(second.InnerException);
    }

    [Fact]
    public void GetExceptionOfACancelledTaskRaisesTheOriginalFirst()
    {
        using var loop = new EventLoop();
        var seen = new Seen();
        FutureTask<int> task = loop.CreateTask(RecordsItsCancellation(loop.CreateFuture<int>(), seen));
        Loops.RunOnce(loop);
        task.Cancel("m");
        Loops.RunIterations(loop, 2);
        Assert.Same(seen.Error, Assert.Throws<CancelledError>(() => task.GetException()));
    }

    [Fact]
    public void ACancelledGatherWithReturnExceptionsRaisesTheChildsOriginalCancelledError()
    {
        using var loop = new EventLoop();
        var seen = new Seen();
        async FutureTask<CancelledError?> Main()
        {
            FutureTask<int> child = Asyncio.CreateTask(RecordsItsCancellation(Asyncio.GetRunningLoop().CreateFuture<int>(), seen));
            Future<object?[]> gather = Asyncio.Gather(returnExceptions: true, child);
            await Asyncio.Sleep(0);
            gather.Cancel("stop");
            try
            {
                await gather;
                return null;
            }
            catch (CancelledError error)
            {
                return error;
            }
        }
        CancelledError? raised = loop.RunUntilComplete(Main());
        Assert.NotNull(seen.Error);
        Assert.Same(seen.Error, raised);
        Assert.Equal("stop", raised!.Message);
    }

    [Fact]
    public void AfterWaitTheCancelledTasksResultIsTheOriginalCancelledError()
    {
        using var loop = new EventLoop();
        var seen = new Seen();
        async FutureTask<bool> Main()
        {
            FutureTask<int> child = Asyncio.CreateTask(RecordsItsCancellation(Asyncio.GetRunningLoop().CreateFuture<int>(), seen));
            await Asyncio.Sleep(0);
            child.Cancel();
            var (done, _) = await Asyncio.Wait(new[] { child });
            Assert.Contains(child, done);
            try
            {
                child.GetResult();
                return false;
            }
            catch (CancelledError error)
            {
                return ReferenceEquals(error, seen.Error);
            }
        }
        Assert.True(loop.RunUntilComplete(Main()));
    }

    [Fact]
    public void TheCancelledErrorOfATaskInterruptedInANestedCoroutineShowsThatFrame()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Outer(loop.CreateFuture<int>()));
        Loops.RunOnce(loop);
        task.Cancel();
        CancelledError error = Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Contains(nameof(InterruptedInner), error.StackTrace, StringComparison.Ordinal);
        Assert.Contains(nameof(Outer), error.StackTrace, StringComparison.Ordinal);
    }

    private static async FutureTask<int> Outer(Future<int> pending) => await InterruptedInner(pending) + 1;

    private static async FutureTask<int> InterruptedInner(Future<int> pending) => await pending;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void DropFailed(EventLoop loop, bool asTask)
    {
        if (asTask)
        {
            FutureTask<int> task = loop.CreateTask(FailsAsync());
            loop.RunUntilComplete(Asyncio.Wait(new[] { task }));
            Assert.False(task.Cancel()); // done: false, but the exception now counts as retrieved
            return;
        }
        Future<int> future = loop.CreateFuture<int>();
        future.SetException(new InvalidOperationException("dropped"));
        Assert.False(future.Cancel());
    }

    private static async FutureTask<int> FailsAsync()
    {
        await Asyncio.Sleep(0);
        throw new InvalidOperationException("dropped");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CancelOnAFailedFutureCountsAsRetrievingItsException(bool asTask)
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        DropFailed(loop, asTask);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Loops.RunOnce(loop);
        Assert.DoesNotContain(recorder.Contexts, c => c.Message.Contains("never retrieved", StringComparison.Ordinal));
    }

    [Fact]
    public void WaitSplitsTheFuturesWhenTheWaiterWakesUp()
    {
        // tasks.py _wait: the sets are built after `await waiter`, so b, finished in the iteration
        // between the condition and the wake-up, is done.
        using var loop = new EventLoop();
        async FutureTask<int> Main()
        {
            EventLoop running = Asyncio.GetRunningLoop();
            Future<int> a = running.CreateFuture<int>();
            Future<int> b = running.CreateFuture<int>();
            running.CallSoon(() =>
            {
                a.SetResult(1);                        // Wait's callback on a runs in the next iteration...
                running.CallSoon(() => b.SetResult(2)); // ...and b completes right after it, in that iteration
            });
            var (done, pending) = await Asyncio.Wait(new[] { a, b }, returnWhen: ReturnWhen.FirstCompleted);
            Assert.Empty(pending);
            return done.Count;
        }
        Assert.Equal(2, loop.RunUntilComplete(Main()));
    }

    [Fact]
    public void AsCompletedElementsResolveToTheNextCompletionWhicheverIsAwaitedFirst()
    {
        // tasks.py as_completed: each element is _wait_for_one(), which takes the next finished future.
        using var loop = new EventLoop();
        async FutureTask<string> Main()
        {
            EventLoop running = Asyncio.GetRunningLoop();
            Future<int> slow = running.CreateFuture<int>();
            Future<int> quick = running.CreateFuture<int>();
            Future<int>[] items = Asyncio.AsCompleted(new[] { slow, quick }).ToArray();
            running.CallSoon(() => quick.SetResult(1));
            running.CallLater(0.01, () => slow.SetResult(2));
            int fromSecond = await items[1];
            int fromFirst = await items[0];
            return fromSecond + "," + fromFirst;
        }
        Assert.Equal("1,2", loop.RunUntilComplete(Main()));
    }

#pragma warning disable CS1998
    private static async FutureTask<int> Started(List<string> log)
    {
        log.Add("started");
        return 1;
    }
#pragma warning restore CS1998

    [Fact]
    public void WaitForWithANonPositiveTimeoutNeverStartsTheCoroutine()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask<string> Main()
        {
            FutureTask<int> work = Started(log);
            FutureTask<int> wait = Asyncio.CreateTask(Asyncio.WaitFor(work, 0)); // a task of its own: its step runs after work's would
            try
            {
                await wait;
                return "no timeout";
            }
            catch (TimeoutException)
            {
                return work.IsCancelled ? "timeout, cancelled" : "timeout";
            }
        }
        Assert.Equal("timeout, cancelled", loop.RunUntilComplete(Main()));
        Assert.Empty(log);
    }

    [Fact]
    public void WaitForWithANonPositiveTimeoutOfACoroutineCreatedWithNoLoopTimesOut()
    {
        var log = new List<string>();
        FutureTask<int> wait = Asyncio.WaitFor(Started(log), 0); // no loop: both unbound
        using var loop = new EventLoop();
        Assert.Throws<TimeoutException>(() => loop.RunUntilComplete(wait));
        Assert.Empty(log);
    }

    [Fact]
    public void ATaskGroupFailingWhileItsTaskIsCancelledFromOutsideKeepsThatCancellation()
    {
        // taskgroups.py __aexit__: with errors and parent_task.cancelling(), uncancel() then cancel().
        using var loop = new EventLoop();
        var log = new List<string>();
        FutureTask? parent = null;
        async FutureTask<int> Fails()
        {
            await Asyncio.Sleep(0);
            parent!.Cancel(); // from outside the group, in the step where the child fails
            throw new InvalidOperationException("child");
        }
        async FutureTask Parent()
        {
            try
            {
                await TaskGroup.RunAsync(async group =>
                {
                    _ = group.CreateTask(Fails());
                    await Asyncio.Sleep(10);
                });
            }
            catch (AggregateException)
            {
                log.Add("failures, cancelling=" + ((IFutureTask)Asyncio.CurrentTask()!).Cancelling());
            }
            try
            {
                await Asyncio.Sleep(0);
                log.Add("not cancelled");
            }
            catch (CancelledError)
            {
                log.Add("cancelled at the next await");
                throw;
            }
        }
        parent = loop.CreateTask(Parent());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(parent));
        Assert.Equal(new[] { "failures, cancelling=1", "cancelled at the next await" }, log);
        Assert.True(parent.IsCancelled);
    }
}
