using System.Collections.Generic;
using System.Threading;
using AsyncioGen;
using static AsyncioGen.Tests.Functions.VirtualLoop;

namespace AsyncioGen.Tests.Functions;

/// <summary>asyncio's task context: each task runs every step in the context captured when it was created.</summary>
public class ContextTests
{
    private static readonly AsyncLocal<string?> s_value = new();

    [Fact]
    public void A_value_set_inside_one_task_does_not_leak_into_another()
    {
        var seen = new List<string?>();
        Run(async loop =>
        {
            FutureTask a = Set("a", 2);
            FutureTask b = Read(seen, 1);
            await Asyncio.Gather(a, b);
            seen.Add(s_value.Value);
        });
        Assert.Equal(new string?[] { null, null, null }, seen);

        static async FutureTask Set(string value, double hold)
        {
            s_value.Value = value;
            await Asyncio.Sleep(hold);
        }
    }

    [Fact]
    public void A_task_keeps_the_value_it_was_created_with()
    {
        var seen = new List<string?>();
        Run(async loop =>
        {
            s_value.Value = "creator";
            // A task (create_task) copies its creator's context; awaited directly, the coroutine would run inline in the current one.
            FutureTask reader = loop.CreateTask(Read(seen, 1));
            s_value.Value = "changed after";
            await reader;
        });
        Assert.Equal(new[] { "creator", "creator" }, seen);
    }

    [Fact]
    public void A_value_set_in_a_task_survives_its_awaits()
    {
        string? result = Run(async loop => await SetThenRead());

        static async FutureTask<string?> SetThenRead()
        {
            s_value.Value = "mine";
            await Asyncio.Sleep(1);
            await Asyncio.Sleep(0);
            return s_value.Value;
        }
        Assert.Equal("mine", result);
    }

    [Fact]
    public void Gathered_children_each_run_in_their_own_context()
    {
        string[] results = Run(async loop => await Asyncio.Gather(Own("x", 2), Own("y", 1), Own("z", 3)));
        Assert.Equal(new[] { "x", "y", "z" }, results);

        static async FutureTask<string> Own(string value, double delay)
        {
            s_value.Value = value;
            await Asyncio.Sleep(delay);
            return s_value.Value!;
        }
    }

    [Fact]
    public void The_timeout_body_and_group_tasks_inherit_the_creators_value()
    {
        var seen = new List<string?>();
        Run(async loop =>
        {
            s_value.Value = "outer";
            await Asyncio.Timeout(10, async () => seen.Add(await Capture()));
            await TaskGroup.RunAsync(async group =>
            {
                _ = group.CreateTask(async () => seen.Add(await Capture()));
                await Asyncio.Sleep(0);
            });
        });
        Assert.Equal(new[] { "outer", "outer" }, seen);

        static async FutureTask<string?> Capture()
        {
            await Asyncio.Sleep(0);
            return s_value.Value;
        }
    }

    private static async FutureTask Read(List<string?> seen, double delay)
    {
        seen.Add(s_value.Value);
        await Asyncio.Sleep(delay);
        seen.Add(s_value.Value);
    }
}
