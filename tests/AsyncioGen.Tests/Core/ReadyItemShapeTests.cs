using System;
using System.Collections.Generic;
using AsyncioGen;
using AsyncioGen.Testing;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>
/// Every shape of callback the ready queue stores (a reference-type state called directly, a value-type
/// state through its invoker, done-callbacks with and without their own state) gets its own arguments.
/// </summary>
public class ReadyItemShapeTests
{
    private sealed class Log
    {
        public readonly List<string> Entries = new();
    }

    [Fact]
    public void CallSoonPassesReferenceAndValueStates()
    {
        using var loop = new EventLoop();
        var log = new Log();
        loop.CallSoon(static l => l.Entries.Add("reference"), log);
        loop.CallSoon(static pair => pair.Log.Entries.Add("value " + pair.N), (Log: log, N: 42));
        loop.CallSoon(static n => Last!.Entries.Add("int " + n), 7);
        loop.CallSoon(() => log.Entries.Add("action"));
        Last = log;
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "reference", "value 42", "int 7", "action" }, log.Entries);
    }

    [ThreadStatic] private static Log? Last;

    [Fact]
    public void DoneCallbacksGetTheFutureAndTheirOwnState()
    {
        using var loop = new EventLoop();
        var log = new Log();
        Future<int> future = loop.CreateFuture<int>();
        future.AddDoneCallback(f => log.Entries.Add("plain " + f.GetResult()));
        future.AddDoneCallback(static (f, l) => l.Entries.Add("reference " + f.GetResult()), log);
        future.AddDoneCallback(static (f, n) => Last!.Entries.Add("value " + (f.GetResult() + n)), 100);
        Last = log;
        future.SetResult(5);
        Assert.Empty(log.Entries); // scheduled on the loop, never inline
        Loops.RunOnce(loop);
        Assert.Equal(new[] { "plain 5", "reference 5", "value 105" }, log.Entries);
    }

    [Fact]
    public void ATimerWithAReferenceStateGetsIt()
    {
        using var loop = new TestEventLoop(autoAdvance: false);
        var log = new Log();
        loop.CallLater(0.5, static l => l.Entries.Add("timer"), log);
        loop.RunUntilIdle();
        Assert.Empty(log.Entries);
        loop.Advance(1);
        loop.RunUntilIdle();
        Assert.Equal(new[] { "timer" }, log.Entries);
    }
}
