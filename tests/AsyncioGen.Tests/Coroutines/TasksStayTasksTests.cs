using System;
using System.Collections.Generic;
using AsyncioGen;

namespace AsyncioGen.Tests.Coroutines;

/// <summary>
/// A coroutine handed to <c>CreateTask</c> or a task function runs as a task of its own, starting on the
/// next iteration (asyncio's non-eager <c>create_task</c>): a callback scheduled before it runs first.
/// </summary>
public class TasksStayTasksTests
{
#pragma warning disable CS1998
    private static async FutureTask<int> Record(List<string> log, string name)
    {
        log.Add(name);
        return 1;
    }
#pragma warning restore CS1998

    private static List<string> RunWith(Func<FutureTask<int>, Future> wrap)
    {
        var log = new List<string>();
        using var loop = new EventLoop();
        async FutureTask Main()
        {
            FutureTask<int> child = Record(log, "child");
            Asyncio.GetRunningLoop().CallSoon(() => log.Add("callback"));
            Future wrapped = wrap(child);
            log.Add("wrapped");
            await wrapped;
            log.Add("main");
        }
        loop.RunUntilComplete(Main());
        return log;
    }

    public static IEnumerable<object[]> Wrappers() => new[]
    {
        new object[] { "CreateTask", (Func<FutureTask<int>, Future>)(c => Asyncio.CreateTask(c)) },
        new object[] { "EnsureFuture", (Func<FutureTask<int>, Future>)(c => Asyncio.EnsureFuture(c)) },
        new object[] { "Gather", (Func<FutureTask<int>, Future>)(c => Asyncio.Gather(c)) },
        new object[] { "Shield", (Func<FutureTask<int>, Future>)(c => Asyncio.Shield(c)) },
        new object[] { "Wait", (Func<FutureTask<int>, Future>)(c => Asyncio.Wait(new[] { c })) },
        new object[] { "WaitFor", (Func<FutureTask<int>, Future>)(c => Asyncio.WaitFor(c, 10)) },
        new object[] { "wrapped then awaited itself", (Func<FutureTask<int>, Future>)(c => { Asyncio.CreateTask(c); return c; }) },
    };

    [Theory]
    [MemberData(nameof(Wrappers))]
    public void AWrappedCoroutineStartsAfterCallbacksScheduledBeforeIt(string how, Func<FutureTask<int>, Future> wrap)
    {
        List<string> log = RunWith(wrap);
        Assert.True(log.IndexOf("callback") < log.IndexOf("child"), how + ": " + string.Join(", ", log));
        Assert.Equal("wrapped", log[0]);
        Assert.Equal("main", log[^1]);
    }

    [Fact]
    public void TaskGroupTasksStartOnTheNextIteration()
    {
        var log = new List<string>();
        using var loop = new EventLoop();
        async FutureTask Main()
        {
            await TaskGroup.RunAsync(async group =>
            {
                Asyncio.GetRunningLoop().CallSoon(() => log.Add("callback"));
                FutureTask<int> child = group.CreateTask(Record(log, "child"));
                log.Add("created");
                await child;
            });
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "created", "callback", "child" }, log);
    }

    [Fact]
    public void ACoroutineNobodyAwaitsStillRunsAsATask()
    {
        // asyncio never runs it ("coroutine ... was never awaited"); here calling it created a task
        // whose first step is scheduled, so it runs on the next iteration (the analyzers flag the call).
        var log = new List<string>();
        using var loop = new EventLoop();
        async FutureTask Main()
        {
            _ = Record(log, "dropped");
            log.Add("main");
            await Asyncio.Sleep(0);
            log.Add("main again");
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "main", "dropped", "main again" }, log);
    }

    [Fact]
    public void ACoroutineAwaitedAfterItsFirstStepRanIsAwaitedAsATask()
    {
        var log = new List<string>();
        using var loop = new EventLoop();
        async FutureTask Main()
        {
            FutureTask<int> child = Record(log, "child");
            await Asyncio.Sleep(0); // the child's scheduled first step runs meanwhile
            log.Add("before await");
            Assert.True(child.IsDone);
            await child;
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "child", "before await" }, log);
    }

    [Fact]
    public void ACoroutineWithADoneCallbackIsATask()
    {
        var log = new List<string>();
        using var loop = new EventLoop();
        async FutureTask Main()
        {
            FutureTask<int> child = Record(log, "child");
            child.AddDoneCallback(_ => log.Add("done callback"));
            Asyncio.GetRunningLoop().CallSoon(() => log.Add("callback"));
            await child;
            log.Add("main");
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "child", "callback", "done callback", "main" }, log);
    }
}
