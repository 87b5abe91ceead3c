using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>Task.cancel as a request: messages, swallowing, cancelling()/uncancel(), propagation.</summary>
public class TaskCancellationTests
{
    private static async FutureTask<int> Wait(Future<int> future) => await future;

    [Fact]
    public void CancelMessageReachesTheCoroutineAndTheCaller()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        string? seenInside = null;
        async FutureTask<int> Body()
        {
            try
            {
                return await future;
            }
            catch (CancelledError ex)
            {
                seenInside = ex.Message;
                throw;
            }
        }
        FutureTask<int> task = loop.CreateTask(Body());
        loop.CallSoon(() => Assert.True(task.Cancel("bye")));
        var error = Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Equal("bye", seenInside);
        Assert.Equal("bye", error.Message);
        Assert.True(task.IsCancelled);
        Assert.Equal("bye", Assert.Throws<CancelledError>(() => task.GetException()).Message);
    }

    [Fact]
    public void TwoCancelsWhileWaitingDeliverTheAwaitedFuturesOwnErrorWithTheFirstMessage()
    {
        // asyncio: the first cancel cancels the awaited future ('first'); the second finds it done and marks
        // the task, but the wake-up already is a CancelledError, so no fresh one ('second') is made.
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        CancelledError? seenInside = null;
        async FutureTask<int> Body()
        {
            try
            {
                return await future;
            }
            catch (CancelledError ex)
            {
                seenInside = ex;
                return 7;
            }
        }
        FutureTask<int> task = loop.CreateTask(Body());
        Loops.RunOnce(loop);
        Assert.True(task.Cancel("first"));
        Assert.True(task.Cancel("second"));
        Assert.Equal(2, task.Cancelling());
        Assert.Equal(7, loop.RunUntilComplete(task));
        Assert.Equal("first", seenInside!.CancelMessage);
        Assert.False(task.IsCancelled);
    }

    [Fact]
    public void CancellingATaskCancelsTheFutureItAwaits()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        FutureTask<int> task = loop.CreateTask(Wait(future));
        Loops.RunOnce(loop);
        Assert.False(future.IsDone);
        Assert.True(task.Cancel("stop"));
        Assert.True(future.IsCancelled);
        Assert.False(task.IsCancelled); // only a request so far
        Assert.False(task.IsDone);
        Assert.Equal("stop", Assert.Throws<CancelledError>(() => future.GetResult()).Message);
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.True(task.IsCancelled);
    }

    [Fact]
    public void ACoroutineThatCatchesCancelledErrorKeepsRunning()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        Future<int> later = loop.CreateFuture<int>();
        async FutureTask<int> Body()
        {
            try
            {
                await future;
            }
            catch (CancelledError)
            {
            }
            await Asyncio.Sleep(0);
            return 7 + await later;
        }
        FutureTask<int> task = loop.CreateTask(Body());
        Loops.RunOnce(loop);
        task.Cancel();
        loop.CallSoon(() => loop.CallSoon(() => later.SetResult(1)));
        Assert.Equal(8, loop.RunUntilComplete(task));
        Assert.False(task.IsCancelled);
        Assert.Equal(1, task.Cancelling());
    }

    [Fact]
    public void CancellingAndUncancelCountRequests()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        FutureTask<int> task = loop.CreateTask(Wait(future));
        Assert.Equal(0, task.Cancelling());
        Loops.RunOnce(loop);
        Assert.True(task.Cancel());
        Assert.True(task.Cancel());
        Assert.Equal(2, task.Cancelling());
        Assert.Equal(1, task.Uncancel());
        Assert.Equal(1, task.Cancelling());
        Assert.Equal(0, task.Uncancel());
        Assert.Equal(0, task.Uncancel());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task)); // the awaited future is cancelled
    }

    [Fact]
    public void UncancelToZeroWithdrawsAPendingRequest()
    {
        using var loop = new EventLoop();
        async FutureTask<string> Body()
        {
            await Asyncio.Sleep(0);
            var self = (IFutureTask)Asyncio.CurrentTask()!;
            self.Cancel("withdrawn");
            Assert.Equal(1, self.Cancelling());
            Assert.Equal(0, self.Uncancel());
            await Asyncio.Sleep(0);
            return "survived";
        }
        FutureTask<string> task = loop.CreateTask(Body());
        Assert.Equal("survived", loop.RunUntilComplete(task));
        Assert.False(task.IsCancelled);
    }

    [Fact]
    public void CancelRequestIsDeliveredAtTheNextAwait()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Body()
        {
            await Asyncio.Sleep(0);
            ((IFutureTask)Asyncio.CurrentTask()!).Cancel("self");
            log.Add("still running");
            try
            {
                await Asyncio.Sleep(0);
                log.Add("not reached");
            }
            catch (CancelledError ex)
            {
                log.Add("caught " + ex.Message);
                throw;
            }
        }
        FutureTask task = loop.CreateTask(Body());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Equal(new[] { "still running", "caught self" }, log);
    }

    [Fact]
    public void CancelBeforeTheFirstStepMeansTheBodyNeverRuns()
    {
        using var loop = new EventLoop();
        bool ran = false;
        async FutureTask<int> Body()
        {
            ran = true;
            await Asyncio.Sleep(0);
            return 1;
        }
        FutureTask<int> task = loop.CreateTask(Body());
        Assert.True(task.Cancel("early"));
        Assert.Equal(1, task.Cancelling());
        var error = Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Equal("early", error.Message);
        Assert.False(ran);
        Assert.True(task.IsCancelled);
    }

    [Fact]
    public void CancelBeforeTheFirstStepWithoutMessage()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Wait(loop.CreateFuture<int>()));
        task.Cancel();
        var error = Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Null(error.CancelMessage);
    }

    [Fact]
    public void CancelPropagatesToTheAwaitedInnerTask()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        FutureTask<int>? inner = null;
        async FutureTask<int> Outer()
        {
            inner = Wait(future);
            return await inner;
        }
        FutureTask<int> outer = loop.CreateTask(Outer());
        Loops.RunIterations(loop, 2); // outer awaits inner, inner awaits the future
        Assert.True(outer.Cancel("from outside"));
        Assert.Equal(1, inner!.Cancelling());
        Assert.True(future.IsCancelled);
        Assert.Equal("from outside", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(outer)).Message);
        Assert.True(inner.IsCancelled);
        Assert.True(outer.IsCancelled);
        Assert.Equal("from outside", Assert.Throws<CancelledError>(() => inner.GetResult()).Message);
    }

    [Fact]
    public void ReturningWhileACancelRequestIsPendingEndsCancelled()
    {
        using var loop = new EventLoop();
        async FutureTask<int> Body()
        {
            await Asyncio.Sleep(0);
            ((IFutureTask)Asyncio.CurrentTask()!).Cancel("pending");
            return 5;
        }
        FutureTask<int> task = loop.CreateTask(Body());
        var error = Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Equal("pending", error.Message);
        Assert.True(task.IsCancelled);
    }

    [Fact]
    public void CancelOnADoneTaskReturnsFalse()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Wait(loop.CreateFuture<int>()));
        loop.CallSoon(() => task.Cancel());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        int before = task.Cancelling();
        Assert.False(task.Cancel());
        Assert.Equal(before, task.Cancelling());

        async FutureTask<int> One()
        {
            await Asyncio.Sleep(0);
            return 1;
        }
        FutureTask<int> finished = loop.CreateTask(One());
        loop.RunUntilComplete(finished);
        Assert.False(finished.Cancel());
        Assert.Equal(0, finished.Cancelling());
        Assert.Equal(1, finished.GetResult());
    }

    [Fact]
    public void ACoroutineThrowingCancelledErrorEndsCancelled()
    {
        using var loop = new EventLoop();
        async FutureTask<int> Body()
        {
            await Asyncio.Sleep(0);
            throw new CancelledError("by hand");
        }
        FutureTask<int> task = loop.CreateTask(Body());
        Assert.Equal("by hand", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task)).Message);
        Assert.True(task.IsCancelled);
        Assert.Equal(0, task.Cancelling());
    }

    [Fact]
    public void AwaitingACancelledTaskRaisesCancelledErrorInTheAwaiter()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        FutureTask<int> inner = loop.CreateTask(Wait(future));
        string? seen = null;
        async FutureTask<string> Outer()
        {
            try
            {
                await inner;
                return "no";
            }
            catch (CancelledError ex)
            {
                seen = ex.Message;
                return "caught";
            }
        }
        FutureTask<string> outer = loop.CreateTask(Outer());
        Loops.RunOnce(loop);
        inner.Cancel("inner only");
        Assert.Equal("caught", loop.RunUntilComplete(outer));
        Assert.Equal("inner only", seen);
        Assert.Equal(0, outer.Cancelling());
        Assert.True(inner.IsCancelled);
    }

    [Fact]
    public void CancelWhileAwaitingABclTaskIsDeliveredAtTheNextFutureAwait()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Body()
        {
            await Task.Delay(20);
            log.Add("after delay");
            await Asyncio.Sleep(0);
            log.Add("not reached");
        }
        FutureTask task = loop.CreateTask(Body());
        Loops.RunOnce(loop);
        Assert.True(task.Cancel("later"));
        Assert.Equal("later", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task)).Message);
        Assert.Equal(new[] { "after delay" }, log);
    }

    [Fact]
    public void CancelWhileYieldingWithSleepZero()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Body()
        {
            log.Add("start");
            await Asyncio.Sleep(0);
            log.Add("not reached");
        }
        FutureTask task = loop.CreateTask(Body());
        Loops.RunOnce(loop);
        task.Cancel("yield");
        Assert.Equal("yield", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task)).Message);
        Assert.Equal(new[] { "start" }, log);
    }

    [Fact]
    public void CancelledTaskSchedulesItsDoneCallbacks()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Wait(loop.CreateFuture<int>()));
        bool? cancelled = null;
        task.AddDoneCallback(t => cancelled = t.IsCancelled);
        Loops.RunOnce(loop);
        task.Cancel();
        Loops.RunIterations(loop, 3);
        Assert.True(cancelled);
    }

    [Fact]
    public void ATaskCanCancelAnotherAndKeepGoing()
    {
        using var loop = new EventLoop();
        FutureTask<int> victim = loop.CreateTask(Wait(loop.CreateFuture<int>()));
        async FutureTask<string> Canceller()
        {
            await Asyncio.Sleep(0);
            bool requested = victim.Cancel("by canceller");
            try
            {
                await victim;
                return "no";
            }
            catch (CancelledError ex)
            {
                return requested + " " + ex.Message;
            }
        }
        Assert.Equal("True by canceller", loop.RunUntilComplete(Canceller()));
        Assert.True(victim.IsCancelled);
    }

    [Fact]
    public void UncancelledTaskIsNoLongerShownAsCancelling()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        async FutureTask<int> Body()
        {
            try
            {
                return await future;
            }
            catch (CancelledError)
            {
                ((IFutureTask)Asyncio.CurrentTask()!).Uncancel();
                return -1;
            }
        }
        FutureTask<int> task = loop.CreateTask(Body());
        Loops.RunOnce(loop);
        task.Cancel();
        Assert.StartsWith("<Task cancelling", task.ToString());
        Assert.Equal(-1, loop.RunUntilComplete(task));
        Assert.Equal(0, task.Cancelling());
        Assert.StartsWith("<Task finished", task.ToString());
    }

    [Fact]
    public void AnInnerTaskRefusingCancellationLeavesTheOuterTaskRunning()
    {
        // asyncio: the outer task's cancel request went to the inner task, which swallowed it;
        // the outer task then gets the inner task's result.
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        async FutureTask<int> Stubborn()
        {
            try
            {
                return await future;
            }
            catch (CancelledError)
            {
                return 99;
            }
        }
        FutureTask<int>? inner = null;
        async FutureTask<int> Outer()
        {
            inner = Stubborn();
            return await inner + 1;
        }
        FutureTask<int> outer = loop.CreateTask(Outer());
        Loops.RunIterations(loop, 2);
        Assert.True(outer.Cancel());
        Assert.Equal(100, loop.RunUntilComplete(outer));
        Assert.False(outer.IsCancelled);
        Assert.False(inner!.IsCancelled);
        Assert.Equal(1, outer.Cancelling());
    }

    [Fact]
    public void ASelfCancelledTaskCancelsTheNextFutureItAwaits()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        async FutureTask<int> Body()
        {
            await Asyncio.Sleep(0);
            ((IFutureTask)Asyncio.CurrentTask()!).Cancel("on the way in");
            return await future;
        }
        FutureTask<int> task = loop.CreateTask(Body());
        Assert.Equal("on the way in", Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task)).Message);
        Assert.True(future.IsCancelled);
        Assert.Equal("on the way in", Assert.Throws<CancelledError>(() => future.GetResult()).Message);
    }

    [Fact]
    public void AwaitingADoneFutureDoesNotDeliverAPendingCancel()
    {
        // asyncio: awaiting a done future does not suspend, so the request waits for the next suspension.
        using var loop = new EventLoop();
        Future<int> done = loop.CreateFuture<int>();
        done.SetResult(4);
        var log = new List<string>();
        async FutureTask Body()
        {
            await Asyncio.Sleep(0);
            ((IFutureTask)Asyncio.CurrentTask()!).Cancel();
            log.Add("got " + await done);
            await Asyncio.Sleep(0);
            log.Add("not reached");
        }
        FutureTask task = loop.CreateTask(Body());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Equal(new[] { "got 4" }, log);
    }

    [Fact]
    public void TwoTasksAwaitingTheSameCancelledFutureBothSeeCancelledError()
    {
        using var loop = new EventLoop();
        Future<int> shared = loop.CreateFuture<int>();
        FutureTask<int> first = loop.CreateTask(Wait(shared));
        FutureTask<int> second = loop.CreateTask(Wait(shared));
        Loops.RunOnce(loop);
        first.Cancel("shared");
        Loops.RunIterations(loop, 2);
        Assert.True(first.IsCancelled);
        Assert.True(second.IsCancelled);
        Assert.Equal(0, second.Cancelling());
        Assert.Equal("shared", Assert.Throws<CancelledError>(() => second.GetResult()).Message);
    }

    [Fact]
    public void CancelledErrorReachesTheCoroutineInTheNextIteration()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        Future<int> future = loop.CreateFuture<int>();
        int cancelledIn = 0;
        int caughtIn = 0;
        async FutureTask Body()
        {
            try
            {
                await future;
            }
            catch (CancelledError)
            {
                caughtIn = counter.Iteration;
            }
        }
        FutureTask task = loop.CreateTask(Body());
        loop.CallSoon(() => loop.CallSoon(() =>
        {
            cancelledIn = counter.Iteration;
            task.Cancel();
        }));
        Loops.RunIterations(loop, 5);
        Assert.Equal(2, cancelledIn);
        Assert.Equal(3, caughtIn);
    }

    [Fact]
    public void GetStackOfACancelledTaskIsEmpty()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Wait(loop.CreateFuture<int>()));
        Loops.RunOnce(loop);
        task.Cancel();
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Empty(task.GetStack());
        Assert.Null(task.GetCoro());
        var writer = new System.IO.StringWriter();
        task.PrintStack(file: writer);
        Assert.StartsWith("No stack for <Task cancelled", writer.ToString());
    }

    [Fact]
    public void ACoroutineEndingWithABclCancellationEndsCancelled()
    {
        // asyncio: awaiting a cancelled concurrent future raises CancelledError and the task ends cancelled.
        // In .NET an awaited Task that was cancelled throws OperationCanceledException; the task must not
        // end "finished" holding it, since a future never holds a cancellation exception.
        using var loop = new EventLoop();
        async FutureTask<int> Body()
        {
            using var source = new System.Threading.CancellationTokenSource(5);
            await Task.Delay(10_000, source.Token);
            return 1;
        }
        FutureTask<int> task = loop.CreateTask(Body());
        var error = Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.True(task.IsCancelled);
        Assert.Equal(new TaskCanceledException().Message, error.Message);
        Assert.Throws<CancelledError>(() => task.GetException());
        Assert.StartsWith("<Task cancelled", task.ToString());
    }

    [Fact]
    public void AwaitingATaskThatEndedWithABclCancellationRaisesCancelledError()
    {
        using var loop = new EventLoop();
        async FutureTask Inner() => await Task.FromCanceled(new System.Threading.CancellationToken(canceled: true));
        async FutureTask<string> Outer()
        {
            try
            {
                await Inner();
                return "no";
            }
            catch (CancelledError)
            {
                return "cancelled";
            }
        }
        Assert.Equal("cancelled", loop.RunUntilComplete(Outer()));
    }
}
