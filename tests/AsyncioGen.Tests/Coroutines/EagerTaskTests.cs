using System;
using System.Collections.Generic;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Coroutines;

/// <summary>Eager tasks (asyncio 3.12's <c>eager_task_factory</c> and <c>eager_start</c>).</summary>
public class EagerTaskTests
{
#pragma warning disable CS1998
    private static async FutureTask<int> Immediate(List<string> log)
    {
        log.Add("immediate ran, current is itself: " + ReferenceEquals(Asyncio.CurrentTask(), s_self));
        return 7;
    }

    private static async FutureTask<int> FailsAtOnce(List<string> log)
    {
        log.Add("fails");
        throw new InvalidOperationException("at once");
    }
#pragma warning restore CS1998

    [ThreadStatic] private static Future? s_self;

    private static async FutureTask<int> Suspends(Future<int> future, List<string> log)
    {
        log.Add("before await");
        int value = await future;
        log.Add("after await");
        return value;
    }

    [Fact]
    public void AnEagerTaskThatDoesNotSuspendIsDoneWhenCreateTaskReturns()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        var log = new List<string>();
        async FutureTask Main()
        {
            Future me = Asyncio.CurrentTask()!;
            FutureTask<int> coroutine = Immediate(log);
            s_self = coroutine;
            FutureTask<int> task = Asyncio.CreateTask(coroutine, eager: true);
            s_self = null;
            log.Add("created in " + counter.Iteration + ", done: " + task.IsDone + ", result " + task.GetResult());
            Assert.Same(me, Asyncio.CurrentTask()); // the creator is the current task again
            Assert.DoesNotContain(task, Asyncio.AllTasks());
            task.AddDoneCallback(_ => log.Add("done callback in " + counter.Iteration));
            log.Add("after AddDoneCallback");
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[]
        {
            "immediate ran, current is itself: True",
            "created in 1, done: True, result 7",
            "after AddDoneCallback",
            "done callback in 2",
        }, log);
    }

    [Fact]
    public void AnEagerTaskThatSuspendsRunsUpToItsAwaitThenResumesAsUsual()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask<int> Main()
        {
            Future<int> future = Asyncio.GetRunningLoop().CreateFuture<int>();
            FutureTask<int> task = Asyncio.CreateTask(Suspends(future, log), eager: true);
            log.Add("created");
            Assert.Contains(task, Asyncio.AllTasks());
            future.SetResult(3);
            return await task;
        }
        Assert.Equal(3, loop.RunUntilComplete(Main()));
        Assert.Equal(new[] { "before await", "created", "after await" }, log);
    }

    [Fact]
    public void AnEagerTaskThatFailsAtOnceIsDoneWithItsException()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask<string> Main()
        {
            FutureTask<int> task = Asyncio.CreateTask(FailsAtOnce(log), eager: true);
            log.Add("created, done: " + task.IsDone);
            try
            {
                await task;
                return "no";
            }
            catch (InvalidOperationException ex)
            {
                return ex.Message;
            }
        }
        Assert.Equal("at once", loop.RunUntilComplete(Main()));
        Assert.Equal(new[] { "fails", "created, done: True" }, log);
    }

    [Fact]
    public void TheEagerTaskFactoryMakesCreateTaskAndTaskGroupTasksEager()
    {
        using var loop = new EventLoop();
        loop.SetTaskFactory(Asyncio.EagerTaskFactory);
        Assert.Same(Asyncio.EagerTaskFactory, loop.GetTaskFactory());
        var log = new List<string>();
        async FutureTask Main()
        {
            Asyncio.GetRunningLoop().CallSoon(() => log.Add("callback"));
            FutureTask<int> a = Asyncio.CreateTask(Immediate(log));
            await TaskGroup.RunAsync(async group =>
            {
                FutureTask<int> b = group.CreateTask(Immediate(log));
                log.Add("group task done: " + b.IsDone);
                await b;
            });
            log.Add("a done: " + a.IsDone);
        }
        loop.RunUntilComplete(Main());
        // a ran inside CreateTask, before the callback scheduled ahead of it; b inside group.CreateTask.
        Assert.Equal(new[]
        {
            "immediate ran, current is itself: False",
            "callback",
            "immediate ran, current is itself: False",
            "group task done: True",
            "a done: True",
        }, log);
        loop.SetTaskFactory(null);
        Assert.Null(loop.GetTaskFactory());
    }

    [Fact]
    public void WithNoLoopRunningEagerHasNoEffect()
    {
        var log = new List<string>();
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Immediate(log), eager: true);
        Assert.Empty(log);
        Assert.Equal(7, loop.RunUntilComplete(task));
    }

    [Fact]
    public void AnEagerTaskRunsInItsOwnContextAndTheCreatorsIsRestored()
    {
        var value = new System.Threading.AsyncLocal<string?>();
        using var loop = new EventLoop();
        async FutureTask<string?> Writer()
        {
            value.Value = "eager";
            await Asyncio.Sleep(0);
            return value.Value;
        }
        async FutureTask<string> Main()
        {
            value.Value = "creator";
            FutureTask<string?> task = Asyncio.CreateTask(Writer(), eager: true);
            string afterCreate = value.Value!;
            return afterCreate + "/" + await task;
        }
        Assert.Equal("creator/eager", loop.RunUntilComplete(Main()));
    }
}
