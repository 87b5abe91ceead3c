using System;
using System.Collections.Generic;
using AsyncioGen;
using static AsyncioGen.Tests.Functions.VirtualLoop;

namespace AsyncioGen.Tests.Functions;

public class ShieldTests
{
    [Fact]
    public void Cancelling_the_outer_does_not_cancel_the_inner()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            FutureTask<int> inner = Sleeper(5, log, "inner");
            Future<int> outer = Asyncio.Shield(inner);
            await Asyncio.Sleep(1);
            Assert.True(outer.Cancel());
            await Throws<CancelledError>(outer);
            Assert.False(inner.IsDone);
            Assert.Equal(5, await inner);
        });
        Assert.Equal(new[] { "inner done" }, log);
    }

    [Fact]
    public void Cancelling_the_task_awaiting_the_shield_raises_CancelledError_there_only()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            FutureTask<int> inner = Sleeper(5, log, "inner");
            FutureTask<int> waiter = Waits(inner);
            await Asyncio.Sleep(1);
            waiter.Cancel();
            await Throws<CancelledError>(waiter);
            Assert.True(waiter.IsCancelled);
            Assert.Equal(5, await inner);
        });
        Assert.Equal(new[] { "inner done" }, log);

        static async FutureTask<int> Waits(Future<int> inner) => await Asyncio.Shield(inner);
    }

    [Fact]
    public void The_outer_gets_the_result_when_the_inner_finishes_first()
    {
        Assert.Equal(4, Run(async loop => await Asyncio.Shield(After(2, 4))));
    }

    [Fact]
    public void The_outer_gets_the_inner_exception()
    {
        var boom = new InvalidOperationException("boom");
        Run(async loop => Assert.Same(boom, await Throws<InvalidOperationException>(Asyncio.Shield(FailAfter<int>(1, boom)))));
    }

    [Fact]
    public void The_inner_cancelled_some_other_way_cancels_the_outer()
    {
        Run(async loop =>
        {
            Future<int> inner = loop.CreateFuture<int>();
            Future<int> outer = Asyncio.Shield(inner);
            inner.Cancel();
            await Throws<CancelledError>(outer);
            Assert.True(outer.IsCancelled);
        });
    }

    [Fact]
    public void A_done_future_is_returned_as_is()
    {
        Run(async loop =>
        {
            Future<int> done = loop.CreateFuture<int>();
            done.SetResult(1);
            Assert.Same(done, Asyncio.Shield(done));
            Future plain = loop.CreateFuture();
            plain.SetResult();
            Assert.Same(plain, Asyncio.Shield(plain));
            await Yield();
        });
    }

    [Fact]
    public void Race_the_inner_finishes_in_the_iteration_the_outer_is_cancelled()
    {
        Run(async loop =>
        {
            Future<int> inner = loop.CreateFuture<int>();
            Future<int> outer = Asyncio.Shield(inner);
            inner.SetResult(5);       // the shield's callback is only scheduled
            Assert.True(outer.Cancel()); // so the outer is still pending and can be cancelled
            await Yield();
            Assert.True(outer.IsCancelled);
            Assert.Equal(5, inner.GetResult());
        });
    }

    [Fact]
    public void A_cancelled_outer_stops_listening_to_the_inner()
    {
        Run(async loop =>
        {
            Future<int> inner = loop.CreateFuture<int>();
            Future<int> outer = Asyncio.Shield(inner);
            Assert.Contains("cb=[", inner.ToString(), StringComparison.Ordinal);
            outer.Cancel();
            Assert.DoesNotContain("cb=[", inner.ToString(), StringComparison.Ordinal);
            inner.SetResult(1);
            await Yield();
            Assert.True(outer.IsCancelled);
        });
    }

    [Fact]
    public void A_result_less_future_can_be_shielded()
    {
        Run(async loop =>
        {
            Future inner = loop.CreateFuture();
            Future outer = Asyncio.Shield(inner);
            outer.Cancel();
            Assert.False(inner.IsDone);
            inner.SetResult();
            Future second = Asyncio.Shield(loop.CreateFuture());
            await Throws<CancelledError>(outer);
            Assert.False(second.IsDone);
        });
    }
}
