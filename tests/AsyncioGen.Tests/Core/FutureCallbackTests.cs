using System;
using System.Collections.Generic;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>Done-callbacks: always scheduled with CallSoon, FIFO, removable, with or without state.</summary>
public class FutureCallbackTests
{
    [Fact]
    public void CallbackIsScheduledNotRunInline()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        int calls = 0;
        future.AddDoneCallback(_ => calls++);
        future.SetResult(1);
        Assert.Equal(0, calls);
        Loops.RunOnce(loop);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void CallbackReceivesTheFuture()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        Future<int>? seen = null;
        future.AddDoneCallback(f => seen = f);
        future.SetResult(5);
        Loops.RunOnce(loop);
        Assert.Same(future, seen);
    }

    [Fact]
    public void CallbacksRunInRegistrationOrder()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var log = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            string name = "cb" + i;
            future.AddDoneCallback(_ => log.Add(name));
        }
        future.SetResult(0);
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "cb0", "cb1", "cb2", "cb3", "cb4", "cb5" }, log);
    }

    [Fact]
    public void CallbacksAllRunInTheIterationAfterCompletion()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        Future future = loop.CreateFuture();
        var iterations = new List<int>();
        future.AddDoneCallback(_ => iterations.Add(counter.Iteration));
        future.AddDoneCallback(_ => iterations.Add(counter.Iteration));
        future.AddDoneCallback(_ => iterations.Add(counter.Iteration));
        loop.CallSoon(() => loop.CallSoon(() => future.SetResult())); // SetResult runs in iteration 2
        Loops.RunIterations(loop, 4);
        Assert.Equal(new[] { 3, 3, 3 }, iterations);
    }

    [Fact]
    public void CallbackAddedAfterCompletionIsScheduledNotInline()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.SetResult(3);
        int seen = 0;
        future.AddDoneCallback(f => seen = f.GetResult());
        Assert.Equal(0, seen);
        Loops.RunOnce(loop);
        Assert.Equal(3, seen);
    }

    [Fact]
    public void CallbackAddedAfterCompletionQueuesBehindEarlierCallSoon()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.SetResult();
        var log = new List<string>();
        loop.CallSoon(() => log.Add("soon"));
        future.AddDoneCallback(_ => log.Add("done"));
        loop.CallSoon(() => log.Add("later"));
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "soon", "done", "later" }, log);
    }

    [Fact]
    public void CallbacksAreScheduledWhenCompletionHappensNotWhenAdded()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        var log = new List<string>();
        future.AddDoneCallback(_ => log.Add("done"));
        loop.CallSoon(() => log.Add("soon"));
        future.SetResult();
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "soon", "done" }, log);
    }

    [Fact]
    public void CallbacksRunOnCancel()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        bool? cancelled = null;
        future.AddDoneCallback(f => cancelled = f.IsCancelled);
        future.Cancel("x");
        Assert.Null(cancelled);
        Loops.RunOnce(loop);
        Assert.True(cancelled);
    }

    [Fact]
    public void CallbacksRunOnSetException()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var boom = new InvalidOperationException("boom");
        Exception? seen = null;
        future.AddDoneCallback(f => seen = f.GetException());
        future.SetException(boom);
        Assert.Null(seen);
        Loops.RunOnce(loop);
        Assert.Same(boom, seen);
    }

    [Fact]
    public void RemoveDoneCallbackCountsEveryRegistration()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var log = new List<string>();
        Action<Future<int>> dup = _ => log.Add("dup");
        Action<Future<int>> other = _ => log.Add("other");
        future.AddDoneCallback(dup);
        future.AddDoneCallback(other);
        future.AddDoneCallback(dup);
        future.AddDoneCallback(dup);
        Assert.Equal(3, future.RemoveDoneCallback(dup));
        Assert.Equal(0, future.RemoveDoneCallback(dup));
        future.SetResult(1);
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "other" }, log);
    }

    [Fact]
    public void RemoveDoneCallbackOfUnknownCallbackReturnsZero()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.AddDoneCallback(_ => { });
        Action<Future> never = _ => { };
        Assert.Equal(0, future.RemoveDoneCallback(never));
    }

    [Fact]
    public void RemoveDoneCallbackKeepsTheOrderOfTheOthers()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        var log = new List<string>();
        Action<Future> a = _ => log.Add("a");
        Action<Future> b = _ => log.Add("b");
        Action<Future> c = _ => log.Add("c");
        Action<Future> d = _ => log.Add("d");
        future.AddDoneCallback(a);
        future.AddDoneCallback(b);
        future.AddDoneCallback(c);
        future.AddDoneCallback(d);
        Assert.Equal(1, future.RemoveDoneCallback(a));
        Assert.Equal(1, future.RemoveDoneCallback(c));
        future.AddDoneCallback(a);
        future.SetResult();
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "b", "d", "a" }, log);
    }

    [Fact]
    public void RemoveDoneCallbackAfterCompletionRemovesNothing()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        int calls = 0;
        Action<Future> cb = _ => calls++;
        future.AddDoneCallback(cb);
        future.SetResult();
        Assert.Equal(0, future.RemoveDoneCallback(cb));
        Loops.RunOnce(loop);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void StateOverloadPassesFutureAndState()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var sink = new List<string>();
        future.AddDoneCallback(static (f, s) => s.Add("result=" + f.GetResult()), sink);
        future.SetResult(9);
        Assert.Empty(sink);
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "result=9" }, sink);
    }

    [Fact]
    public void StateOverloadKeepsFifoWithPlainCallbacks()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        var log = new List<string>();
        future.AddDoneCallback(_ => log.Add("plain1"));
        future.AddDoneCallback(static (_, l) => l.Add("state1"), log);
        future.AddDoneCallback(_ => log.Add("plain2"));
        future.AddDoneCallback(static (_, l) => l.Add("state2"), log);
        future.SetResult();
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "plain1", "state1", "plain2", "state2" }, log);
    }

    [Fact]
    public void StateOverloadCallbackCanBeRemoved()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var log = new List<string>();
        Action<Future<int>, List<string>> cb = static (_, l) => l.Add("state");
        future.AddDoneCallback(cb, log);
        future.AddDoneCallback(cb, log);
        Assert.Equal(2, future.RemoveDoneCallback(cb));
        future.SetResult(1);
        Loops.RunOnce(loop);
        Assert.Empty(log);
    }

    [Fact]
    public void StateOverloadAddedAfterCompletionIsScheduled()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.Cancel();
        var log = new List<string>();
        future.AddDoneCallback(static (f, l) => l.Add("cancelled=" + f.IsCancelled), log);
        Assert.Empty(log);
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "cancelled=True" }, log);
    }

    [Fact]
    public void ResultlessFutureTypedCallbackGetsBaseFuture()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        Future? seen = null;
        ((Future)future).AddDoneCallback((Action<Future>)(f => seen = f));
        future.SetResult(2);
        Loops.RunOnce(loop);
        Assert.Same(future, seen);
    }

    [Fact]
    public void CallbackAddedFromACallbackOfADoneFutureRunsNextIteration()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        Future future = loop.CreateFuture();
        future.SetResult();
        var iterations = new List<int>();
        future.AddDoneCallback(f =>
        {
            iterations.Add(counter.Iteration);
            f.AddDoneCallback(_ => iterations.Add(counter.Iteration));
        });
        Loops.RunIterations(loop, 3);
        Assert.Equal(new[] { 1, 2 }, iterations);
    }

    [Fact]
    public void AFailingCallbackDoesNotStopTheNextOne()
    {
        using var loop = new EventLoop();
        HandlerRecorder recorder = HandlerRecorder.Install(loop);
        Future future = loop.CreateFuture();
        var log = new List<string>();
        future.AddDoneCallback(_ => throw new InvalidOperationException("first fails"));
        future.AddDoneCallback(_ => log.Add("second"));
        future.SetResult();
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "second" }, log);
        ExceptionContext context = Assert.Single(recorder.Contexts);
        Assert.Equal("first fails", context.Exception!.Message);
    }
}
