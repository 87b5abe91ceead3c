using System.Collections.Generic;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Synchronization;

/// <summary>
/// An event log with iteration markers, as the Python scripts beside the order tests write it: a
/// self-rescheduling callback, scheduled before anything else, logs "itN" first in every iteration, so
/// each entry's place says in which iteration it happened and after which callbacks of that iteration.
/// </summary>
internal sealed class OrderLog
{
    private readonly EventLoop _loop;
    private int _iteration;

    private OrderLog(EventLoop loop) => _loop = loop;

    public List<string> Entries { get; } = new();

    public static OrderLog Start(EventLoop loop)
    {
        var log = new OrderLog(loop);
        loop.CallSoon(log.Tick);
        return log;
    }

    public void Add(string entry) => Entries.Add(entry);

    /// <summary>Runs <paramref name="count"/> iterations (the Python side: <c>loop.stop(); loop.run_forever()</c>).</summary>
    public void Run(int count) => Loops.RunIterations(_loop, count);

    private void Tick()
    {
        _iteration++;
        Entries.Add("it" + _iteration);
        _loop.CallSoon(Tick);
    }
}
