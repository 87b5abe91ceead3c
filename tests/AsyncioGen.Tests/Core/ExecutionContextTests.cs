using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>ExecutionContext flow, asyncio's contextvars: AsyncLocal values in callbacks and tasks.</summary>
public class ExecutionContextTests
{
    private static readonly AsyncLocal<string?> s_value = new();

    [Fact]
    public void ValueSetBeforeAddDoneCallbackIsVisibleInside()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        string? seen = "unset";
        s_value.Value = "at registration";
        future.AddDoneCallback(_ => seen = s_value.Value);
        s_value.Value = "changed afterwards";
        future.SetResult();
        s_value.Value = null;
        Loops.RunOnce(loop);
        Assert.Equal("at registration", seen);
    }

    [Fact]
    public void StateOverloadAlsoCapturesTheContext()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        var seen = new List<string?>();
        s_value.Value = "state overload";
        future.AddDoneCallback(static (_, list) => list.Add(s_value.Value), seen);
        s_value.Value = null;
        future.SetResult();
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "state overload" }, seen);
    }

    [Fact]
    public void ValueSetBeforeCallSoonIsVisibleInside()
    {
        using var loop = new EventLoop();
        var seen = new List<string?>();
        s_value.Value = "one";
        loop.CallSoon(() => seen.Add(s_value.Value));
        s_value.Value = "two";
        loop.CallSoon(static l => l.Add(s_value.Value), seen);
        s_value.Value = null;
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "one", "two" }, seen);
    }

    [Fact]
    public void ExplicitContextIsUsed()
    {
        using var loop = new EventLoop();
        s_value.Value = "captured";
        ExecutionContext context = ExecutionContext.Capture()!;
        s_value.Value = "current";
        var seen = new List<string?>();
        loop.CallSoon(() => seen.Add(s_value.Value), context);
        Future future = loop.CreateFuture();
        future.AddDoneCallback(_ => seen.Add(s_value.Value), context);
        future.SetResult();
        s_value.Value = null;
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "captured", "captured" }, seen);
    }

    [Fact]
    public void ValueSetInsideACallbackDoesNotLeakToTheNext()
    {
        using var loop = new EventLoop();
        s_value.Value = null;
        var seen = new List<string?>();
        loop.CallSoon(() => s_value.Value = "leaked?");
        loop.CallSoon(() => seen.Add(s_value.Value));
        loop.CallSoon(() => loop.CallSoon(() => seen.Add(s_value.Value)));
        Loops.RunIterations(loop, 2);
        Assert.Equal(new string?[] { null, null }, seen);
        Assert.Null(s_value.Value);
    }

    [Fact]
    public void TimerCallbackSeesTheCapturedValue()
    {
        using var loop = new EventLoop();
        Future<string?> fired = loop.CreateFuture<string?>();
        s_value.Value = "timer";
        loop.CallLater(0.001, () => fired.SetResult(s_value.Value));
        s_value.Value = null;
        Assert.Equal("timer", loop.RunUntilComplete(fired));
    }

    [Fact]
    public void ThreadsafeCallbackSeesThePostingThreadsValue()
    {
        using var loop = new EventLoop();
        Future<string?> fired = loop.CreateFuture<string?>();
        var thread = new Thread(() =>
        {
            s_value.Value = "from worker";
            loop.CallSoonThreadsafe(() => fired.SetResult(s_value.Value));
        });
        thread.Start();
        thread.Join();
        Assert.Equal("from worker", loop.RunUntilComplete(fired));
    }

    [Fact]
    public void TaskWritesPersistAcrossItsOwnAwaits()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        async FutureTask<string> Body()
        {
            s_value.Value = "task";
            await Asyncio.Sleep(0);
            string? a = s_value.Value;
            await future;
            string? b = s_value.Value;
            s_value.Value = "task2";
            await Task.Delay(5);
            string? c = s_value.Value;
            await Asyncio.Sleep(0.001);
            return a + "," + b + "," + c + "," + s_value.Value;
        }
        loop.CallSoon(() => loop.CallSoon(() => future.SetResult(1)));
        Assert.Equal("task,task,task2,task2", loop.RunUntilComplete(Body()));
    }

    [Fact]
    public void TaskWritesDoNotLeakToOtherTasksOrCallbacks()
    {
        using var loop = new EventLoop();
        s_value.Value = "outer";
        var seen = new List<string?>();
        async FutureTask Writer()
        {
            s_value.Value = "writer";
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
        }
        async FutureTask Reader()
        {
            await Asyncio.Sleep(0);
            seen.Add(s_value.Value);
        }
        async FutureTask Main()
        {
            // Tasks, not inline awaits: a coroutine awaited inline shares (and writes) its awaiter's context.
            FutureTask w = Asyncio.CreateTask(Writer());
            FutureTask r = Asyncio.CreateTask(Reader());
            Asyncio.GetRunningLoop().CallSoon(() => Asyncio.GetRunningLoop().CallSoon(() => seen.Add(s_value.Value)));
            await w;
            await r;
            seen.Add(s_value.Value);
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "outer", "outer", "outer" }, seen);
        s_value.Value = null;
    }

    [Fact]
    public void TaskStartsWithItsCreatorsContext()
    {
        using var loop = new EventLoop();
        async FutureTask<string?> Child()
        {
            await Asyncio.Sleep(0);
            return s_value.Value;
        }
        async FutureTask<string?> Parent()
        {
            s_value.Value = "parent";
            FutureTask<string?> child = Asyncio.CreateTask(Child()); // a task copies the context it is created in
            s_value.Value = "parent changed later";
            return await child;
        }
        Assert.Equal("parent", loop.RunUntilComplete(Parent()));
    }
}
