using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace AsyncioGen.Tests.Queues;

/// <summary>
/// The README's "Producer/consumer with a Queue" example: the code between the markers runs here, and
/// the README must contain it line for line.
/// </summary>
public class ReadmeProducerConsumerTests
{
    private static async FutureTask<string> ExampleAsync()
    {
        // README: producer/consumer begin
        var queue = new AsyncioGen.Queue<int>(maxSize: 16);        // asyncio.Queue(maxsize=16)
        var squares = new List<int>();
        var printing = new Lock();

        async FutureTask Producer()
        {
            for (int i = 1; i <= 100; i++)
            {
                await queue.PutAsync(i);                             // waits while the queue is full
            }
        }

        async FutureTask Consumer()
        {
            while (true)
            {
                int item = await queue.GetAsync();                   // waits while it is empty
                using (await printing.LockAsync())                   // async with printing:
                {
                    squares.Add(item * item);
                }
                queue.TaskDone();
            }
        }

        var consumers = new Future[] { Asyncio.CreateTask(Consumer()), Asyncio.CreateTask(Consumer()) };
        await Producer();
        await queue.JoinAsync();                                     // every item got and TaskDone()
        foreach (Future consumer in consumers)
        {
            consumer.Cancel();
        }
        await Asyncio.Gather(returnExceptions: true, consumers);
        // README: producer/consumer end
        return $"{squares.Count} {squares.Sum()} {queue}";
    }

    [Fact]
    public void TheExampleRuns()
    {
        Assert.Equal("100 338350 <Queue maxsize=16>", Asyncio.Run(ExampleAsync()));
    }

    [Fact]
    public void TheReadmeShowsExactlyThisCode()
    {
        string here = Path.GetDirectoryName(SourcePath())!;
        string[] source = File.ReadAllLines(SourcePath());
        int begin = Array.FindIndex(source, l => l.Trim() == "// README: producer/consumer begin");
        int end = Array.FindIndex(source, l => l.Trim() == "// README: producer/consumer end");
        string[] snippet = source[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.Trim()).ToArray();
        string readme = File.ReadAllText(Path.Combine(here, "..", "..", "..", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(string.Join("\n", snippet), readme, StringComparison.Ordinal);
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
