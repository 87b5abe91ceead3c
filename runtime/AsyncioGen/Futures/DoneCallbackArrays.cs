using System;

namespace AsyncioGen;

/// <summary>
/// A small per-thread pool of the arrays that hold a future's second and later done-callbacks, so
/// a future with several callbacks allocates its array only until the first such future finishes.
/// An array comes back cleared when its future completes. Per thread, so it needs no lock.
/// </summary>
internal static class DoneCallbackArrays
{
    private const int PoolSize = 8;
    private const int LargestPooled = 64;

    [ThreadStatic] private static DoneCallback[]?[]? t_pool;
    [ThreadStatic] private static int t_count;

    public static DoneCallback[] Rent()
    {
        DoneCallback[]?[]? pool = t_pool;
        int count = t_count;
        if (pool is not null && count > 0)
        {
            count--;
            DoneCallback[] array = pool[count]!;
            pool[count] = null;
            t_count = count;
            return array;
        }
        return new DoneCallback[3];
    }

    /// <summary>Takes back an array whose entries are all default.</summary>
    public static void Return(DoneCallback[] array)
    {
        if (array.Length > LargestPooled)
        {
            return;
        }
        DoneCallback[]?[] pool = t_pool ??= new DoneCallback[PoolSize][];
        int count = t_count;
        if (count < pool.Length)
        {
            pool[count] = array;
            t_count = count + 1;
        }
    }
}
