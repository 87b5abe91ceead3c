using System;
using System.Threading;

namespace AsyncioGen.StressTests;

/// <summary>
/// Defect 2 of issue 11: futures completed from thread-pool threads (with <c>Debug = false</c>) used to
/// write into the loop's ready queue from those threads: callbacks were lost, the loop threw
/// NullReferenceExceptions and hung, and an idle loop was not woken.
/// </summary>
public class ForeignThreadCompletionTests
{
    private const int Futures = 100_000;
    private const int Chunk = 1000;

    private sealed class Tally
    {
        public readonly int[] Calls = new int[Futures];
        public int Total;
        public Future All = null!;
    }

    private static void Completions(bool keepTheLoopBusy) => Bounded.Run(TimeSpan.FromSeconds(60), () =>
    {
        using var loop = new EventLoop();
        int reports = 0;
        loop.SetExceptionHandler((_, _) => reports++);
        var tally = new Tally { All = loop.CreateFuture() };
        var futures = new Future<int>[Futures];
        for (int i = 0; i < Futures; i++)
        {
            futures[i] = loop.CreateFuture<int>();
            futures[i].AddDoneCallback(static (f, t) =>
            {
                t.Calls[f.GetResult()]++;
                if (++t.Total == Futures)
                {
                    t.All.SetResult();
                }
            }, tally);
        }
        bool done = false;
        void Spin()
        {
            if (!done)
            {
                loop.CallSoon(Spin); // the loop thread enqueues all the time, racing the completions
            }
        }
        loop.CallSoon(() =>
        {
            for (int start = 0; start < Futures; start += Chunk)
            {
                ThreadPool.UnsafeQueueUserWorkItem(static s =>
                {
                    (Future<int>[] all, int first) = s;
                    for (int i = first; i < first + Chunk; i++)
                    {
                        all[i].SetResult(i);
                    }
                }, (futures, start), preferLocal: false);
            }
            if (keepTheLoopBusy)
            {
                Spin();
            }
        });
        loop.CallLater(45, () => tally.All.Cancel("timed out with " + tally.Total + " of " + Futures + " callbacks"));
        loop.RunUntilComplete(tally.All);
        done = true;
        Assert.Equal(Futures, tally.Total);
        Assert.All(tally.Calls, calls => Assert.Equal(1, calls));
        Assert.Equal(0, reports);
    });

    [Fact]
    public void HundredThousandCompletionsFromThePoolWhileTheLoopIsBusy() => Completions(keepTheLoopBusy: true);

    [Fact]
    public void HundredThousandCompletionsFromThePoolWakeAnIdleLoop() => Completions(keepTheLoopBusy: false);
}
