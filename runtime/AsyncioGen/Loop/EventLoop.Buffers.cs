using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace AsyncioGen;

public partial class EventLoop
{
    // The ready queue, the thread-safe buffers and the timer heap grow to their peak and would keep it:
    // after a burst of four million posts a loop held 320 MB. Once per trim window (at least TrimInterval
    // iterations and one second) each buffer that is at least eight times larger than the most it held in
    // that window is shrunk to four times that (never below its minimum). A load that peaks at least once
    // a second never reallocates (a window of iterations alone made a busy threadsafe workload shrink and
    // regrow its posting lists as batch sizes varied); a burst's memory comes back a window or two after
    // the burst. Close releases everything at once.
    private const int TrimInterval = 256;
    private const int MinRetainedItems = 1024;
    private static readonly long s_trimWindowTicks = Stopwatch.Frequency;

    private int _iterations;
    private int _readyHighWater;
    private int _postedHighWater;
    private long _trimWindowStart = Stopwatch.GetTimestamp();

    /// <summary>Called once per iteration with the number of callbacks it runs.</summary>
    private void NoteIteration(int ready)
    {
        if (ready > _readyHighWater)
        {
            _readyHighWater = ready;
        }
        if (++_iterations % TrimInterval == 0)
        {
            long now = Stopwatch.GetTimestamp();
            if (now - _trimWindowStart >= s_trimWindowTicks)
            {
                _trimWindowStart = now;
                TrimBuffers();
            }
        }
    }

    private void TrimBuffers()
    {
        // Callbacks scheduled during an iteration add to those it runs: twice the high-water mark bounds the queue's size.
        _ready.TrimTo(Math.Max(2 * _readyHighWater, _ready.Count), MinRetainedItems);
        _readyHighWater = 0;

        _posts.TrimSpares(_postedHighWater);
        _postedHighWater = 0;
        _timers.Trim();
    }

    /// <summary>Pooled segments of the posting queue, for the tests of its trimming.</summary>
    internal int PostedSpareSegments => _posts.SpareCount;

    /// <summary>The ready queue's capacity, for the tests of its trimming.</summary>
    internal int ReadyCapacity => _ready.Capacity;
}
