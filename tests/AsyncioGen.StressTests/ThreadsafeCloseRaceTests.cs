using System;
using System.Collections.Generic;
using System.Threading;

namespace AsyncioGen.StressTests;

/// <summary>
/// <c>CallSoonThreadsafe</c> racing <c>Stop</c> and <c>Close</c>: every post runs, is discarded by a
/// <c>Close</c> that began after it was accepted, or throws "Event loop is closed" (defect 5 of issue 11:
/// the closed check ran outside the posting lock, so a post could be accepted after <c>Close</c>).
/// </summary>
public class ThreadsafeCloseRaceTests
{
    private static readonly Action s_noop = static () => { };

    [Fact]
    public void NoPostIsAcceptedOnceCloseHasRun() => Bounded.Run(TimeSpan.FromSeconds(60), () =>
    {
        const int Rounds = 300;
        var violations = new List<string>();
        var random = new Random(11);
        for (int round = 0; round < Rounds; round++)
        {
            var loop = new EventLoop();
            using var start = new System.Threading.Barrier(3);
            var threw = new bool[2];
            var producers = new Thread[2];
            for (int p = 0; p < producers.Length; p++)
            {
                int id = p;
                producers[p] = Loops.Start(() =>
                {
                    start.SignalAndWait();
                    while (true)
                    {
                        try
                        {
                            loop.CallSoonThreadsafe(s_noop);
                        }
                        catch (InvalidOperationException ex) when (ex.Message == "Event loop is closed")
                        {
                            threw[id] = true;
                            return;
                        }
                    }
                }, "producer " + p);
            }
            start.SignalAndWait();
            Thread.SpinWait(random.Next(50, 5000));
            loop.Close();
            Loops.JoinAll(producers, TimeSpan.FromSeconds(20));
            Assert.All(threw, Assert.True);
            if (loop.HasThreadsafeWork)
            {
                violations.Add("round " + round + ": a post was accepted after Close returned and will never run");
            }
        }
        Assert.Empty(violations);
    });

    private sealed class Accounting
    {
        public int Ran;
        public EventLoop Loop = null!;
    }

    [Fact]
    public void FourProducersRacingStopAndCloseAccountForEveryPost() => Bounded.Run(TimeSpan.FromSeconds(60), () =>
    {
        const int Producers = 4;
        const int PerProducer = 250_000;
        var loop = new EventLoop();
        var accounting = new Accounting { Loop = loop };
        var accepted = new int[Producers];
        var rejected = new int[Producers];
        using var start = new System.Threading.Barrier(Producers + 1);
        var producers = new Thread[Producers];
        for (int p = 0; p < Producers; p++)
        {
            int id = p;
            producers[p] = Loops.Start(() =>
            {
                start.SignalAndWait();
                for (int i = 0; i < PerProducer; i++)
                {
                    try
                    {
                        loop.CallSoonThreadsafe(static a => a.Ran++, accounting);
                        accepted[id]++;
                    }
                    catch (InvalidOperationException ex) when (ex.Message == "Event loop is closed")
                    {
                        rejected[id]++;
                    }
                }
            }, "producer " + p);
        }
        // A controller stops the loop from its own thread once about a third of the posts ran.
        Thread controller = Loops.Start(() =>
        {
            while (Volatile.Read(ref accounting.Ran) < Producers * PerProducer / 3)
            {
                Thread.Sleep(1);
            }
            loop.Stop();
        }, "controller");
        loop.CallSoon(() => start.SignalAndWait());
        loop.RunForever();
        loop.Close();
        Loops.JoinAll(producers, TimeSpan.FromSeconds(30));
        Loops.JoinAll(new[] { controller }, TimeSpan.FromSeconds(5));

        int acceptedTotal = 0, rejectedTotal = 0;
        for (int p = 0; p < Producers; p++)
        {
            Assert.Equal(PerProducer, accepted[p] + rejected[p]);
            acceptedTotal += accepted[p];
            rejectedTotal += rejected[p];
        }
        Assert.True(accounting.Ran >= Producers * PerProducer / 3);
        // Accepted posts either ran or were discarded by Close; nothing is left behind the closed loop.
        Assert.Equal(acceptedTotal, accounting.Ran + loop.DiscardedByClose);
        Assert.False(loop.HasThreadsafeWork);
        Assert.Equal(Producers * PerProducer, accounting.Ran + loop.DiscardedByClose + rejectedTotal);
    });
}
