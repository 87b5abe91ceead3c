using System;

namespace AsyncioGen.Testing;

/// <summary>
/// An event loop on virtual time, for tests: <see cref="Time"/> moves only when the test (or, with
/// <see cref="AutoAdvance"/>, the loop itself when idle) advances it, so timers fire in order without
/// real sleeping and a test of a 30-second timeout takes microseconds.
/// </summary>
/// <remarks>
/// <para>With <see cref="AutoAdvance"/> (the default), a loop with nothing ready jumps its clock to the
/// next timer instead of sleeping: <c>loop.RunUntilComplete(Asyncio.WaitFor(work, 30))</c> ends at
/// once, and <see cref="Time"/> says 30 seconds passed. Work posted from other threads is waited for
/// in real time when no timer is pending, and the clock never skips ahead of work already posted.</para>
/// <para>Without it, time stands still until <see cref="Advance"/>: drive the loop with
/// <see cref="RunUntilIdle"/> and <see cref="RunFor"/>. A run that goes idle with time frozen waits
/// for other threads, as a real loop would wait forever.</para>
/// <para>Everything else is the real loop: callbacks, ordering, thread-safe posts.</para>
/// </remarks>
public class TestEventLoop : EventLoop
{
    private double _now;
    private bool _stopWhenIdle;
    private double? _nextTimerWhenIdle;

    /// <summary>Creates a virtual-time loop whose clock starts at <paramref name="start"/> seconds.</summary>
    /// <param name="autoAdvance">Jump the clock to the next timer whenever the loop is idle.</param>
    /// <param name="start">The initial value of <see cref="Time"/>.</param>
    public TestEventLoop(bool autoAdvance = true, double start = 0)
    {
        if (double.IsNaN(start))
        {
            throw new ArgumentException("The start time must be a number, not NaN.", nameof(start));
        }
        AutoAdvance = autoAdvance;
        _now = start;
    }

    /// <summary>Whether an idle loop jumps its clock to the next timer (see the remarks).</summary>
    public bool AutoAdvance { get; set; }

    /// <summary>The virtual time, in seconds.</summary>
    public override double Time() => _now;

    /// <summary>Virtual time is exact: a timer fires when the clock reaches its time, not a tick early.</summary>
    protected override double ClockResolution => 1e-9;

    /// <summary>
    /// Moves the clock forward by <paramref name="seconds"/>. Timers that become due fire at the loop's
    /// next iteration (<see cref="RunUntilIdle"/> runs them). Call it on the loop's thread: from the
    /// test while the loop is not running, or from a callback.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is negative or NaN: time never goes back.</exception>
    public void Advance(double seconds)
    {
        if (!(seconds >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "Virtual time only moves forward.");
        }
        _now += seconds;
    }

    /// <summary>
    /// Runs the loop until nothing is ready to run (timers not yet due do not count) and returns.
    /// Does not advance the clock, even with <see cref="AutoAdvance"/>.
    /// </summary>
    public void RunUntilIdle()
    {
        _stopWhenIdle = true;
        _nextTimerWhenIdle = null;
        try
        {
            RunForever();
        }
        finally
        {
            _stopWhenIdle = false;
        }
    }

    /// <summary>
    /// Lets <paramref name="seconds"/> of virtual time pass: runs what is ready, then moves the clock
    /// timer by timer (each firing at its own time, in order) up to the end, where it stops.
    /// </summary>
    public void RunFor(double seconds)
    {
        if (!(seconds >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "Virtual time only moves forward.");
        }
        double end = _now + seconds;
        while (true)
        {
            RunUntilIdle();
            if (_nextTimerWhenIdle is not { } next || next > end)
            {
                break;
            }
            _now = Math.Max(_now, next);
        }
        _now = end;
        RunUntilIdle();
    }

    /// <summary>Idle: stop (<see cref="RunUntilIdle"/>), jump to the next timer, or wait for other threads.</summary>
    protected override void WaitForWork(double timeoutSeconds)
    {
        if (_stopWhenIdle)
        {
            _nextTimerWhenIdle = timeoutSeconds >= 0 ? _now + timeoutSeconds : null;
            Stop();
            return;
        }
        if (AutoAdvance && timeoutSeconds >= 0)
        {
            if (!HasThreadsafeWork)
            {
                _now += timeoutSeconds;
            }
            return;
        }
        // Time is frozen (or there is no timer): only another thread can bring work.
        base.WaitForWork(-1);
    }
}
