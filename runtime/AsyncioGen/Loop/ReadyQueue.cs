using System;

namespace AsyncioGen;

/// <summary>
/// The loop's ready queue: a ring buffer of struct entries, grown by doubling. An item lives at
/// index <c>seq &amp; mask</c>, so a <see cref="Handle"/> (which stores the seq) finds its item
/// without a search, also after the buffer grew.
/// </summary>
internal struct ReadyQueue
{
    private ReadyItem[] _items;
    private long _headSeq;
    private int _count;

    public ReadyQueue(int capacity)
    {
        _items = new ReadyItem[capacity];
        _headSeq = 1; // seq 0 is never used, so a default Handle matches nothing
        _count = 0;
    }

    public readonly int Count => _count;

    public long Enqueue(in ReadyItem item)
    {
        if (_count == _items.Length)
        {
            Grow();
        }
        long seq = _headSeq + _count;
        ref ReadyItem slot = ref _items[(int)(seq & (_items.Length - 1))];
        // A free slot's references are null (Dequeue, Clear and Grow leave them so): store only the
        // references that are set, each store into the (old, large) array being a write barrier.
        if (item.Callback is not null)
        {
            slot.Callback = item.Callback;
        }
        if (item.State is not null)
        {
            slot.State = item.State;
        }
        if (item.Arg is not null)
        {
            slot.Arg = item.Arg;
        }
        if (item.Invoker is not null)
        {
            slot.Invoker = item.Invoker;
        }
        if (item.Context is not null)
        {
            slot.Context = item.Context;
        }
        slot.Seq = seq;
        slot.Ticket = item.Ticket;
        slot.Cancelled = item.Cancelled;
        _count++;
        return seq;
    }

    /// <summary>Removes the oldest item. Its slot keeps seq and cancelled flag (for handles), not its references.</summary>
    public ReadyItem Dequeue()
    {
        ref ReadyItem slot = ref _items[(int)(_headSeq & (_items.Length - 1))];
        ReadyItem item = slot;
        slot.Callback = null;
        slot.State = null;
        slot.Arg = null;
        slot.Invoker = null;
        slot.Context = null;
        _headSeq++;
        _count--;
        return item;
    }

    public readonly bool IsPending(long seq) => seq >= _headSeq && seq < _headSeq + _count;

    /// <summary>The slot that holds (or last held) <paramref name="seq"/>, if it was not reused since.</summary>
    public readonly ref ReadyItem FindSlot(long seq, out bool found)
    {
        ref ReadyItem slot = ref _items[(int)(seq & (_items.Length - 1))];
        found = seq > 0 && slot.Seq == seq;
        return ref slot;
    }

    /// <summary>Marks the pending item posted from another thread with <paramref name="ticket"/> as cancelled.</summary>
    public readonly bool CancelTicket(long ticket)
    {
        for (int i = 0; i < _count; i++)
        {
            ref ReadyItem slot = ref _items[(int)((_headSeq + i) & (_items.Length - 1))];
            if (slot.Ticket == ticket)
            {
                slot.Cancelled = true;
                return true;
            }
        }
        return false;
    }

    public void Clear()
    {
        Array.Clear(_items);
        _headSeq += _count;
        _count = 0;
    }

    private void Grow()
    {
        var larger = new ReadyItem[_items.Length * 2];
        int mask = larger.Length - 1;
        for (int i = 0; i < _count; i++)
        {
            long seq = _headSeq + i;
            larger[(int)(seq & mask)] = _items[(int)(seq & (_items.Length - 1))];
        }
        _items = larger;
    }
}
