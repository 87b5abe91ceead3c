using System;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Synchronization;

/// <summary>Loop driving for the primitives' tests (asyncio's <c>test_utils.run_briefly</c> and friends).</summary>
internal static class SyncLoops
{
    /// <summary>asyncio's <c>run_briefly</c>: one iteration.</summary>
    public static void RunBriefly(EventLoop loop) => Loops.RunOnce(loop);

    /// <summary><paramref name="iterations"/> iterations (asyncio: as many <c>await asyncio.sleep(0)</c>).</summary>
    public static void RunBriefly(EventLoop loop, int iterations) => Loops.RunIterations(loop, iterations);

    /// <summary>Runs <paramref name="body"/> as a task to completion.</summary>
    public static void Run(EventLoop loop, Func<FutureTask> body) => loop.RunUntilComplete(loop.CreateTask(body()));

    /// <summary>Runs <paramref name="body"/> as a task to completion and returns its result.</summary>
    public static T Run<T>(EventLoop loop, Func<FutureTask<T>> body) => loop.RunUntilComplete(loop.CreateTask(body()));

    /// <summary>Awaits <paramref name="awaitable"/> from plain code, asserting that it completes without waiting.</summary>
    public static bool Now(PrimitiveAwaitable awaitable)
    {
        PrimitiveAwaiter awaiter = awaitable.GetAwaiter();
        Xunit.Assert.True(awaiter.IsCompleted, "expected the operation to complete without waiting");
        return awaiter.GetResult();
    }

    /// <summary>A blocking wait, as misused code would write it: <c>.GetAwaiter().GetResult()</c>.</summary>
    public static bool Block(PrimitiveAwaitable awaitable) => awaitable.GetAwaiter().GetResult();

    /// <summary>A blocking get, as misused code would write it.</summary>
    public static T Block<T>(QueueGetAwaitable<T> awaitable) => awaitable.GetAwaiter().GetResult();
}
