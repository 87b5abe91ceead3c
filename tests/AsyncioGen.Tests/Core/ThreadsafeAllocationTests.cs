using System;
using System.Threading;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>
/// call_soon_threadsafe in steady state allocates nothing on either side: the posting thread reserves
/// slots in pooled segments, the loop drains them into its ready queue and hands emptied segments back.
/// </summary>
[Collection("Allocation")]
public class ThreadsafeAllocationTests
{
    private const int N = 1000;
    private const int WarmUpRounds = 40;

    private sealed class Counter
    {
        public int Count;
    }

    private static readonly Action<Counter> s_increment = static c => c.Count++;

    [Fact]
    public void PostingFromAnotherThreadAndRunningThePostsAllocatesNothing()
    {
        using var loop = new EventLoop();
        var counter = new Counter();
        Loops.RunOnce(loop); // this thread owns the loop: the other thread's calls are posts
        using var go = new ManualResetEventSlim(false);
        using var posted = new ManualResetEventSlim(false);
        const int Rounds = WarmUpRounds + 1;
        long producerAllocated = -1;
        var producer = new Thread(() =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                go.Wait();
                go.Reset();
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    loop.CallSoonThreadsafe(s_increment, counter);
                }
                producerAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
                posted.Set();
            }
        }) { IsBackground = true, Name = "producer" };
        producer.Start();

        long loopAllocated = -1;
        for (int round = 0; round < Rounds; round++)
        {
            counter.Count = 0;
            go.Set();
            Assert.True(posted.Wait(TimeSpan.FromSeconds(30)));
            posted.Reset();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Loops.RunOnce(loop);
            loopAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(N, counter.Count);
        }
        Assert.True(producer.Join(TimeSpan.FromSeconds(30)));

        Assert.Equal(0, producerAllocated);
        Assert.Equal(0, loopAllocated);
    }

    [Fact]
    public void TheMeasurementSeesTheFirstSegmentsOfANewLoop()
    {
        using var loop = new EventLoop();
        var counter = new Counter();
        Loops.RunOnce(loop);
        long producerAllocated = 0;
        var producer = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 3 * N; i++)
            {
                loop.CallSoonThreadsafe(s_increment, counter);
            }
            producerAllocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });
        producer.Start();
        Assert.True(producer.Join(TimeSpan.FromSeconds(30)));
        Loops.RunOnce(loop);

        Assert.Equal(3 * N, counter.Count);
        Assert.True(producerAllocated > 0, "3,000 posts to a new loop need segments beyond its first");
    }

    [Fact]
    public void ANewLoopStartsWithASmallPostingSegment()
    {
        // Asyncio.Run creates a loop per call: its posting queue starts with 32 slots, not a full
        // 1024-slot segment (57 KB), and grows by doubling only when other threads post.
        using (new EventLoop())
        {
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        var loop = new EventLoop();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        loop.Close();
        Assert.True(allocated < 8 * 1024, "a new loop allocated " + allocated + " bytes");
    }
}
