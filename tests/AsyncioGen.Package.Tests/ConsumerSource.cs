namespace AsyncioGen.Package.Tests;

/// <summary>The program a user writes: a [Future] wrapper, a coroutine, and a deliberate AIO001.</summary>
public static class ConsumerSource
{
    public const string Program = """
        using System;
        using AsyncioGen;

        Console.WriteLine(Asyncio.Run(Demo.MainAsync()));

        public static partial class Demo
        {
            // A callback-style operation; the generator adds ReadAsync(int count) returning a future.
            [Future]
            internal static void Read(int count, Action<int> onDone) =>
                Asyncio.GetRunningLoop().CallSoon(() => onDone(count));

            public static async FutureTask<string> MainAsync()
            {
                int read = await ReadAsync(5);
                Console.WriteLine($"read {read} bytes through the generated twin");

                Future<int> future = Asyncio.GetRunningLoop().CreateFuture<int>();
                future.SetResult(1);
                try
                {
                    future.SetResult(2); // AIO001: the future is already done here
                }
                catch (InvalidStateError error)
                {
                    Console.WriteLine("second SetResult: " + error.GetType().Name);
                }
                return "done";
            }
        }
        """;
}
