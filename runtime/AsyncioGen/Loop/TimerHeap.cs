using System;

namespace AsyncioGen;

/// <summary>Binary min-heap of timers ordered by (when, sequence): equal deadlines fire in FIFO order.</summary>
internal struct TimerHeap
{
    private TimerHandle[] _items;
    private int _count;

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

    public void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            _items[i].InHeap = false;
        }
        Array.Clear(_items, 0, _count);
        _count = 0;
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
