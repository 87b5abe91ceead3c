using System;
using System.Collections.Generic;
using System.Linq;
using AsyncioGen;
using static AsyncioGen.Tests.Functions.VirtualLoop;

namespace AsyncioGen.Tests.Functions;

public class WaitTests
{
    [Fact]
    public void AllCompleted_waits_for_every_future()
    {
        Run(async loop =>
        {
            FutureTask<int> a = After(1, 1);
            FutureTask<int> b = After(3, 2);
            var (done, pending) = await Asyncio.Wait(new Future[] { a, b });
            Assert.Equal(3, loop.Time(), 6);
            Assert.Equal(2, done.Count);
            Assert.Contains(a, done);
            Assert.Contains(b, done);
            Assert.Empty(pending);
        });
    }

    [Fact]
    public void FirstCompleted_returns_when_one_finishes_and_leaves_the_rest_running()
    {
        Run(async loop =>
        {
            FutureTask<int> fast = After(1, 1);
            FutureTask<int> slow = After(5, 2);
            var (done, pending) = await Asyncio.Wait(new[] { fast, slow }, returnWhen: ReturnWhen.FirstCompleted);
            Assert.Equal(1, loop.Time(), 6);
            Assert.Equal(new Future<int>[] { fast }, done.ToArray());
            Assert.Equal(new Future<int>[] { slow }, pending.ToArray());
            Assert.False(slow.IsCancelled);
            Assert.Equal(2, await slow);
        });
    }

    [Fact]
    public void FirstCompleted_counts_a_cancellation_as_completion()
    {
        Run(async loop =>
        {
            Future<int> a = loop.CreateFuture<int>();
            Future<int> b = loop.CreateFuture<int>();
            loop.CallLater(2, () => a.Cancel());
            var (done, _) = await Asyncio.Wait(new[] { a, b }, returnWhen: ReturnWhen.FirstCompleted);
            Assert.Same(a, Assert.Single(done));
        });
    }

    [Fact]
    public void FirstException_returns_at_the_first_failure()
    {
        Run(async loop =>
        {
            FutureTask<int> ok = After(1, 1);
            FutureTask<int> bad = FailAfter<int>(2, new InvalidOperationException("x"));
            FutureTask<int> slow = After(10, 3);
            var (done, pending) = await Asyncio.Wait(new[] { ok, bad, slow }, returnWhen: ReturnWhen.FirstException);
            Assert.Equal(2, loop.Time(), 6);
            Assert.Equal(2, done.Count);
            Assert.Same(slow, Assert.Single(pending));
            Assert.IsType<InvalidOperationException>(bad.GetException());
        });
    }

    [Fact]
    public void FirstException_without_failures_is_all_completed()
    {
        Run(async loop =>
        {
            var (done, pending) = await Asyncio.Wait(new[] { After(1, 1), After(2, 2) }, returnWhen: ReturnWhen.FirstException);
            Assert.Equal(2, loop.Time(), 6);
            Assert.Equal(2, done.Count);
            Assert.Empty(pending);
        });
    }

    [Fact]
    public void FirstException_ignores_cancellation()
    {
        Run(async loop =>
        {
            Future<int> cancelled = loop.CreateFuture<int>();
            FutureTask<int> slow = After(4, 1);
            loop.CallLater(1, () => cancelled.Cancel());
            var (done, pending) = await Asyncio.Wait(new[] { cancelled, slow }, returnWhen: ReturnWhen.FirstException);
            Assert.Equal(4, loop.Time(), 6);
            Assert.Empty(pending);
        });
    }

    [Fact]
    public void Timeout_returns_the_pending_futures_without_raising_or_cancelling()
    {
        Run(async loop =>
        {
            FutureTask<int> fast = After(1, 1);
            FutureTask<int> slow = After(100, 2);
            var (done, pending) = await Asyncio.Wait(new[] { fast, slow }, timeout: 30);
            Assert.Equal(30, loop.Time(), 6);
            Assert.Same(fast, Assert.Single(done));
            Assert.Same(slow, Assert.Single(pending));
            Assert.False(slow.IsDone);
            slow.Cancel();
            await Throws<CancelledError>(slow);
        });
    }

    [Fact]
    public void Futures_already_done_return_at_the_next_iteration()
    {
        Run(async loop =>
        {
            Future<int> done = loop.CreateFuture<int>();
            done.SetResult(1);
            Future<int> never = loop.CreateFuture<int>();
            var wait = Asyncio.Wait(new[] { done, never }, returnWhen: ReturnWhen.FirstCompleted);
            Assert.False(wait.IsDone); // callbacks are scheduled, never run inline
            var (d, p) = await wait;
            Assert.Equal(0, loop.Time());
            Assert.Same(done, Assert.Single(d));
            Assert.Same(never, Assert.Single(p));
        });
    }

    [Fact]
    public void An_empty_set_is_an_ArgumentException()
    {
        Run(async loop =>
        {
            var error = Assert.Throws<ArgumentException>(() => Asyncio.Wait(Array.Empty<Future>()));
            Assert.Contains("empty", error.Message, StringComparison.Ordinal);
            await Yield();
        });
    }

    [Fact]
    public void An_undefined_return_when_is_an_ArgumentException()
    {
        Run(async loop =>
        {
            Assert.Throws<ArgumentException>(() => Asyncio.Wait(new[] { loop.CreateFuture() }, returnWhen: (ReturnWhen)42));
            await Yield();
        });
    }

    [Fact]
    public void Duplicates_are_one_member_of_the_sets()
    {
        Run(async loop =>
        {
            FutureTask<int> a = After(1, 1);
            var (done, _) = await Asyncio.Wait(new[] { a, a, a });
            _ = Assert.Single(done);
        });
    }

    [Fact]
    public void Cancelling_the_waiting_task_leaves_the_futures_running_and_unregisters()
    {
        Run(async loop =>
        {
            FutureTask<int> child = After(10, 5);
            FutureTask waiter = Waits(child);
            await Asyncio.Sleep(1);
            waiter.Cancel();
            await Throws<CancelledError>(waiter);
            Assert.False(child.IsDone);
            Assert.DoesNotContain("cb=[<callback>", child.ToString(), StringComparison.Ordinal);
            Assert.Equal(5, await child);
        });

        static async FutureTask Waits(Future<int> child) => await Asyncio.Wait(new[] { child });
    }

    [Fact]
    public void The_timeout_timer_is_cancelled_when_the_condition_is_met()
    {
        Run(async loop =>
        {
            await Asyncio.Wait(new[] { After(1, 1) }, timeout: 1000);
            double before = loop.Time();
            // With the timer gone, the loop has nothing else scheduled: a sleep ends exactly on time.
            await Asyncio.Sleep(1);
            Assert.Equal(before + 1, loop.Time(), 6);
        });
    }
}
