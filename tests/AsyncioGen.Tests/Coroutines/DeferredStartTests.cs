using System;
using System.Collections.Generic;
using AsyncioGen;

namespace AsyncioGen.Tests.Coroutines;

/// <summary>
/// A coroutine created by a running task's step is not scheduled at the call: the step most likely
/// awaits it at once (inline, as asyncio's <c>await coro()</c>). It becomes a task of its own when it is
/// used as one (<c>CreateTask</c>, a task function, a done-callback, <c>Cancel</c>) or when the creating
/// step suspends or ends without awaiting it.
/// </summary>
public class DeferredStartTests
{
#pragma warning disable CS1998
    private static async FutureTask<int> Record(List<string> log, string name)
    {
        log.Add(name);
        return 1;
    }
#pragma warning restore CS1998

    [Fact]
    public void ACoroutineNotAwaitedYetIsNoTaskUntilUsedAsOne()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Main()
        {
            FutureTask<int> child = Record(log, "child");
            Assert.DoesNotContain(child, Asyncio.AllTasks()); // a coroutine, not a task (asyncio: not in all_tasks)
            _ = Asyncio.CreateTask(child);
            Assert.Contains(child, Asyncio.AllTasks());
            await child;
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "child" }, log);
    }

    [Fact]
    public void ACoroutineDroppedByAStepStartsWhenTheStepSuspends()
    {
        // Its first step is scheduled at the suspension, so after the callbacks the step scheduled
        // before it, and before the step's own resumption.
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Main()
        {
            _ = Record(log, "dropped");
            Asyncio.GetRunningLoop().CallSoon(() => log.Add("callback"));
            await Asyncio.Sleep(0);
            log.Add("main again");
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "callback", "dropped", "main again" }, log);
    }

    [Fact]
    public void ACoroutineDroppedByAStepThatFinishesStillRuns()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        FutureTask<int>? dropped = null;
#pragma warning disable CS1998
        async FutureTask Creator() => dropped = Record(log, "dropped");
#pragma warning restore CS1998
        async FutureTask Main()
        {
            await loop.CreateTask(Creator());
            await Asyncio.Sleep(0);
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "dropped" }, log);
        Assert.True(dropped!.IsDone);
    }

    [Fact]
    public void ACoroutineCancelledBeforeItStartsEndsCancelledWithoutRunning()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Main()
        {
            FutureTask<int> child = Record(log, "child");
            Assert.True(child.Cancel("early"));
            CancelledError error = await Assert.ThrowsAsync<CancelledError>(async () => await child);
            Assert.Equal("early", error.Message);
            Assert.True(child.IsCancelled);
        }
        loop.RunUntilComplete(Main());
        Assert.Empty(log);
    }

    [Fact]
    public void CoroutinesRunInlineTakeNoTaskNumber()
    {
        // asyncio numbers tasks (Task-N), and an awaited coroutine is no task.
        using var loop = new EventLoop();
        string first = "", second = "";
        var log = new List<string>();
        async FutureTask Main()
        {
            FutureTask<int> a = Asyncio.CreateTask(Record(log, "a"));
            for (int i = 0; i < 3; i++)
            {
                await Record(log, "inline");
            }
            FutureTask<int> b = Asyncio.CreateTask(Record(log, "b"));
            first = a.Name;
            second = b.Name;
            await a;
            await b;
        }
        loop.RunUntilComplete(Main());
        int number(string name) => int.Parse(name["Task-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(number(first) + 1, number(second));
    }
}
