using System;

namespace AsyncioGen;

/// <summary>Binary min-heap of timers ordered by (when, sequence): equal deadlines fire in FIFO order.</summary>
internal struct TimerHeap
{
    public const int InitialCapacity = 16;
    private const int MinRetained = 256;

    private TimerHandle[] _items;
    private int _count;
    private int _highWater; // the most timers held since the last Trim

    public TimerHeap(int capacity)
    {
        _items = new TimerHandle[capacity];
        _count = 0;
    }

    public readonly int Count => _count;

    public readonly TimerHandle Peek() => _items[0];

    public void Push(TimerHandle timer)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }
        timer.InHeap = true;
        int i = _count++;
        if (_count > _highWater)
        {
            _highWater = _count;
        }
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(timer, _items[parent]))
            {
                break;
            }
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = timer;
    }

    public TimerHandle Pop()
    {
        TimerHandle top = _items[0];
        top.InHeap = false;
        _count--;
        if (_count > 0)
        {
            TimerHandle last = _items[_count];
            _items[_count] = null!;
            SiftDown(0, last);
        }
        else
        {
            _items[0] = null!;
        }
        return top;
    }

    /// <summary>Removes every cancelled timer and rebuilds the heap (asyncio does this when over half are cancelled).</summary>
    public int RemoveCancelled()
    {
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            TimerHandle timer = _items[i];
            if (timer.IsCancelled)
            {
                timer.InHeap = false;
            }
            else
            {
                _items[kept++] = timer;
            }
        }
        int removed = _count - kept;
        Array.Clear(_items, kept, removed);
        _count = kept;
        for (int i = (_count >> 1) - 1; i >= 0; i--)
        {
            SiftDown(i, _items[i]);
        }
        return removed;
    }

    /// <summary>
    /// Called by the loop every few hundred iterations: an array at least eight times larger than the most
    /// timers it held since the last call shrinks to four times that (see EventLoop.Buffers.cs).
    /// </summary>
    public void Trim()
    {
        int needed = Math.Max(_highWater, _count);
        _highWater = _count;
        if (_items.Length > MinRetained && _items.Length >= 8 * needed)
        {
            Array.Resize(ref _items, Math.Max(MinRetained, 4 * needed));
        }
    }

    /// <summary>Drops every timer and the array (the loop is closing).</summary>
    public void Release()
    {
        for (int i = 0; i < _count; i++)
        {
            _items[i].InHeap = false;
        }
        _items = new TimerHandle[InitialCapacity];
        _count = 0;
        _highWater = 0;
    }

    private void SiftDown(int i, TimerHandle timer)
    {
        while (true)
        {
            int child = (i << 1) + 1;
            if (child >= _count)
            {
                break;
            }
            if (child + 1 < _count && Less(_items[child + 1], _items[child]))
            {
                child++;
            }
            if (!Less(_items[child], timer))
            {
                break;
            }
            _items[i] = _items[child];
            i = child;
        }
        _items[i] = timer;
    }

    private static bool Less(TimerHandle a, TimerHandle b) =>
        a.When < b.When || (a.When == b.When && a.Sequence < b.Sequence);
}
