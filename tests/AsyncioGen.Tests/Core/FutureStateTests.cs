using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>Every row of API.md's futures table: states, results, exceptions and their messages.</summary>
public class FutureStateTests
{
    [Fact]
    public void NewFutureIsPending()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        Assert.False(future.IsDone);
        Assert.False(future.IsCancelled);
        Assert.Same(loop, future.GetLoop());
    }

    [Fact]
    public void GetResultOnPendingThrowsInvalidStateError()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var error = Assert.Throws<InvalidStateError>(() => future.GetResult());
        Assert.Equal("Result is not ready.", error.Message);
    }

    [Fact]
    public void GetResultOnPendingResultlessFutureThrowsInvalidStateError()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        var error = Assert.Throws<InvalidStateError>(() => future.GetResult());
        Assert.Equal("Result is not ready.", error.Message);
    }

    [Fact]
    public void GetExceptionOnPendingThrowsInvalidStateError()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var error = Assert.Throws<InvalidStateError>(() => future.GetException());
        Assert.Equal("Exception is not set.", error.Message);
    }

    [Fact]
    public void SetResultFinishesTheFuture()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.SetResult(42);
        Assert.True(future.IsDone);
        Assert.False(future.IsCancelled);
        Assert.Equal(42, future.GetResult());
        Assert.Null(future.GetException());
    }

    [Fact]
    public void SetResultOnResultlessFuture()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.SetResult();
        Assert.True(future.IsDone);
        future.GetResult();
        Assert.Null(future.GetException());
    }

    [Fact]
    public void NullResultIsAResult()
    {
        using var loop = new EventLoop();
        Future<string?> future = loop.CreateFuture<string?>();
        future.SetResult(null);
        Assert.True(future.IsDone);
        Assert.Null(future.GetResult());
    }

    [Fact]
    public void SetExceptionKeepsTheSameInstance()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var boom = new InvalidOperationException("boom");
        future.SetException(boom);
        Assert.True(future.IsDone);
        Assert.False(future.IsCancelled);
        Assert.Same(boom, future.GetException());
        var thrown = Assert.Throws<InvalidOperationException>(() => future.GetResult());
        Assert.Same(boom, thrown);
    }

    [Fact]
    public void GetResultRethrowsTheSameInstanceEveryTime()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        var boom = new FormatException("bad");
        future.SetException(boom);
        Assert.Same(boom, Assert.Throws<FormatException>(() => future.GetResult()));
        Assert.Same(boom, Assert.Throws<FormatException>(() => future.GetResult()));
        Assert.Same(boom, future.GetException());
    }

    [Fact]
    public void GetResultKeepsTheOriginalStackTrace()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        try
        {
            ThrowFromHelper();
        }
        catch (InvalidOperationException ex)
        {
            future.SetException(ex);
        }
        var thrown = Assert.Throws<InvalidOperationException>(() => future.GetResult());
        Assert.Contains(nameof(ThrowFromHelper), thrown.StackTrace);
        Assert.Contains(nameof(GetResultKeepsTheOriginalStackTrace), thrown.StackTrace);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFromHelper() => throw new InvalidOperationException("deep");

    [Fact]
    public void CancelPendingFuture()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        Assert.True(future.Cancel());
        Assert.True(future.IsDone);
        Assert.True(future.IsCancelled);
    }

    [Fact]
    public void GetResultOnCancelledCarriesTheMessage()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.Cancel("stop now");
        var error = Assert.Throws<CancelledError>(() => future.GetResult());
        Assert.Equal("stop now", error.Message);
        Assert.Equal("stop now", error.CancelMessage);
    }

    [Fact]
    public void GetExceptionOnCancelledThrowsCancelledErrorWithMessage()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.Cancel("why not");
        var error = Assert.Throws<CancelledError>(() => future.GetException());
        Assert.Equal("why not", error.Message);
    }

    [Fact]
    public void CancelWithoutMessageHasNoCancelMessage()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.Cancel();
        var error = Assert.Throws<CancelledError>(() => future.GetResult());
        Assert.Null(error.CancelMessage);
        Assert.False(string.IsNullOrEmpty(error.Message));
    }

    [Fact]
    public void CancelOnFinishedReturnsFalseAndKeepsTheResult()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.SetResult(7);
        Assert.False(future.Cancel("late"));
        Assert.False(future.IsCancelled);
        Assert.Equal(7, future.GetResult());
    }

    [Fact]
    public void CancelOnFailedReturnsFalse()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        var boom = new InvalidOperationException("boom");
        future.SetException(boom);
        Assert.False(future.Cancel());
        Assert.False(future.IsCancelled);
        Assert.Same(boom, future.GetException());
    }

    [Fact]
    public void CancelTwiceKeepsTheFirstMessage()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        Assert.True(future.Cancel("first"));
        Assert.False(future.Cancel("second"));
        Assert.Equal("first", Assert.Throws<CancelledError>(() => future.GetResult()).Message);
    }

    [Fact]
    public void SetResultOnFinishedThrowsInvalidStateError()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.SetResult(1);
        var error = Assert.Throws<InvalidStateError>(() => future.SetResult(2));
        Assert.StartsWith("FINISHED: ", error.Message);
        Assert.Equal("FINISHED: <Future finished result=1>", error.Message);
        Assert.Equal(1, future.GetResult());
    }

    [Fact]
    public void SetResultOnCancelledThrowsInvalidStateError()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        future.Cancel();
        var error = Assert.Throws<InvalidStateError>(() => future.SetResult());
        Assert.Equal("CANCELLED: <Future cancelled>", error.Message);
    }

    [Fact]
    public void SetExceptionOnFinishedThrowsInvalidStateError()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.SetException(new InvalidOperationException("boom"));
        var error = Assert.Throws<InvalidStateError>(() => future.SetException(new FormatException("again")));
        Assert.StartsWith("FINISHED: ", error.Message);
        Assert.Contains("InvalidOperationException('boom')", error.Message);
    }

    [Fact]
    public void SetExceptionOnCancelledThrowsInvalidStateError()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        future.Cancel();
        var error = Assert.Throws<InvalidStateError>(() => future.SetException(new FormatException("x")));
        Assert.StartsWith("CANCELLED: ", error.Message);
    }

    [Fact]
    public void SetExceptionWithOperationCanceledExceptionIsRejected()
    {
        using var loop = new EventLoop();
        Future<int> future = loop.CreateFuture<int>();
        var error = Assert.Throws<ArgumentException>(() => future.SetException(new OperationCanceledException()));
        Assert.Equal("exception", error.ParamName);
        Assert.False(future.IsDone);
    }

    [Fact]
    public void SetExceptionWithCancelledErrorIsRejected()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        Assert.Throws<ArgumentException>(() => future.SetException(new CancelledError("no")));
        Assert.False(future.IsDone);
    }

    [Fact]
    public void SetExceptionWithTaskCanceledExceptionIsRejected()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        Assert.Throws<ArgumentException>(() => future.SetException(new TaskCanceledException()));
        Assert.False(future.IsDone);
    }

    [Fact]
    public void SetExceptionWithNullIsRejected()
    {
        using var loop = new EventLoop();
        Future future = loop.CreateFuture();
        Assert.Throws<ArgumentNullException>(() => future.SetException(null!));
        Assert.False(future.IsDone);
    }

    [Fact]
    public void ExceptionTypesDeriveFromTheirBclCounterparts()
    {
        Assert.IsAssignableFrom<InvalidOperationException>(new InvalidStateError("x"));
        Assert.IsAssignableFrom<OperationCanceledException>(new CancelledError("x"));
        Assert.Equal("x", new CancelledError("x").Message);
    }

    [Fact]
    public void NewFutureWithoutLoopAndNoCurrentLoopThrows()
    {
        EventLoop? previous = TryGetEventLoop();
        Asyncio.SetEventLoop(null);
        try
        {
            Assert.Throws<InvalidOperationException>(() => new Future<int>());
            Assert.Throws<InvalidOperationException>(() => new Future());
        }
        finally
        {
            Asyncio.SetEventLoop(previous);
        }
    }

    [Fact]
    public void NewFutureWithoutLoopUsesTheCurrentLoop()
    {
        using var loop = new EventLoop();
        EventLoop? previous = TryGetEventLoop();
        Asyncio.SetEventLoop(loop);
        try
        {
            var future = new Future<int>();
            Assert.Same(loop, future.GetLoop());
        }
        finally
        {
            Asyncio.SetEventLoop(previous);
        }
    }

    [Fact]
    public void NewFutureWithoutLoopUsesTheRunningLoop()
    {
        using var loop = new EventLoop();
        using var other = new EventLoop();
        EventLoop? previous = TryGetEventLoop();
        Asyncio.SetEventLoop(other);
        Future? created = null;
        try
        {
            loop.CallSoon(() => created = new Future());
            Loops.RunOnce(loop);
        }
        finally
        {
            Asyncio.SetEventLoop(previous);
        }
        Assert.NotNull(created);
        Assert.Same(loop, created!.GetLoop());
    }

    [Fact]
    public void FutureWithExplicitLoop()
    {
        using var loop = new EventLoop();
        var future = new Future<string>(loop);
        Assert.Same(loop, future.GetLoop());
        future.SetResult("x");
        Assert.Equal("x", future.GetResult());
    }

    internal static EventLoop? TryGetEventLoop()
    {
        try
        {
            return Asyncio.GetEventLoop();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
