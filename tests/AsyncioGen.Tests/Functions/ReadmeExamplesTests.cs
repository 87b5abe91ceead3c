using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen.Testing;

namespace AsyncioGen.Tests.Functions;

/// <summary>The README's task-function examples, verbatim between the markers, compiled and run.</summary>
public class ReadmeExamplesTests
{
    private static async FutureTask<int> FetchAsync(int id)
    {
        await Asyncio.Sleep(0.01 * id);
        return id;
    }

    private static async FutureTask<int> FailAsync()
    {
        await Asyncio.Sleep(0);
        throw new InvalidOperationException("boom");
    }

    private static async FutureTask<string> ExamplesAsync()
    {
        var log = new List<string>();
        // README: begin
        int[] both = await Asyncio.Gather(FetchAsync(1), FetchAsync(2));            // [1, 2], argument order
        object?[] mixed = await Asyncio.Gather(returnExceptions: true, FetchAsync(3), FailAsync());
        // mixed[1] is the InvalidOperationException

        FutureTask<int>[] tasks = { FetchAsync(3), FetchAsync(1), FetchAsync(2) };
        var (done, pending) = await Asyncio.Wait(tasks, timeout: 5, returnWhen: ReturnWhen.FirstCompleted);
        foreach (Future<int> next in Asyncio.AsCompleted(tasks, timeout: 10))
        {
            log.Add("completed " + await next);                                      // 1, 2, 3
        }

        int quick = await Asyncio.WaitFor(FetchAsync(1), timeout: 5);                // TimeoutException after 5 s,
                                                                                     // the inner task cancelled first
        int saved = await Asyncio.Shield(FetchAsync(2));                             // cancelling us won't cancel it

        int total = await Asyncio.Timeout(5, async scope =>                          // asyncio.timeout(5)
        {
            int first = await FetchAsync(1);
            scope.Reschedule(scope.When + 5);                                        // more time for the rest
            return first + await FetchAsync(2);
        });

        await TaskGroup.RunAsync(async group =>                                      // asyncio.TaskGroup()
        {
            FutureTask<int> a = group.CreateTask(FetchAsync(1));
            FutureTask<int> b = group.CreateTask(() => FetchAsync(2));
            await Asyncio.Sleep(0);
        });                                                                          // a and b are done here
        await TaskGroup.RunAsync(group =>                                            // a block with no await:
        {                                                                            // a synchronous body
            group.CreateTask(FetchAsync(3));
        });

        string text = await Asyncio.WrapFuture(ct => Task.Run(() => "from the pool", ct)); // Cancel() cancels ct
        Future<int> answer = Asyncio.GetRunningLoop().CreateFuture<int>();
        Task<int> plainTask = Task.Run(async () => await answer.AsTask() + 1);     // BCL code on any thread
        answer.SetResult(41);
        int viaBcl = await plainTask;                                                // 42, back on the loop
        // README: end
        log.Add($"both={string.Join(",", both)} mixed1={mixed[1]?.GetType().Name} done={done.Count} pending={pending.Count}");
        log.Add($"quick={quick} saved={saved} total={total} text={text} viaBcl={viaBcl}");
        return string.Join("|", log);
    }

    [Fact]
    public void Readme_task_function_examples_run()
    {
        // Virtual time: the examples' sleeps are 10 ms apart, and a loop stalled that long on a loaded
        // machine let two of them complete in one iteration (a flaky order). The clock now jumps exactly.
        using var loop = new TestEventLoop();
        string log = loop.RunUntilComplete(ExamplesAsync());
        Assert.Equal(
            "completed 1|completed 2|completed 3|both=1,2 mixed1=InvalidOperationException done=1 pending=2|quick=1 saved=2 total=3 text=from the pool viaBcl=42",
            log);
    }

    [Fact]
    public void Readme_virtual_time_example_runs_a_30_second_timeout_instantly()
    {
        // README: virtual time
        using var loop = new TestEventLoop();           // Time() jumps to the next timer when the loop is idle
        Assert.Throws<TimeoutException>(() => loop.RunUntilComplete(Asyncio.WaitFor(SleepForeverAsync(), 30)));
        Assert.Equal(30, loop.Time());                  // 30 virtual seconds, no real waiting
        // README: end
    }

    private static async FutureTask<int> SleepForeverAsync()
    {
        await Asyncio.Sleep(3600);
        return 0;
    }
}
