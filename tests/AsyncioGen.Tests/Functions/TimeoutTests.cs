using System;
using System.Collections.Generic;
using AsyncioGen;
using static AsyncioGen.Tests.Functions.VirtualLoop;

namespace AsyncioGen.Tests.Functions;

public class TimeoutTests
{
    [Fact]
    public void A_body_that_finishes_in_time_returns_its_result()
    {
        Run(async loop =>
        {
            TimeoutScope? seen = null;
            int result = await Asyncio.Timeout(10, async scope =>
            {
                seen = scope;
                return await After(3, 5);
            });
            Assert.Equal(5, result);
            Assert.False(seen!.Expired);
            Assert.Equal(3, loop.Time(), 6);
        });
    }

    [Fact]
    public void A_30_second_timeout_raises_TimeoutException_at_the_deadline_in_virtual_time()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Run(async loop =>
        {
            TimeoutScope? seen = null;
            var error = await Throws<TimeoutException>(Asyncio.Timeout(30, async scope =>
            {
                seen = scope;
                await Asyncio.Sleep(3600);
            }));
            Assert.Equal(30, loop.Time(), 6);
            Assert.IsType<CancelledError>(error.InnerException);
            Assert.True(seen!.Expired);
        });
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_body_that_swallows_the_cancellation_keeps_its_result()
    {
        Run(async loop =>
        {
            TimeoutScope? seen = null;
            string result = await Asyncio.Timeout(1, async scope =>
            {
                seen = scope;
                try
                {
                    await Asyncio.Sleep(10);
                    return "slept";
                }
                catch (CancelledError)
                {
                    return "interrupted";
                }
            });
            Assert.Equal("interrupted", result);
            Assert.True(seen!.Expired);
        });
    }

    [Fact]
    public void Another_exception_raised_while_cancelling_propagates_unchanged()
    {
        Run(async loop =>
        {
            var error = await Throws<InvalidOperationException>(Asyncio.Timeout(1, async () =>
            {
                try
                {
                    await Asyncio.Sleep(10);
                }
                catch (CancelledError)
                {
                    throw new InvalidOperationException("cleanup failed");
                }
            }));
            Assert.Equal("cleanup failed", error.Message);
        });
    }

    [Fact]
    public void Reschedule_moves_the_deadline_later()
    {
        Run(async loop =>
        {
            int result = await Asyncio.Timeout(2, async scope =>
            {
                await Asyncio.Sleep(1);
                scope.Reschedule(loop.Time() + 10);
                Assert.Equal(11, scope.When!.Value, 6);
                await Asyncio.Sleep(5);
                return 1;
            });
            Assert.Equal(1, result);
            Assert.Equal(6, loop.Time(), 6);
        });
    }

    [Fact]
    public void Reschedule_to_null_removes_the_deadline()
    {
        Run(async loop =>
        {
            await Asyncio.Timeout(1, async scope =>
            {
                scope.Reschedule(null);
                Assert.Null(scope.When);
                await Asyncio.Sleep(100);
            });
            Assert.Equal(100, loop.Time(), 6);
        });
    }

    [Fact]
    public void Reschedule_to_the_past_expires_at_the_next_iteration()
    {
        Run(async loop =>
        {
            await Throws<TimeoutException>(Asyncio.Timeout(100, async scope =>
            {
                await Asyncio.Sleep(1);
                scope.Reschedule(0);
                await Asyncio.Sleep(50);
            }));
            Assert.Equal(1, loop.Time(), 6);
        });
    }

    [Fact]
    public void RescheduleIn_is_relative_to_now()
    {
        Run(async loop =>
        {
            await Throws<TimeoutException>(Asyncio.Timeout(null, async scope =>
            {
                await Asyncio.Sleep(2);
                scope.RescheduleIn(3);
                await Asyncio.Sleep(50);
            }));
            Assert.Equal(5, loop.Time(), 6);
        });
    }

