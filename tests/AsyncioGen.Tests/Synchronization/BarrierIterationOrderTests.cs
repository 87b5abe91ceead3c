namespace AsyncioGen.Tests.Synchronization;

/// <summary>
/// The iterations in which Barrier waits fill, release, drain, reset and break, against asyncio's: the
/// expected log is what barrier_iteration_order.py (beside this file) prints with CPython.
/// </summary>
public class BarrierIterationOrderTests
{
    [Fact]
    public void WaitReleaseDrainResetAndAbortInAsyncioIterations()
    {
        using var loop = new EventLoop();
        OrderLog log = OrderLog.Start(loop);
        var barrier = new Barrier(3);

        async FutureTask Party(string name, int rounds)
        {
            for (int r = 0; r < rounds; r++)
            {
                log.Add(name + " wait r" + r);
                try
                {
                    int i = await barrier.WaitAsync();
                    log.Add(name + " passed r" + r + " index=" + i);
                }
                catch (BrokenBarrierError)
                {
                    log.Add(name + " broken r" + r);
                    return;
                }
            }
        }

        async FutureTask Late(string name, int delay)
        {
            for (int i = 0; i < delay; i++)
            {
                await Asyncio.Sleep(0);
            }
            await Party(name, 1);
        }

        async FutureTask Resetter(int delay)
        {
            for (int i = 0; i < delay; i++)
            {
                await Asyncio.Sleep(0);
            }
            log.Add("reset");
            await barrier.ResetAsync();
            log.Add("reset done");
        }

        async FutureTask Aborter(int delay)
        {
            for (int i = 0; i < delay; i++)
            {
                await Asyncio.Sleep(0);
            }
            log.Add("abort");
            await barrier.AbortAsync();
            log.Add("abort done");
        }

        loop.CreateTask(Party("a", 2));
        loop.CreateTask(Party("b", 2));
        loop.CreateTask(Late("c", 2));
        loop.CreateTask(Late("d", 1));     // arrives while the first round is being released
        loop.CreateTask(Late("e", 8));     // waits alone...
        loop.CreateTask(Resetter(10));     // ...until a reset breaks its wait
        loop.CreateTask(Late("f", 13));    // waits alone...
        loop.CreateTask(Aborter(16));      // ...until an abort breaks it
        loop.CreateTask(Late("g", 18));    // finds the barrier broken
        log.Run(20);

        Assert.Equal(
            new[]
            {
                "it1", "a wait r0", "b wait r0", "it2", "d wait r0", "d passed r0 index=2", "it3", "c wait r0",
                "a passed r0 index=0", "a wait r1", "b passed r0 index=1", "b wait r1", "it4", "a passed r1 index=2",
                "it5", "b passed r1 index=0", "c passed r0 index=1", "it6", "it7", "it8", "it9", "e wait r0",
                "it10", "it11", "reset", "reset done", "it12", "e broken r0", "it13", "it14", "f wait r0", "it15",
                "it16", "it17", "abort", "abort done", "it18", "f broken r0", "it19", "g wait r0", "g broken r0",
                "it20",
            },
            log.Entries);
    }
}
