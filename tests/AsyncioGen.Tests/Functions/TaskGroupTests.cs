using System;
using System.Collections.Generic;
using System.Linq;
using AsyncioGen;
using static AsyncioGen.Tests.Functions.VirtualLoop;

namespace AsyncioGen.Tests.Functions;

public class TaskGroupTests
{
    [Fact]
    public void The_group_waits_for_all_its_tasks()
    {
        Run(async loop =>
        {
            FutureTask<int>? a = null, b = null;
            await TaskGroup.RunAsync(async group =>
            {
                a = group.CreateTask(After(3, 1));
                b = group.CreateTask(() => After(1, 2));
                await Asyncio.Sleep(0);
            });
            Assert.Equal(3, loop.Time(), 6);
            Assert.Equal(1, a!.GetResult());
            Assert.Equal(2, b!.GetResult());
        });
    }

    [Fact]
    public void A_synchronous_body_only_starts_tasks_and_the_group_waits_for_them()
    {
        // asyncio: an 'async with TaskGroup()' block with no await runs inline; its tasks start on the next iteration.
        Run(async loop =>
        {
            FutureTask<int>? a = null;
            bool bodyRan = false;
            await TaskGroup.RunAsync(group =>
            {
                a = group.CreateTask(After(2, 7));
                bodyRan = true;
            });
            Assert.True(bodyRan);
            Assert.Equal(2, loop.Time(), 6);
            Assert.Equal(7, a!.GetResult());
        });
    }

    [Fact]
    public void A_synchronous_body_that_throws_cancels_the_tasks_and_reports_its_error_last()
    {
        Run(async loop =>
        {
            FutureTask<int>? a = null;
            var error = await Throws<AggregateException>(TaskGroup.RunAsync(group =>
            {
                a = group.CreateTask(After(2, 7));
                if (a is not null)
                {
                    throw new InvalidOperationException("body failed"); // reachable end: only the Action overload fits
                }
            }));
            Assert.IsType<InvalidOperationException>(Assert.Single(error.InnerExceptions));
            Assert.True(a!.IsCancelled);
            Assert.Equal(0, loop.Time(), 6);
        });
    }

