using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Runtime.ExceptionServices;
using System.Threading;
using AsyncioGen;
using AsyncioGen.Streams;
using StreamReader = AsyncioGen.Streams.StreamReader;
using StreamWriter = AsyncioGen.Streams.StreamWriter;

namespace AsyncioGen.Tests.Streams;

/// <summary>The network tests run one at a time: they count the process's sockets and measure allocations.</summary>
[CollectionDefinition("Streams", DisableParallelization = true)]
public sealed class StreamsCollection
{
}

/// <summary>Runs a coroutine on a fresh loop with a hard deadline: a hung test fails instead of hanging CI.</summary>
internal static class StreamTest
{
    /// <summary>Runs <paramref name="main"/> under <c>Asyncio.WaitFor</c>; the loop's thread is abandoned if even that hangs.</summary>
    /// <param name="main">The test's coroutine.</param>
    /// <param name="seconds">Its deadline.</param>
    /// <param name="debug">Debug mode: every call on a future or the loop from another thread throws.</param>
    public static void Run(Func<FutureTask> main, double seconds = 30, bool debug = false)
    {
        int socketsBefore = OpenSocketCount();
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Asyncio.Run(async () => await Asyncio.WaitFor(main(), seconds), debug);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        { IsBackground = true, Name = "stream test loop" };
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(seconds + 15)))
        {
            throw new TimeoutException("The test's event loop did not finish within " + (seconds + 15) + " s.");
        }
        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
        if (socketsBefore >= 0)
        {
            int socketsAfter = WaitForSocketCount(socketsBefore);
            if (socketsAfter != socketsBefore)
            {
                throw new InvalidOperationException($"The test left {socketsAfter - socketsBefore} socket(s) open.");
            }
        }
    }

    public static int PortOf(Server server) => ((IPEndPoint)server.Sockets[0].LocalEndPoint!).Port;

    /// <summary>The process's open sockets (Linux: /proc/self/fd links named socket:[inode]).</summary>
    public static int OpenSocketCount()
    {
        if (!Directory.Exists("/proc/self/fd"))
        {
            return -1;
        }
        int count = 0;
        foreach (string fd in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true)
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // closed while listing
            }
        }
        return count;
    }

    /// <summary>Waits (bounded) until the open socket count is back to <paramref name="expected"/>; returns the last count.</summary>
    public static int WaitForSocketCount(int expected, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        int count;
        while ((count = OpenSocketCount()) != expected && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
        return count;
    }

    /// <summary>
    /// A server handler that echoes every byte back, reading at most <paramref name="chunk"/> bytes at a time
    /// and draining after each write, and closes its end at EOF (the asyncio docs' echo server).
    /// </summary>
    public static Func<StreamReader, StreamWriter, FutureTask> Echo(int chunk) => (reader, writer) => EchoAsync(reader, writer, chunk);

    private static async FutureTask EchoAsync(StreamReader reader, StreamWriter writer, int chunk)
    {
        while (true)
        {
            byte[] data = await reader.ReadAsync(chunk);
            if (data.Length == 0)
            {
                break;
            }
            writer.Write(data);
            await writer.DrainAsync();
        }
        writer.Close();
        await writer.WaitClosedAsync();
    }

    public static byte[] Bytes(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    public static string Text(byte[] bytes) => System.Text.Encoding.ASCII.GetString(bytes);

    public static byte[] Pattern(int length, int seed = 0) => Enumerable.Range(seed, length).Select(i => (byte)(i * 31 + 7)).ToArray();
}
