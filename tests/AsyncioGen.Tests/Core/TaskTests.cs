using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>Coroutine tasks: scheduling, awaiting, introspection (names, coro, stack), BCL awaits.</summary>
public class TaskTests
{
    private static async FutureTask<int> Add(int a, int b)
    {
        await Asyncio.Sleep(0);
        return a + b;
    }

    private static async FutureTask<int> AwaitAndRecord(Future<int> future, List<string> log)
    {
        log.Add("before");
        int value = await future;
        log.Add("after " + value);
        return value;
    }

    private static async FutureTask Suspended(Future future) => await future;

    private static async FutureTask<int> FailsDeep()
    {
        await Asyncio.Sleep(0);
        Thrower();
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Thrower() => throw new InvalidOperationException("deep failure");

    [Fact]
    public void RunUntilCompleteReturnsTheCoroutinesResult()
    {
        using var loop = new EventLoop();
        Assert.Equal(5, loop.RunUntilComplete(Add(2, 3)));
    }

    [Fact]
    public void RunUntilCompleteOfACoroutineFactory()
    {
        using var loop = new EventLoop();
        Assert.Equal(9, loop.RunUntilComplete(() => Add(4, 5)));
    }

    [Fact]
    public void CallingACoroutineDoesNotRunItsBody()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var log = new List<string>();
        FutureTask<int>? task = null;
        loop.CallSoon(() =>
        {
            task = AwaitAndRecord(future, log);
            log.Add("called");
        });
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "called" }, log);
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "called", "before" }, log);
        future.SetResult(1);
        Assert.Equal(1, loop.RunUntilComplete(task!));
    }

    [Fact]
    public void FirstStepRunsInTheNextIteration()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        int startedIn = 0;
        int createdIn = 0;
        async FutureTask Body()
        {
            startedIn = counter.Iteration;
            await Asyncio.Sleep(0);
        }
        loop.CallSoon(() => loop.CallSoon(() =>
        {
            createdIn = counter.Iteration;
            _ = Body();
        }));
        Loops.RunIterations(loop, 5);
        Assert.Equal(2, createdIn);
        Assert.Equal(3, startedIn);
    }

    [Fact]
    public void FutureCompletedInIterationNWakesItsTaskInIterationNPlusOne()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        Future<int> future = loop.CreateFuture<int>();
        int completedIn = 0;
        int resumedIn = 0;
        async FutureTask Waiter()
        {
            await future;
            resumedIn = counter.Iteration;
        }
        FutureTask task = loop.CreateTask(Waiter());
        loop.CallSoon(() => loop.CallSoon(() => loop.CallSoon(() =>
        {
            completedIn = counter.Iteration;
            future.SetResult(1);
        })));
        Loops.RunIterations(loop, 6);
        Assert.True(task.IsDone);
        Assert.Equal(3, completedIn);
        Assert.Equal(4, resumedIn);
    }

    [Fact]
    public void AwaitingADoneFutureDoesNotSuspend()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        Future<int> future = loop.CreateFuture<int>();
        future.SetResult(3);
        var iterations = new List<int>();
        async FutureTask<int> Body()
        {
            iterations.Add(counter.Iteration);
            int a = await future;
            iterations.Add(counter.Iteration);
            return a;
        }
        FutureTask<int> task = loop.CreateTask(Body());
        Loops.RunIterations(loop, 3);
        Assert.Equal(3, task.GetResult());
        Assert.Equal(new[] { 1, 1 }, iterations);
    }

    [Fact]
    public void AwaitingAFutureTwiceGivesTheSameResult()
    {
        using var loop = new EventLoop();
        Future<string> future = loop.CreateFuture<string>();
        async FutureTask<string> Body()
        {
            string first = await future;
            string second = await future;
            return first + "|" + second;
        }
        loop.CallSoon(() => future.SetResult("x"));
        Assert.Equal("x|x", loop.RunUntilComplete(Body()));
    }

    [Fact]
    public void AwaitingAFailedFutureTwiceThrowsTheSameInstance()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var boom = new InvalidOperationException("boom");
        async FutureTask<int> Body()
        {
            var caught = new List<Exception>();
            for (int i = 0; i < 2; i++)
            {
                try
                {
                    await future;
                }
                catch (InvalidOperationException ex)
                {
                    caught.Add(ex);
                }
            }
            Assert.All(caught, ex => Assert.Same(boom, ex));
            return caught.Count;
        }
        loop.CallSoon(() => future.SetException(boom));
        Assert.Equal(2, loop.RunUntilComplete(Body()));
    }

    [Fact]
    public void AwaitingATaskFromAnotherTask()
    {
        using var loop = new EventLoop();
        async FutureTask<int> Outer()
        {
            FutureTask<int> inner = Add(20, 22);
            Assert.False(inner.IsDone);
            int value = await inner;
            Assert.True(inner.IsDone);
            return value + await inner;
        }
        Assert.Equal(84, loop.RunUntilComplete(Outer()));
    }

    [Fact]
    public void AwaitingAFailedTaskRethrowsItsException()
    {
        using var loop = new EventLoop();
        async FutureTask<string> Outer()
        {
            FutureTask<int> inner = FailsDeep();
            try
            {
                await inner;
                return "no";
            }
            catch (InvalidOperationException ex)
            {
                Assert.Same(inner.GetException(), ex);
                return ex.Message;
            }
        }
        Assert.Equal("deep failure", loop.RunUntilComplete(Outer()));
    }

    [Fact]
    public void CurrentTaskIsTheRunningTaskAndNullInPlainCallbacks()
    {
        using var loop = new EventLoop();
        Future? inside = null;
        Future? inCallback = new Future(loop);
        async FutureTask Body()
        {
            inside = Asyncio.CurrentTask();
            await Asyncio.Sleep(0);
            Assert.Same(inside, Asyncio.CurrentTask());
        }
        FutureTask task = Body();
        loop.CallSoon(() => inCallback = Asyncio.CurrentTask());
        loop.RunUntilComplete(task);
        Assert.Same(task, inside);
        Assert.Null(inCallback);
        Assert.Throws<InvalidOperationException>(() => Asyncio.CurrentTask());
    }

    [Fact]
    public void AllTasksListsUnfinishedTasksOnly()
    {
        using var loop = new EventLoop();
        Future<int> gate = loop.CreateFuture<int>();
        async FutureTask<int> Blocked() => await gate;
        async FutureTask<int> Quick()
        {
            await Asyncio.Sleep(0);
            return 1;
        }
        IReadOnlySet<Future>? snapshot = null;
        FutureTask<int>? blocked = null;
        FutureTask<int>? quick = null;
        async FutureTask Main()
        {
            blocked = Blocked();
            quick = Quick();
            await quick;
            snapshot = Asyncio.AllTasks();
            gate.SetResult(0);
            await blocked;
        }
        FutureTask main = Main();
        loop.RunUntilComplete(main);
        Assert.NotNull(snapshot);
        Assert.Contains(blocked!, snapshot!);
        Assert.Contains(main, snapshot!);
        Assert.DoesNotContain(quick!, snapshot!);
        Assert.Empty(Asyncio.AllTasks(loop));
    }

    [Fact]
    public void TaskNamesAreTaskNAndIncrease()
    {
        using var loop = new EventLoop();
        FutureTask<int> first = Add(1, 1);
        FutureTask<int> second = Add(1, 1);
        Match a = Regex.Match(first.Name, @"^Task-(\d+)$");
        Match b = Regex.Match(second.Name, @"^Task-(\d+)$");
        Assert.True(a.Success, first.Name);
        Assert.True(b.Success, second.Name);
        Assert.True(int.Parse(b.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
            > int.Parse(a.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        loop.CreateTask(first);
        loop.CreateTask(second);
        loop.RunUntilComplete(second);
        loop.RunUntilComplete(first);
    }

    [Fact]
    public void TaskNameCanBeSet()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Add(1, 2), name: "adder");
        Assert.Equal("adder", task.Name);
        task.Name = "renamed";
        Assert.Equal("renamed", task.GetName());
        task.SetName("again");
        Assert.Equal("again", task.Name);
        Assert.Throws<ArgumentNullException>(() => task.Name = null!);
        loop.RunUntilComplete(task);
    }

    [Fact]
    public void GetCoroIsTheStateMachineUntilDone()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Add(1, 2));
        object? coro = task.GetCoro();
        Assert.IsAssignableFrom<IAsyncStateMachine>(coro);
        Assert.Contains("Add", coro!.GetType().Name);
        loop.RunUntilComplete(task);
        Assert.Null(task.GetCoro());
    }

    [Fact]
    public void GetStackOfASuspendedTaskNamesItsMethod()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        FutureTask task = loop.CreateTask(Suspended(future));
        Loops.RunOnce(loop);
        TaskStackFrame frame = Assert.Single(task.GetStack());
        Assert.Equal("TaskTests.Suspended", frame.Method);
        Assert.Equal(nameof(Suspended), frame.MethodBase?.Name);
        Assert.Empty(task.GetStack(limit: 0));
        future.SetResult();
        loop.RunUntilComplete(task);
        Assert.Empty(task.GetStack());
    }

    [Fact]
    public void GetStackOfAFailedTaskShowsTheExceptionsFrames()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(FailsDeep());
        Assert.Throws<InvalidOperationException>(() => loop.RunUntilComplete(task));
        IReadOnlyList<TaskStackFrame> frames = task.GetStack();
        Assert.True(frames.Count >= 2, string.Join("\n", frames));
        Assert.Equal("TaskTests.Thrower", frames[frames.Count - 1].Method);
        Assert.Contains(frames, f => f.Method.Contains("FailsDeep", StringComparison.Ordinal));
        // A traceback's limit keeps the oldest frames (as Python's traceback module).
        TaskStackFrame oldest = Assert.Single(task.GetStack(limit: 1));
        Assert.Equal(frames[0], oldest);
        Assert.NotEqual("TaskTests.Thrower", oldest.Method);
    }

    [Fact]
    public void PrintStackWritesStackForASuspendedTask()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        FutureTask task = loop.CreateTask(Suspended(future), name: "printer");
        Loops.RunOnce(loop);
        var writer = new StringWriter();
        task.PrintStack(file: writer);
        string text = writer.ToString();
        Assert.StartsWith("Stack for <Task pending name='printer'", text);
        Assert.Contains("in TaskTests.Suspended", text);
        future.SetResult();
        loop.RunUntilComplete(task);
    }

    [Fact]
    public void PrintStackWritesTracebackForAFailedTask()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(FailsDeep(), name: "failing");
        Assert.Throws<InvalidOperationException>(() => loop.RunUntilComplete(task));
        var writer = new StringWriter();
        task.PrintStack(file: writer);
        string text = writer.ToString();
        Assert.StartsWith("Traceback for <Task finished name='failing'", text);
        Assert.Contains("in TaskTests.Thrower", text);
        Assert.EndsWith("InvalidOperationException: deep failure" + Environment.NewLine, text);
    }

    [Fact]
    public void SetResultAndSetExceptionOnATaskThrow()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Add(1, 1));
        var setResult = Assert.Throws<InvalidOperationException>(() => task.SetResult(5));
        Assert.IsNotType<InvalidStateError>(setResult);
        Assert.Throws<InvalidOperationException>(() => task.SetException(new FormatException()));
        Assert.Throws<InvalidOperationException>(() => ((Future)task).SetResult());
        Assert.Equal(2, loop.RunUntilComplete(task));
        Assert.IsNotType<InvalidStateError>(Assert.Throws<InvalidOperationException>(() => task.SetResult(5)));
    }

    [Fact]
    public void AwaitingTaskDelayResumesOnTheLoopThread()
    {
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        async FutureTask<int> Body()
        {
            await Task.Delay(10);
            int afterDelay = Environment.CurrentManagedThreadId;
            Assert.Same(loop, Asyncio.GetRunningLoop());
            return afterDelay;
        }
        Assert.Equal(loopThread, loop.RunUntilComplete(Body()));
    }

    [Fact]
    public void AwaitingTaskRunResumesOnTheLoopThreadWithTheResult()
    {
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        async FutureTask<(int, int)> Body()
        {
            int worker = await Task.Run(() => Environment.CurrentManagedThreadId);
            return (worker, Environment.CurrentManagedThreadId);
        }
        (int worker, int resumed) = loop.RunUntilComplete(Body());
        Assert.NotEqual(loopThread, worker);
        Assert.Equal(loopThread, resumed);
    }

    [Fact]
    public void AwaitingAValueTaskResumesOnTheLoopThread()
    {
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        async FutureTask<int> Body()
        {
            await new ValueTask(Task.Delay(5));
            return Environment.CurrentManagedThreadId;
        }
        Assert.Equal(loopThread, loop.RunUntilComplete(Body()));
    }

    private sealed class Duck : IFutureLike
    {
        public bool IsDone => false;

        public bool IsCancelled => false;
    }

    [Fact]
    public void IsFuture()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Add(0, 0));
        Assert.True(Asyncio.IsFuture(loop.CreateFuture()));
        Assert.True(Asyncio.IsFuture(loop.CreateFuture<string>()));
        Assert.True(Asyncio.IsFuture(task));
        Assert.True(Asyncio.IsFuture(new Duck()));
        Assert.False(Asyncio.IsFuture(Task.CompletedTask));
        Assert.False(Asyncio.IsFuture(new object()));
        Assert.False(Asyncio.IsFuture(null));
        loop.RunUntilComplete(task);
    }

    [Fact]
    public void ATaskAwaitingItselfFails()
    {
        using var loop = new EventLoop();
        async FutureTask Self()
        {
            Future me = Asyncio.CurrentTask()!;
            await me;
        }
        var error = Assert.Throws<InvalidOperationException>(() => loop.RunUntilComplete(Self()));
        Assert.StartsWith("Task cannot await on itself", error.Message);
    }

    [Fact]
    public void ATaskAwaitingAnotherLoopsFutureFails()
    {
        using var loop = new EventLoop();
        using var other = new EventLoop();
        Future<int> foreign = other.CreateFuture<int>();
        async FutureTask<int> Body() => await foreign;
        var error = Assert.Throws<InvalidOperationException>(() => loop.RunUntilComplete(Body()));
        Assert.Contains("attached to a different loop", error.Message);
    }

    [Fact]
    public void CreateTaskWithoutARunningLoopThrows()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = Add(1, 1);
        Assert.Throws<InvalidOperationException>(() => Asyncio.CreateTask(task));
        Assert.Equal(2, loop.RunUntilComplete(task));
    }

    [Fact]
    public void ATaskCreatedWithNoLoopIsBoundByTheLoopThatRunsIt()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = Add(3, 4);
        Assert.Throws<InvalidOperationException>(() => task.GetLoop());
        Assert.False(task.IsDone);
        Assert.Equal(7, loop.RunUntilComplete(task));
        Assert.Same(loop, task.GetLoop());
    }

    [Fact]
    public void AFireAndForgetTaskRunsWithoutBeingAwaited()
    {
        using var loop = new EventLoop();
        var log = new List<string>();
        async FutureTask Background()
        {
            await Asyncio.Sleep(0);
            log.Add("background");
        }
        async FutureTask Main()
        {
            _ = Asyncio.CreateTask(Background, name: "bg");
            log.Add("main");
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
            await Asyncio.Sleep(0);
        }
        loop.RunUntilComplete(Main());
        Assert.Equal(new[] { "main", "background" }, log);
    }

    [Fact]
    public void DoneCallbacksOfATaskRunAfterItFinishes()
    {
        using var loop = new EventLoop();
        FutureTask<int> task = loop.CreateTask(Add(1, 1));
        var log = new List<string>();
        task.AddDoneCallback(t => log.Add("done " + t.GetResult()));
        Assert.Empty(log);
        loop.RunUntilComplete(task);
        // Scheduled with RunUntilComplete's own stop callback, which only stops after the iteration.
        Assert.Equal(new[] { "done 2" }, log);
    }

    [Fact]
    public void TwoTasksAwaitingTheSameFutureWakeTogetherInOrder()
    {
        using var loop = new EventLoop();
        IterationCounter counter = IterationCounter.Start(loop);
        Future<int> shared = loop.CreateFuture<int>();
        var log = new List<string>();
        async FutureTask Waiter(string name)
        {
            int value = await shared;
            log.Add(name + " " + value + " @" + counter.Iteration);
        }
        loop.CreateTask(Waiter("a"));
        loop.CreateTask(Waiter("b"));
        loop.CallSoon(() => loop.CallSoon(() => shared.SetResult(8)));
        Loops.RunIterations(loop, 4);
        Assert.Equal(new[] { "a 8 @3", "b 8 @3" }, log);
    }

    [Fact]
    public void ACoroutineThrowingBeforeItsFirstAwaitFailsItsTaskNotTheCaller()
    {
        using var loop = new EventLoop();
        var boom = new InvalidOperationException("at once");
        bool ready = true;
        async FutureTask<int> Throws()
        {
            if (ready)
            {
                throw boom;
            }
            await Asyncio.Sleep(0);
            return 0;
        }
        FutureTask<int> task = Throws();
        Assert.False(task.IsDone);
        Assert.Same(boom, Assert.Throws<InvalidOperationException>(() => loop.RunUntilComplete(task)));
        Assert.Same(boom, task.GetException());
    }

    [Fact]
    public void RunningAnotherLoopFromARunningLoopThrows()
    {
        using var loop = new EventLoop();
        using var other = new EventLoop();
        Exception? error = null;
        loop.CallSoon(() => error = EventLoopTests.Record(() => other.RunUntilComplete(other.CreateFuture())));
        Loops.RunOnce(loop);
        Assert.Equal("Cannot run the event loop while another loop is running", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public void APlainAsyncMethodAwaitingAFutureOnTheLoopResumesOnTheLoop()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        Future<int> resumedOn = loop.CreateFuture<int>();
        async Task Plain()
        {
            await future;
            resumedOn.SetResult(Environment.CurrentManagedThreadId);
        }
        Task? plain = null;
        loop.CallSoon(() => plain = Plain());
        loop.CallSoon(() => future.SetResult(1));
        Assert.Equal(Environment.CurrentManagedThreadId, loop.RunUntilComplete(resumedOn));
        Assert.True(plain!.IsCompletedSuccessfully);
    }

    [Fact]
    public void AwaitingAFutureFromTheThreadPoolResumesOffTheLoop()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        Future<(int, int)> echoed = loop.CreateFuture<(int, int)>();
        int loopThread = Environment.CurrentManagedThreadId;
        loop.CallSoon(() =>
        {
            _ = Task.Run(async () =>
            {
                int value = await future;
                int thread = Environment.CurrentManagedThreadId;
                loop.CallSoonThreadsafe(() => echoed.SetResult((value, thread)));
            });
            loop.CallLater(0.01, () => future.SetResult(5));
        });
        (int value, int thread) = loop.RunUntilComplete(echoed);
        Assert.Equal(5, value);
        Assert.NotEqual(loopThread, thread);
    }

    [Fact]
    public void AwaitingACancelledBclTaskThrowsIntoTheCoroutineOnTheLoopThread()
    {
        using var loop = new EventLoop();
        int loopThread = Environment.CurrentManagedThreadId;
        async FutureTask<string> Body()
        {
            using var source = new System.Threading.CancellationTokenSource(5);
            try
            {
                await Task.Delay(10_000, source.Token);
                return "not cancelled";
            }
            catch (OperationCanceledException)
            {
                return Environment.CurrentManagedThreadId == loopThread ? "caught on loop" : "caught elsewhere";
            }
        }
        Assert.Equal("caught on loop", loop.RunUntilComplete(Body()));
    }

    [Fact]
    public void ATaskCreatedWithNoLoopStartsWhenARunningTaskAwaitsIt()
    {
        using var loop = new EventLoop();
        FutureTask<int> early = Add(10, 5);
        async FutureTask<int> Main() => await early * 2;
        Assert.Equal(30, loop.RunUntilComplete(Main()));
        Assert.Same(loop, early.GetLoop());
    }
}