    [Fact]
    public void The_body_result_is_returned_after_the_tasks_are_done()
    {
        Run(async loop =>
        {
            int result = await TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(After(5, 0));
                return 42;
            });
            Assert.Equal(42, result);
            Assert.Equal(5, loop.Time(), 6);
        });
    }

    [Fact]
    public void The_first_failure_cancels_the_other_tasks_and_the_body()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            var error = await Throws<AggregateException>(TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(Sleeper(10, log, "sibling"));
                _ = group.CreateTask(FailAfter<int>(1, new InvalidOperationException("boom")));
                try
                {
                    await Asyncio.Sleep(100);
                }
                catch (CancelledError)
                {
                    log.Add("body cancelled");
                    throw;
                }
            }));
            Assert.Equal(1, loop.Time(), 6);
            var only = Assert.IsType<InvalidOperationException>(Assert.Single(error.InnerExceptions));
            Assert.Equal("boom", only.Message);
            Assert.StartsWith("unhandled errors in a TaskGroup", error.Message, StringComparison.Ordinal);
        });
        Assert.Equal(new[] { "body cancelled", "sibling cancelled" }, log.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void Failures_in_the_same_iteration_are_all_raised_together()
    {
        Run(async loop =>
        {
            var error = await Throws<AggregateException>(TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(FailAfter<int>(1, new InvalidOperationException("a")));
                _ = group.CreateTask(FailAfter<int>(1, new FormatException("b")));
                await Asyncio.Sleep(10);
            }));
            Assert.Equal(new[] { "a", "b" }, error.InnerExceptions.Select(e => e.Message));
        });
    }

    [Fact]
    public void CancelledErrors_are_never_among_the_failures()
    {
        Run(async loop =>
        {
            var error = await Throws<AggregateException>(TaskGroup.RunAsync(async group =>
            {
                FutureTask<int> cancelledOnItsOwn = group.CreateTask(After(50, 0));
                cancelledOnItsOwn.Cancel();
                _ = group.CreateTask(After(10, 0));
                _ = group.CreateTask(FailAfter<int>(2, new InvalidOperationException("x")));
                await Asyncio.Sleep(0);
            }));
            Assert.IsType<InvalidOperationException>(Assert.Single(error.InnerExceptions));
        });
    }

    [Fact]
    public void A_task_cancelled_on_its_own_is_not_a_failure()
    {
        Run(async loop =>
        {
            await TaskGroup.RunAsync(async group =>
            {
                FutureTask<int> t = group.CreateTask(After(5, 0));
                _ = group.CreateTask(After(1, 0));
                await Asyncio.Sleep(0.5);
                t.Cancel();
            });
            Assert.Equal(1, loop.Time(), 6);
        });
    }

    [Fact]
    public void A_body_exception_cancels_the_tasks_and_is_raised_in_the_group()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            var error = await Throws<AggregateException>(TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(Sleeper(10, log, "child"));
                await Asyncio.Sleep(1);
                throw new ArgumentException("body");
            }));
            Assert.Equal("body", Assert.Single(error.InnerExceptions).Message);
            Assert.Equal(1, loop.Time(), 6);
        });
        Assert.Equal(new[] { "child cancelled" }, log);
    }

    [Fact]
    public void Task_failures_come_before_the_body_failure()
    {
        Run(async loop =>
        {
            var error = await Throws<AggregateException>(TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(FailAfter<int>(1, new InvalidOperationException("child")));
                try
                {
                    await Asyncio.Sleep(10);
                }
                finally
                {
                    // runs on the group's cancellation of the body
                }
                throw new FormatException("unreachable");
            }));
            Assert.Equal(new[] { "child" }, error.InnerExceptions.Select(e => e.Message));

            var both = await Throws<AggregateException>(TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(FailAfter<int>(1, new InvalidOperationException("child")));
                try
                {
                    await Asyncio.Sleep(10);
                }
                catch (CancelledError)
                {
                    throw new FormatException("body");
                }
            }));
            Assert.Equal(new[] { "child", "body" }, both.InnerExceptions.Select(e => e.Message));
        });
    }

    [Fact]
    public void Cancelled_from_outside_the_group_cancels_its_tasks_and_raises_CancelledError()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            FutureTask outer = TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(Sleeper(10, log, "a"));
                _ = group.CreateTask(Sleeper(20, log, "b"));
                await Sleeper(30, log, "body");
            });
            await Asyncio.Sleep(1);
            outer.Cancel();
            await Throws<CancelledError>(outer);
            Assert.True(outer.IsCancelled);
            Assert.Equal(1, loop.Time(), 6);
        });
        Assert.Equal(new[] { "a cancelled", "b cancelled", "body cancelled" }, log.OrderBy(s => s, StringComparer.Ordinal));
    }

    [Fact]
    public void Cancelled_from_outside_while_waiting_for_the_tasks_after_the_body()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            FutureTask outer = TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(Sleeper(10, log, "a"));
                await Asyncio.Sleep(0);
            });
            await Asyncio.Sleep(2);
            outer.Cancel();
            await Throws<CancelledError>(outer);
            Assert.Equal(2, loop.Time(), 6);
        });
        Assert.Equal(new[] { "a cancelled" }, log);
    }

    [Fact]
    public void A_failure_after_the_body_ended_cancels_the_other_tasks()
    {
        var log = new List<string>();
        Run(async loop =>
        {
            var error = await Throws<AggregateException>(TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(Sleeper(10, log, "slow"));
                _ = group.CreateTask(FailAfter<int>(3, new InvalidOperationException("late")));
                await Asyncio.Sleep(0);
            }));
            Assert.Equal(3, loop.Time(), 6);
            Assert.Single(error.InnerExceptions);
        });
        Assert.Equal(new[] { "slow cancelled" }, log);
    }

    [Fact]
    public void The_caller_can_catch_the_failures_and_go_on_it_is_not_cancelled()
    {
        Run(async loop =>
        {
            try
            {
                await TaskGroup.RunAsync(async group =>
                {
                    _ = group.CreateTask(FailAfter<int>(1, new InvalidOperationException()));
                    await Asyncio.Sleep(10);
                });
            }
            catch (AggregateException)
            {
            }
            var self = (IFutureTask)Asyncio.CurrentTask()!;
            Assert.Equal(0, self.Cancelling());
            await Asyncio.Sleep(5); // would raise CancelledError if a request leaked to this task
            Assert.Equal(6, loop.Time(), 6);
        });
    }

    [Fact]
    public void A_body_that_swallows_the_groups_cancellation_still_raises_the_failure()
    {
        Run(async loop =>
        {
            var error = await Throws<AggregateException>(TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(FailAfter<int>(1, new InvalidOperationException("x")));
                try
                {
                    await Asyncio.Sleep(10);
                }
                catch (CancelledError)
                {
                }
                return 0;
            }));
            Assert.Single(error.InnerExceptions);
        });
    }

    [Fact]
    public void Creating_a_task_in_a_finished_group_is_refused_and_the_coroutine_never_runs()
    {
        Run(async loop =>
        {
            TaskGroup? kept = null;
            await TaskGroup.RunAsync(async group =>
            {
                kept = group;
                await Asyncio.Sleep(0);
            });
            bool ran = false;
            FutureTask<int> late = Mark();
            var error = Assert.Throws<InvalidOperationException>(() => kept!.CreateTask(late));
            Assert.EndsWith("is finished", error.Message, StringComparison.Ordinal);
            await Throws<CancelledError>(late);
            Assert.False(ran);
            Assert.Throws<InvalidOperationException>(() => kept!.CreateTask(() => throw new InvalidOperationException("not called")));

            async FutureTask<int> Mark()
            {
                ran = true;
                await Asyncio.Sleep(0);
                return 1;
            }
        });
    }

    [Fact]
    public void Creating_a_task_while_shutting_down_is_refused()
    {
        Run(async loop =>
        {
            string? message = null;
            await Throws<AggregateException>(TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(FailAfter<int>(1, new InvalidOperationException()));
                try
                {
                    await Asyncio.Sleep(10);
                }
                catch (CancelledError)
                {
                    try
                    {
                        _ = group.CreateTask(After(1, 0));
                    }
                    catch (InvalidOperationException ex)
                    {
                        message = ex.Message;
                    }
                    throw;
                }
            }));
            Assert.EndsWith("is shutting down", message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_task_may_add_tasks_to_the_group_while_it_waits()
    {
        Run(async loop =>
        {
            var order = new List<int>();
            await TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(async () =>
                {
                    await Asyncio.Sleep(1);
                    order.Add(1);
                    _ = group.CreateTask(async () =>
                    {
                        await Asyncio.Sleep(4);
                        order.Add(2);
                    });
                });
                await Asyncio.Sleep(0);
            });
            Assert.Equal(new[] { 1, 2 }, order);
            Assert.Equal(5, loop.Time(), 6);
        });
    }

    [Fact]
    public void CreateTask_names_the_task()
    {
        Run(async loop =>
        {
            await TaskGroup.RunAsync(async group =>
            {
                FutureTask<int> t = group.CreateTask(After(1, 1), name: "worker");
                Assert.Equal("worker", t.Name);
                await t;
            });
        });
    }

    [Fact]
    public void The_repr_shows_tasks_and_state()
    {
        Run(async loop =>
        {
            await TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(After(1, 1));
                _ = group.CreateTask(After(1, 1));
                Assert.Equal("<TaskGroup tasks=2 entered>", group.ToString());
                await Asyncio.Sleep(0);
            });
        });
    }
}