    [Fact]
    public void Reschedule_after_expiry_is_refused()
    {
        Run(async loop =>
        {
            TimeoutScope? seen = null;
            await Throws<TimeoutException>(Asyncio.Timeout(1, async scope =>
            {
                seen = scope;
                await Asyncio.Sleep(5);
            }));
            var error = Assert.Throws<InvalidOperationException>(() => seen!.Reschedule(10));
            Assert.Equal("Cannot change state of expired Timeout", error.Message);
        });
    }

    [Fact]
    public void A_null_delay_never_expires()
    {
        Run(async loop =>
        {
            Assert.Equal(3, await Asyncio.Timeout(null, () => After(5000, 3)));
        });
    }

    [Fact]
    public void TimeoutAt_takes_an_absolute_loop_time()
    {
        Run(async loop =>
        {
            await Asyncio.Sleep(10);
            await Throws<TimeoutException>(Asyncio.TimeoutAt(12, async scope =>
            {
                Assert.Equal(12, scope.When);
                await Asyncio.Sleep(10);
            }));
            Assert.Equal(12, loop.Time(), 6);
        });
    }

    [Fact]
    public void Cancellation_from_outside_stays_CancelledError()
    {
        Run(async loop =>
        {
            TimeoutScope? seen = null;
            FutureTask outer = Asyncio.Timeout(10, async scope =>
            {
                seen = scope;
                await Asyncio.Sleep(100);
            });
            await Asyncio.Sleep(1);
            outer.Cancel();
            await Throws<CancelledError>(outer);
            Assert.False(seen!.Expired);
        });
    }

    [Fact]
    public void Cancellation_from_outside_in_the_iteration_of_the_deadline_stays_CancelledError()
    {
        Run(async loop =>
        {
            FutureTask outer = Asyncio.Timeout(5, async () => await Asyncio.Sleep(100));
            loop.CallLater(5, () => outer.Cancel()); // armed before the scope's own timer
            await Throws<CancelledError>(outer);
            Assert.Equal(5, loop.Time(), 6);
        });
    }

    [Fact]
    public void A_caller_cancelled_before_the_body_starts_never_runs_the_body()
    {
        Run(async loop =>
        {
            bool ran = false;
            FutureTask outer = Asyncio.Timeout(5, async () =>
            {
                ran = true;
                await Asyncio.Sleep(1);
            });
            outer.Cancel();
            await Throws<CancelledError>(outer);
            await Yield(3);
            Assert.False(ran);
        });
    }

    [Fact]
    public void Nested_the_inner_timeout_is_caught_and_the_outer_body_goes_on()
    {
        Run(async loop =>
        {
            string result = await Asyncio.Timeout(10, async () =>
            {
                try
                {
                    await Asyncio.Timeout(1, async () => await Asyncio.Sleep(5));
                    return "no timeout";
                }
                catch (TimeoutException)
                {
                    await Asyncio.Sleep(2);
                    return "inner timed out";
                }
            });
            Assert.Equal("inner timed out", result);
            Assert.Equal(3, loop.Time(), 6);
        });
    }

    [Fact]
    public void Nested_the_outer_deadline_first_is_the_outer_timeout()
    {
        Run(async loop =>
        {
            TimeoutScope? innerScope = null;
            await Throws<TimeoutException>(Asyncio.Timeout(2, async () =>
            {
                await Asyncio.Timeout(10, async scope =>
                {
                    innerScope = scope;
                    await Asyncio.Sleep(50);
                });
            }));
            Assert.Equal(2, loop.Time(), 6);
            Assert.False(innerScope!.Expired);
        });
    }

    [Fact]
    public void The_repr_follows_asyncio()
    {
        Run(async loop =>
        {
            string? during = null;
            TimeoutScope? seen = null;
            await Asyncio.Timeout(1.5, async scope =>
            {
                seen = scope;
                during = scope.ToString();
                await Asyncio.Sleep(0);
            });
            Assert.Equal("<Timeout [active] when=1.5>", during);
            Assert.Equal("<Timeout [finished]>", seen!.ToString());
        });
    }
}
