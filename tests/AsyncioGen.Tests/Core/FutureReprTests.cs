using System;
using System.Text.RegularExpressions;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>ToString() as asyncio's repr, for Future, Task, Handle and TimerHandle in every state.</summary>
public class FutureReprTests
{
    private static void OnDone(Future future)
    {
    }

    private static void OtherDone(Future future)
    {
    }

    private static void ThirdDone(Future future)
    {
    }

    private static void OnTick()
    {
    }

    [Fact]
    public void PendingFuture()
    {
        using var loop = new EventLoop();
        Assert.Equal("<Future pending>", loop.CreateFuture<int>().ToString());
    }

    [Fact]
    public void PendingFutureWithOneCallback()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.AddDoneCallback(OnDone);
        Assert.Equal("<Future pending cb=[FutureReprTests.OnDone()]>", future.ToString());
    }

    [Fact]
    public void PendingFutureWithTwoCallbacks()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.AddDoneCallback(OnDone);
        future.AddDoneCallback(OtherDone);
        Assert.Equal("<Future pending cb=[FutureReprTests.OnDone(), FutureReprTests.OtherDone()]>", future.ToString());
    }

    [Fact]
    public void PendingFutureWithManyCallbacksIsShortened()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.AddDoneCallback(OnDone);
        future.AddDoneCallback(OtherDone);
        future.AddDoneCallback(OtherDone);
        future.AddDoneCallback(ThirdDone);
        Assert.Equal("<Future pending cb=[FutureReprTests.OnDone(), <2 more>, FutureReprTests.ThirdDone()]>", future.ToString());
    }

    [Fact]
    public void LambdaCallbackIsNamedAfterItsMethod()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.AddDoneCallback(_ => { });
        Assert.Equal("<Future pending cb=[FutureReprTests.LambdaCallbackIsNamedAfterItsMethod.<lambda>()]>", future.ToString());
    }

    [Fact]
    public void FinishedFuture()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.SetResult(42);
        Assert.Equal("<Future finished result=42>", future.ToString());
    }

    [Fact]
    public void FinishedFutureWithStringResult()
    {
        using var loop = new EventLoop();
        Future<string> future = loop.CreateFuture<string>();
        future.SetResult("hi");
        Assert.Equal("<Future finished result='hi'>", future.ToString());
    }

    [Fact]
    public void FinishedFutureKeepsCallbacksOutOfTheRepr()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.AddDoneCallback(OnDone);
        future.SetResult(1);
        Assert.Equal("<Future finished result=1>", future.ToString());
    }

    [Fact]
    public void FailedFuture()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.SetException(new InvalidOperationException("boom"));
        Assert.Equal("<Future finished exception=InvalidOperationException('boom')>", future.ToString());
        future.GetException();
    }

    [Fact]
    public void CancelledFuture()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.Cancel("msg");
        Assert.Equal("<Future cancelled>", future.ToString());
    }

    // ---------------------------------------------------------------- tasks

    private static async FutureTask<int> FortyTwo()
    {
        await Asyncio.Sleep(0);
        return 42;
    }

    private static async FutureTask<int> WaitOn(Future<int> future) => await future;

    private static async FutureTask<int> Fails()
    {
        await Asyncio.Sleep(0);
        throw new InvalidOperationException("boom");
    }

    [Fact]
    public void PendingTaskNotStarted()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(FortyTwo());
        Assert.Matches(new Regex(@"^<Task pending name='Task-\d+' coro=<FutureReprTests\.FortyTwo\(\) running>>$"), task.ToString());
        loop.RunUntilComplete(task);
    }

    [Fact]
    public void PendingTaskWaitingForAFuture()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        FutureTask<int> task = loop.CreateTask(WaitOn(future), name: "waiter");
        Loops.RunOnce(loop);
        Assert.Equal(
            "<Task pending name='waiter' coro=<FutureReprTests.WaitOn() running> wait_for=<Future pending cb=[Task.Wakeup()]>>",
            task.ToString());
        future.SetResult(1);
        Assert.Equal(1, loop.RunUntilComplete(task));
    }

    [Fact]
    public void CancellingTask()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        FutureTask<int> task = loop.CreateTask(WaitOn(future), name: "c");
        Loops.RunOnce(loop);
        task.Cancel();
        Assert.StartsWith("<Task cancelling name='c' coro=<FutureReprTests.WaitOn() running>", task.ToString());
        Assert.Throws<CancelledError>(() => loop.RunUntilComplete(task));
        Assert.Equal("<Task cancelled name='c' coro=<FutureReprTests.WaitOn() done>>", task.ToString());
    }

    [Fact]
    public void FinishedTask()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(FortyTwo(), name: "answer");
        loop.RunUntilComplete(task);
        Assert.Equal("<Task finished name='answer' coro=<FutureReprTests.FortyTwo() done> result=42>", task.ToString());
    }

    [Fact]
    public void FailedTask()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Fails(), name: "bad");
        Assert.Throws<InvalidOperationException>(() => loop.RunUntilComplete(task));
        Assert.Equal("<Task finished name='bad' coro=<FutureReprTests.Fails() done> exception=InvalidOperationException('boom')>", task.ToString());
    }

    // ---------------------------------------------------------------- handles

    [Fact]
    public void HandleOfPendingCallback()
    {
        using var loop = new EventLoop();
        Handle handle = loop.CallSoon(OnTick);
        Assert.Equal("<Handle FutureReprTests.OnTick()>", handle.ToString());
        Loops.RunOnce(loop);
        Assert.StartsWith("<Handle", handle.ToString());
        Assert.DoesNotContain("cancelled", handle.ToString());
    }

    [Fact]
    public void HandleOfCancelledCallback()
    {
        using var loop = new EventLoop();
        Handle handle = loop.CallSoon(OnTick);
        handle.Cancel();
        Assert.StartsWith("<Handle cancelled", handle.ToString());
        Loops.RunOnce(loop);
        Assert.StartsWith("<Handle cancelled", handle.ToString());
    }

    [Fact]
    public void TimerHandleRepr()
    {
        using var loop = new EventLoop();
        TimerHandle timer = loop.CallAt(12.5, OnTick);
        Assert.Equal("<TimerHandle when=12.5 FutureReprTests.OnTick()>", timer.ToString());
        timer.Cancel();
        Assert.Equal("<TimerHandle cancelled when=12.5>", timer.ToString());
    }
}
