using System;
using System.Collections.Generic;
using System.Linq;
using AsyncioGen;
using static AsyncioGen.Tests.Functions.VirtualLoop;

namespace AsyncioGen.Tests.Functions;

public class AsCompletedTests
{
    [Fact]
    public void Results_come_in_completion_order()
    {
        List<int> order = Run(async loop =>
        {
            var results = new List<int>();
            foreach (Future<int> next in Asyncio.AsCompleted(new[] { After(3, 3), After(1, 1), After(2, 2) }))
            {
                results.Add(await next);
            }
            return results;
        });
        Assert.Equal(new[] { 1, 2, 3 }, order);
    }

    [Fact]
    public void Each_result_is_available_when_its_future_finishes()
    {
        List<double> times = Run(async loop =>
        {
            var seen = new List<double>();
            foreach (Future<int> next in Asyncio.AsCompleted(new[] { After(5, 0), After(2, 0) }))
            {
                await next;
                seen.Add(loop.Time());
            }
            return seen;
        });
        Assert.Equal(new[] { 2.0, 5.0 }, times);
    }

    [Fact]
    public void An_exception_is_raised_by_the_await_of_its_turn()
    {
        Run(async loop =>
        {
            var items = Asyncio.AsCompleted(new[] { After(2, 2), FailAfter<int>(1, new FormatException("first")) }).ToArray();
            var error = await Throws<FormatException>(items[0]);
            Assert.Equal("first", error.Message);
            Assert.Equal(2, await items[1]);
        });
    }

    [Fact]
    public void The_timeout_raises_TimeoutException_on_the_next_await()
    {
        Run(async loop =>
        {
            var results = new List<int>();
            FutureTask<int> slow = After(100, 2);
            try
            {
                foreach (Future<int> next in Asyncio.AsCompleted(new[] { After(1, 1), slow }, timeout: 10))
                {
                    results.Add(await next);
                }
                Assert.Fail("no timeout");
            }
            catch (TimeoutException)
            {
                Assert.Equal(10, loop.Time(), 6);
            }
            Assert.Equal(new[] { 1 }, results);
            Assert.False(slow.IsDone); // as_completed never cancels
            slow.Cancel();
            await Throws<CancelledError>(slow);
        });
    }

    [Fact]
    public void After_the_timeout_every_remaining_await_raises()
    {
        Run(async loop =>
        {
            Future<int> a = loop.CreateFuture<int>();
            Future<int> b = loop.CreateFuture<int>();
            var items = Asyncio.AsCompleted(new[] { a, b }, timeout: 1).ToArray();
            await Throws<TimeoutException>(items[0]);
            await Throws<TimeoutException>(items[1]);
            a.SetResult(1); // too late: nobody listens any more
            await Yield();
            Assert.Throws<TimeoutException>(() => items[0].GetResult());
        });
    }

    [Fact]
    public void A_cancelled_future_raises_CancelledError_in_its_turn()
    {
        Run(async loop =>
        {
            Future<int> a = loop.CreateFuture<int>();
            var items = Asyncio.AsCompleted(new[] { a, After(1, 1) }).ToArray();
            a.Cancel("gone");
            var error = await Throws<CancelledError>(items[0]);
            Assert.Equal("gone", error.Message);
            Assert.Equal(1, await items[1]);
        });
    }

    [Fact]
    public void Nothing_gives_an_empty_sequence()
    {
        Assert.Empty(Asyncio.AsCompleted(Array.Empty<Future<int>>()));
        Assert.Empty(Asyncio.AsCompleted(Array.Empty<Future>()));
    }

    [Fact]
    public void Duplicates_count_once()
    {
        Run(async loop =>
        {
            FutureTask<int> a = After(1, 1);
            _ = Assert.Single(Asyncio.AsCompleted(new[] { a, a }));
            await a;
        });
    }

    [Fact]
    public void The_untyped_form_completes_in_order_too()
    {
        List<string> order = Run(async loop =>
        {
            var log = new List<string>();
            Future<string> s = After(2, "s");
            Future<int> i = After(1, 1);
            foreach (Future next in Asyncio.AsCompleted(new Future[] { s, i }))
            {
                await next;
                log.Add(i.IsDone && !s.IsDone ? "int" : "string");
            }
            return log;
        });
        Assert.Equal(new[] { "int", "string" }, order);
    }

    [Fact]
    public void The_async_enumerable_yields_the_original_futures_as_they_finish()
    {
        List<Future<int>> seen = Run(async loop =>
        {
            var list = new List<Future<int>>();
            await foreach (Future<int> f in Asyncio.AsCompletedAsync(new[] { After(3, 3), After(1, 1), After(2, 2) }))
            {
                Assert.True(f.IsDone);
                list.Add(f);
            }
            return list;
        });
        Assert.Equal(new[] { 1, 2, 3 }, seen.Select(f => f.GetResult()));
    }

    [Fact]
    public void The_async_enumerable_raises_TimeoutException_from_MoveNextAsync()
    {
        Run(async loop =>
        {
            var results = new List<int>();
            try
            {
                await foreach (Future<int> f in Asyncio.AsCompletedAsync(new[] { After(1, 1), After(50, 2) }, timeout: 5))
                {
                    results.Add(f.GetResult());
                }
                Assert.Fail("no timeout");
            }
            catch (TimeoutException)
            {
                Assert.Equal(5, loop.Time(), 6);
            }
            Assert.Equal(new[] { 1 }, results);
        });
    }
}
