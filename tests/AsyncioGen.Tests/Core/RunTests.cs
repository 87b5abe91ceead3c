using System;
using System.Collections.Generic;
using AsyncioGen;
using AsyncioGen.Testing;

namespace AsyncioGen.Tests.Core;

/// <summary>asyncio.run: result, leftover tasks, closing, nesting.</summary>
public class RunTests
{
    private static async FutureTask<int> Answer()
    {
        await Asyncio.Sleep(0);
        return 42;
    }

    [Fact]
    public void RunReturnsTheResult()
    {
        Assert.Equal(42, Asyncio.Run(Answer()));
    }

    [Fact]
    public void RunOfACoroutineFactory()
    {
        Assert.Equal(42, Asyncio.Run(() => Answer()));
    }

    [Fact]
    public void RunOnTheLoopTheFactoryMakes()
    {
        // asyncio 3.12's loop_factory: here a virtual-time loop, so an hour's sleep takes no real time.
        TestEventLoop? made = null;
        async FutureTask<double> Main()
        {
            await Asyncio.Sleep(3600);
            return Asyncio.GetRunningLoop().Time();
        }
        double when = Asyncio.Run(Main(), loopFactory: () => made = new TestEventLoop());
        Assert.Equal(3600, when);
        Assert.NotNull(made);
        Assert.True(made!.IsClosed);
    }

    [Fact]
    public void RunKeepsTheFactoryLoopsDebugFlagUnlessDebugIsAsked()
    {
        bool debugSeen = false;
        async FutureTask Main()
        {
            await Asyncio.Sleep(0);
            debugSeen = Asyncio.GetRunningLoop().Debug;
        }
        Asyncio.Run(Main(), loopFactory: () => new EventLoop { Debug = true });
        Assert.True(debugSeen);
        Asyncio.Run(Main(), debug: true, loopFactory: () => new EventLoop());
        Assert.True(debugSeen);
        Asyncio.Run(Main(), loopFactory: () => new EventLoop());
        Assert.False(debugSeen);
    }

    [Fact]
    public void RunRefusesAClosedLoopFromTheFactory()
    {
        var closed = new EventLoop();
        closed.Close();
        var error = Assert.Throws<InvalidOperationException>(() => Asyncio.Run(() => Answer(), loopFactory: () => closed));
        Assert.Contains("closed", error.Message);
    }

    [Fact]
    public void RunOfAResultlessCoroutine()
    {
        bool ran = false;
        async FutureTask Main()
        {
            await Asyncio.Sleep(0);
            ran = true;
        }
        Asyncio.Run(Main());
        Assert.True(ran);
    }

    [Fact]
    public void RunClosesItsLoop()
    {
        EventLoop? loop = null;
        async FutureTask<int> Main()
        {
            loop = Asyncio.GetRunningLoop();
            await Asyncio.Sleep(0);
            return 1;
        }
        Asyncio.Run(Main());
        Assert.NotNull(loop);
        Assert.True(loop!.IsClosed);
        Assert.False(loop.IsRunning);
    }

    [Fact]
    public void RunCancelsLeftoverTasks()
    {
        var log = new List<string>();
        FutureTask? leftover = null;
        async FutureTask Background()
        {
            try
            {
                await Asyncio.Sleep(30);
                log.Add("not reached");
            }
            finally
            {
                log.Add("cleanup");
            }
        }
        async FutureTask<int> Main()
        {
            leftover = Asyncio.CreateTask(Background());
            await Asyncio.Sleep(0);
            return 3;
        }
        Assert.Equal(3, Asyncio.Run(Main()));
        Assert.True(leftover!.IsCancelled);
        Assert.Equal(new[] { "cleanup" }, log);
    }

    [Fact]
    public void RunReportsLeftoverTasksFailingDuringShutdown()
    {
        var reports = new List<ExceptionContext>();
        var cleanupFailure = new InvalidOperationException("cleanup failed");
        async FutureTask Background()
        {
            try
            {
                await Asyncio.Sleep(30);
            }
            catch (CancelledError)
            {
                throw cleanupFailure;
            }
        }
        async FutureTask Main()
        {
            Asyncio.GetRunningLoop().SetExceptionHandler((_, c) => reports.Add(c));
            _ = Asyncio.CreateTask(Background());
            await Asyncio.Sleep(0);
        }
        Asyncio.Run(Main());
        ExceptionContext report = Assert.Single(reports);
        Assert.Equal("unhandled exception during Asyncio.Run() shutdown", report.Message);
        Assert.Same(cleanupFailure, report.Exception);
    }

    [Fact]
    public void RunRethrowsTheCoroutinesException()
    {
        var boom = new FormatException("boom");
        async FutureTask<int> Main()
        {
            await Asyncio.Sleep(0);
            throw boom;
        }
        Assert.Same(boom, Assert.Throws<FormatException>(() => Asyncio.Run(Main())));
    }

    [Fact]
    public void RunFromARunningLoopThrows()
    {
        Exception? error = null;
        async FutureTask Main()
        {
            await Asyncio.Sleep(0);
            error = EventLoopTests.Record(() => Asyncio.Run(() => Answer()));
        }
        Asyncio.Run(Main());
        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.Equal("Asyncio.Run() cannot be called from a running event loop", invalid.Message);
    }

    [Fact]
    public void RunWithDebug()
    {
        async FutureTask<bool> Main()
        {
            await Asyncio.Sleep(0);
            return Asyncio.GetRunningLoop().Debug;
        }
        Assert.True(Asyncio.Run(Main(), debug: true));
        Assert.False(Asyncio.Run(Main()));
    }

    [Fact]
    public void InsideRunTheLoopIsTheCurrentLoopAndIsRestoredAfterwards()
    {
        using var mine = new EventLoop();
        EventLoop? previous = FutureStateTests.TryGetEventLoop();
        Asyncio.SetEventLoop(mine);
        try
        {
            async FutureTask<bool> Main()
            {
                await Asyncio.Sleep(0);
                var future = new Future<int>();
                return ReferenceEquals(Asyncio.GetEventLoop(), Asyncio.GetRunningLoop())
                    && ReferenceEquals(future.GetLoop(), Asyncio.GetRunningLoop());
            }
            Assert.True(Asyncio.Run(Main()));
            Assert.Same(mine, Asyncio.GetEventLoop());
        }
        finally
        {
            Asyncio.SetEventLoop(previous);
        }
    }
}
