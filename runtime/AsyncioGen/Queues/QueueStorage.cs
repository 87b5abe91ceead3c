using System.Collections.Generic;

namespace AsyncioGen;

/// <summary>
/// Where a queue keeps its items: asyncio's overridable <c>_init</c>/<c>_put</c>/<c>_get</c> trio.
/// FIFO for <see cref="Queue{T}"/>, a stack for <see cref="LifoQueue{T}"/>, a heap for <see cref="PriorityQueue{T}"/>.
/// </summary>
internal abstract class QueueStorage<T>
{
    public abstract int Count { get; }

    public abstract void Put(T item);

    public abstract T Take();

    /// <summary>The items in asyncio's <c>list(self._queue)</c> order, for the repr.</summary>
    public abstract IEnumerable<T> Items { get; }
}

/// <summary>First in, first out (asyncio's <c>collections.deque</c>): a ring buffer, no allocation once grown.</summary>
internal sealed class FifoStorage<T> : QueueStorage<T>
{
    private readonly System.Collections.Generic.Queue<T> _items = new();

    public override int Count => _items.Count;

    public override void Put(T item) => _items.Enqueue(item);

    public override T Take() => _items.Dequeue();

    public override IEnumerable<T> Items => _items;
}

/// <summary>Last in, first out (asyncio's list with <c>append</c>/<c>pop</c>).</summary>
internal sealed class LifoStorage<T> : QueueStorage<T>
{
    private readonly List<T> _items = new();

    public override int Count => _items.Count;

    public override void Put(T item) => _items.Add(item);

    public override T Take()
    {
        int last = _items.Count - 1;
        T item = _items[last];
        _items.RemoveAt(last);
        return item;
    }

    public override IEnumerable<T> Items => _items;
}

/// <summary>
/// Lowest first: a binary min-heap with the same sift steps as Python's <c>heapq</c>, so the items are
/// in the same array order as asyncio's (its repr shows them).
/// </summary>
internal sealed class HeapStorage<T> : QueueStorage<T>
{
    private readonly List<T> _heap = new();
    private readonly IComparer<T> _comparer;

    public HeapStorage(IComparer<T> comparer) => _comparer = comparer;

    public override int Count => _heap.Count;

    public override IEnumerable<T> Items => _heap;

    public override void Put(T item)
    {
        _heap.Add(item);
        SiftDown(0, _heap.Count - 1);
    }

    public override T Take()
    {
        int last = _heap.Count - 1;
        T lastItem = _heap[last];
        _heap.RemoveAt(last);
        if (_heap.Count == 0)
        {
            return lastItem;
        }
        T first = _heap[0];
        _heap[0] = lastItem;
        SiftUp(0);
        return first;
    }

    /// <summary>heapq's <c>_siftdown</c>: move the item at <paramref name="pos"/> up towards the root.</summary>
    private void SiftDown(int startPos, int pos)
    {
        T item = _heap[pos];
        while (pos > startPos)
        {
            int parentPos = (pos - 1) >> 1;
            T parent = _heap[parentPos];
            if (_comparer.Compare(item, parent) < 0)
            {
                _heap[pos] = parent;
                pos = parentPos;
                continue;
            }
            break;
        }
        _heap[pos] = item;
    }

    /// <summary>heapq's <c>_siftup</c>: sink to a leaf along the smaller children, then sift back up.</summary>
    private void SiftUp(int pos)
    {
        int endPos = _heap.Count;
        int startPos = pos;
        T item = _heap[pos];
        int childPos = 2 * pos + 1;
        while (childPos < endPos)
        {
            int rightPos = childPos + 1;
            if (rightPos < endPos && !(_comparer.Compare(_heap[childPos], _heap[rightPos]) < 0))
            {
                childPos = rightPos;
            }
            _heap[pos] = _heap[childPos];
            pos = childPos;
            childPos = 2 * pos + 1;
        }
        _heap[pos] = item;
        SiftDown(startPos, pos);
    }
}
