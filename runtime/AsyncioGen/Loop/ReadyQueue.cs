using System;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// The loop's ready queue: a ring buffer of struct entries, grown by doubling and trimmed by the loop
/// after a burst. An item lives at index <c>seq &amp; mask</c>, so a <see cref="Handle"/> (which stores
/// the seq) finds its item without a search, also after the buffer was resized.
/// </summary>
internal struct ReadyQueue
{
    public const int InitialCapacity = 16;

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

    public readonly int Capacity => _items.Length;

    /// <summary>The seq of the oldest item: every smaller seq was dequeued.</summary>
    public readonly long HeadSeq => _headSeq;

    /// <summary>The <paramref name="index"/>-th pending item, oldest first.</summary>
    public readonly ref ReadyItem PeekAt(int index) => ref _items[(int)((_headSeq + index) & (_items.Length - 1))];

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
        // A posted item keeps its ticket as its id (its handle holds the ticket); any other is known by its position.
        long idAndFlags = item.Id < 0 ? item.IdAndFlags : item.IdAndFlagsWith(seq);
        ExecutionContext? context = item.Context;
        if (context is not null)
        {
            if (ReferenceEquals(context, DefaultExecutionContext.Instance))
            {
                idAndFlags |= ReadyItem.DefaultContextBit; // a flag instead of a write barrier
            }
            else
            {
                slot.Context = context;
            }
        }
        slot.IdAndFlags = idAndFlags;
        _count++;
        return seq;
    }

    /// <summary>Removes the oldest item. Its slot keeps its id and flags (for handles), not its references.</summary>
    public ReadyItem Dequeue()
    {
        ref ReadyItem slot = ref _items[(int)(_headSeq & (_items.Length - 1))];
        ReadyItem item = slot;
        if (ReadyItem.HasDefaultContextIn(item.IdAndFlags))
        {
            item.Context = DefaultExecutionContext.Instance;
            item.IdAndFlags &= ~ReadyItem.DefaultContextBit;
        }
        slot.Callback = null;
        slot.State = null;
        slot.Arg = null;
        slot.Invoker = null;
        slot.Context = null;
        _headSeq++;
        _count--;
        return item;
    }

    /// <summary>
    /// The oldest item's slot, removed from the queue: the caller reads what it needs and clears the
    /// references (<see cref="ClearReferences"/>) before anything else touches the queue. Saves copying
    /// the whole item out of the array, as <see cref="Dequeue"/> does. The caller reads a null
    /// <see cref="ReadyItem.Context"/> with the default-context flag as <see cref="DefaultExecutionContext.Instance"/>.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public ref ReadyItem TakeHead()
    {
        ReadyItem[] items = _items;
        ref ReadyItem slot = ref items[(int)(_headSeq & (items.Length - 1))];
        _headSeq++;
        _count--;
        return ref slot;
    }

    /// <summary>Clears a taken slot's references (its id and flags stay, for handles).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void ClearReferences(ref ReadyItem slot)
    {
        slot.Callback = null;
        slot.State = null;
        slot.Arg = null;
        slot.Invoker = null;
        slot.Context = null;
    }

    public readonly bool IsPending(long seq) => seq >= _headSeq && seq < _headSeq + _count;

    /// <summary>The slot that holds (or last held) <paramref name="seq"/>, if it was not reused since.</summary>
    public readonly ref ReadyItem FindSlot(long seq, out bool found)
    {
        ref ReadyItem slot = ref _items[(int)(seq & (_items.Length - 1))];
        found = seq > 0 && slot.Id == seq;
        return ref slot;
    }

    /// <summary>
    /// Shrinks the buffer when it is at least four times larger than <paramref name="needed"/> items, to the
    /// power of two at or above twice that (at least <paramref name="minimum"/>). Returns true if it shrank.
    /// </summary>
    public bool TrimTo(int needed, int minimum)
    {
        int target = Math.Max(minimum, (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, 2 * needed))));
        if (_items.Length < 2 * target || target < _count)
        {
            return false;
        }
        Resize(target);
        return true;
    }

    private void Grow() => Resize(_items.Length * 2);

    private void Resize(int capacity)
    {
        var resized = new ReadyItem[capacity];
        int mask = resized.Length - 1;
        for (int i = 0; i < _count; i++)
        {
            long seq = _headSeq + i;
            resized[(int)(seq & mask)] = _items[(int)(seq & (_items.Length - 1))];
        }
        _items = resized;
    }
}
