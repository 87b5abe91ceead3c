using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using AsyncioGen.Testing;

namespace AsyncioGen.Tests.Queues;

/// <summary>
/// The asyncio documentation's Queue example, ported line by line; its output must equal the Python
/// original's (docs_queue_example.py beside this file, run with python3 into docs_queue_example.expected.txt).
/// Both draw the same 20 sleep times (Python's <c>random.seed(2026)</c>) and run on virtual time.
/// </summary>
public class DocsQueueExampleTests
{
    // random.seed(2026); [random.uniform(0.05, 1.0) for _ in range(20)], printed with repr() (exact doubles).
    private static readonly double[] s_sleepTimes =
    {
        0.16316389071576493, 0.527389967469688, 0.5362315771344175, 0.8670005582668117, 0.1475050079816118,
        0.2621203288440911, 0.6209791197658323, 0.5787310708283201, 0.7942047133590309, 0.5704208821079257,
        0.7440120427887436, 0.7797095568206844, 0.7634746602506871, 0.6071948041695375, 0.2779373753995306,
        0.6334940666458568, 0.15519971641062347, 0.8259232852097528, 0.4771720909395395, 0.8240245539427957,
    };

    private static async FutureTask Worker(string name, Queue<double> queue, TextWriter output)
    {
        while (true)
        {
            // Get a "work item" out of the queue.
            double sleepFor = await queue.GetAsync();

            // Sleep for the "sleep_for" seconds.
            await Asyncio.Sleep(sleepFor);

            // Notify the queue that the "work item" has been processed.
            queue.TaskDone();

            output.WriteLine(FormattableString.Invariant($"{name} has slept for {sleepFor:F2} seconds"));
        }
    }

    private static async FutureTask MainAsync(TextWriter output)
    {
        // Create a queue that we will use to store our "workload".
        var queue = new Queue<double>();

        // Generate random timings and put them into the queue.
        double totalSleepTime = 0;
        foreach (double sleepFor in s_sleepTimes)
        {
            totalSleepTime += sleepFor;
            queue.PutNowait(sleepFor);
        }

        // Create three worker tasks to process the queue concurrently.
        var tasks = new List<Future>();
        for (int i = 0; i < 3; i++)
        {
            tasks.Add(Asyncio.CreateTask(Worker($"worker-{i}", queue, output)));
        }

        // Wait until the queue is fully processed.
        double startedAt = Asyncio.GetRunningLoop().Time();
        await queue.JoinAsync();
        double totalSleptFor = Asyncio.GetRunningLoop().Time() - startedAt;

        // Cancel our worker tasks.
        foreach (Future task in tasks)
        {
            task.Cancel();
        }
        // Wait until all worker tasks are cancelled.
        await Asyncio.Gather(returnExceptions: true, tasks.ToArray());

        output.WriteLine("====");
        output.WriteLine(FormattableString.Invariant($"3 workers slept in parallel for {totalSleptFor:F2} seconds"));
        output.WriteLine(FormattableString.Invariant($"total expected sleep time: {totalSleepTime:F2} seconds"));
    }

    [Fact]
    public void PrintsTheSameLinesAsThePythonOriginal()
    {
        var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var loop = new TestEventLoop())
        {
            loop.RunUntilComplete(loop.CreateTask(MainAsync(output)));
        }
        string[] expected = File.ReadAllLines(Path.Combine(Here(), "docs_queue_example.expected.txt"));
        string[] actual = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(expected, actual);
    }

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
