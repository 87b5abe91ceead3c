using System;
using System.Collections.Generic;
using AsyncioGen;
using AsyncioGen.Testing;

namespace AsyncioGen.Tests.Functions;

/// <summary>Runs test coroutines on a virtual-time loop, and the small coroutines the tests share.</summary>
internal static class VirtualLoop
{
    public static T Run<T>(Func<TestEventLoop, FutureTask<T>> main)
    {
        var loop = new TestEventLoop();
        try
        {
            return loop.RunUntilComplete(() => main(loop));
        }
        finally
        {
            loop.Close();
        }
    }

    public static void Run(Func<TestEventLoop, FutureTask> main)
    {
        var loop = new TestEventLoop();
        try
        {
            loop.RunUntilComplete(() => main(loop));
        }
        finally
        {
            loop.Close();
        }
    }

    /// <summary>Returns <paramref name="value"/> after <paramref name="delay"/> seconds.</summary>
    public static async FutureTask<T> After<T>(double delay, T value)
    {
        await Asyncio.Sleep(delay);
        return value;
    }

    /// <summary>Throws <paramref name="error"/> after <paramref name="delay"/> seconds.</summary>
    public static async FutureTask<T> FailAfter<T>(double delay, Exception error)
    {
        await Asyncio.Sleep(delay);
        throw error;
    }

    /// <summary>Sleeps, recording in <paramref name="log"/> when it is cancelled, then rethrows.</summary>
    public static async FutureTask<int> Sleeper(double delay, List<string> log, string name)
    {
        try
        {
            await Asyncio.Sleep(delay);
            log.Add(name + " done");
            return delay > 0 ? (int)delay : 0;
        }
        catch (CancelledError)
        {
            log.Add(name + " cancelled");
            throw;
        }
    }

    /// <summary>
    /// Awaits <paramref name="future"/> and returns the exception it raised, which must be exactly a
    /// <typeparamref name="TException"/> (Assert.ThrowsAsync would hop through the thread pool, and a
    /// virtual clock could move meanwhile).
    /// </summary>
    public static async FutureTask<TException> Throws<TException>(Future future)
        where TException : Exception
    {
        try
        {
            await future;
        }
        catch (Exception ex)
        {
            return Assert.IsType<TException>(ex);
        }
        Assert.Fail("Expected " + typeof(TException).Name + ", but " + future + " succeeded.");
        return null!;
    }

    /// <summary>Lets <paramref name="iterations"/> loop iterations pass.</summary>
    public static async FutureTask Yield(int iterations = 1)
    {
        for (int i = 0; i < iterations; i++)
        {
            await Asyncio.Sleep(0);
        }
    }
}
