using System;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// The queue other threads post to (call_soon_threadsafe and every call marshalled to the loop's thread):
/// lock-free for producers, one consumer (the loop). A chain of segments; a producer reserves a slot
/// with one compare-and-swap on its segment's counter, stores the item, then marks the slot published.
/// A full segment is frozen and the next one linked under a lock (once per segment's worth of posts).
/// A loop's first segment is small (<see cref="FirstSegmentSize"/> slots: a short-lived loop pays
/// little), each next one twice the last, up to <see cref="SegmentSize"/>. Emptied full-size segments
/// go to a pool the producers take from, so in steady state posting allocates nothing; the pool is
/// trimmed to the recent peak backlog (<see cref="TrimSpares"/>) and dropped on <see cref="Close"/>.
/// </summary>
/// <remarks>
/// The guarantees the loop builds on: items are taken in the order their slots were reserved, which is
/// their ticket order (a ticket is the slot's position in the chain); the loop waits for a reserved slot
/// to be published rather than pass it, so a post that returned is never overtaken by a later one; a
/// post either reserves its slot before <see cref="Close"/> froze the chain (and <see cref="Close"/> then
/// hands it back to be discarded) or fails; <see cref="HasWork"/> sees any reservation made before it
/// (both sides use a full fence), which is what lets a producer skip waking a loop that is not asleep.
/// </remarks>
internal sealed class PostQueue
{
    /// <summary>Slots of the largest segments: 1024 × 56 bytes stays below the large-object heap.</summary>
    public const int SegmentSize = 1024;

    /// <summary>Slots of a loop's first segment.</summary>
    public const int FirstSegmentSize = 32;

    // Set in a segment's reservation counter once no more slots may be reserved in it (full, pooled, or closed).
    private const int FrozenBit = 1 << 30;

    private struct Slot
    {
        public ReadyItem Item;
        public int Published;
    }

    private sealed class Segment
    {
        public readonly Slot[] Slots;

        public Segment(int size, int reserved)
        {
            Slots = new Slot[size];
            Reserved = reserved;
        }

        /// <summary>The next slot to reserve, with <see cref="FrozenBit"/> once no more may be.</summary>
        public int Reserved;

        /// <summary>The ticket of <c>Slots[0]</c>.</summary>
        public long FirstTicket;

        public Segment? Next;
    }

    // Raised by a producer after its reservation, lowered by the loop before it drains: the one word the
    // loop reads for "anything posted?" on every call_soon. A producer writes it only when it finds it
    // lowered, so producers share it without contending while the loop is busy.
    private int _signal;

    private readonly object _lock = new();   // links segments, guards the pool and the closed flag
    private volatile Segment _tail;           // where producers reserve
    private Segment _head;                    // where the loop takes (consumer only)
    private int _headIndex;                   // consumer only
    private Segment? _spares;                 // pooled segments, frozen and empty (under _lock)
    private int _spareCount;
    private bool _closed;

    public PostQueue()
    {
        _head = _tail = new Segment(FirstSegmentSize, 0) { FirstTicket = 1 };
    }

    /// <summary>
    /// Appends <paramref name="item"/> from any thread; returns its ticket (≥ 1), or 0 if the queue is
    /// closed. The item's <see cref="ReadyItem.Id"/> becomes minus the ticket.
    /// </summary>
    public long TryPost(in ReadyItem item)
    {
        while (true)
        {
            Segment segment = _tail;
            int reserved = Volatile.Read(ref segment.Reserved);
            while ((reserved & FrozenBit) == 0 && reserved < segment.Slots.Length)
            {
                int seen = Interlocked.CompareExchange(ref segment.Reserved, reserved + 1, reserved);
                if (seen == reserved)
                {
                    // The slot is ours and the segment cannot be recycled before we publish it, so its
                    // first ticket is stable here (set before the segment was unfrozen for this use).
                    if (Volatile.Read(ref _signal) == 0)
                    {
                        Interlocked.Exchange(ref _signal, 1);
                    }
                    long ticket = segment.FirstTicket + reserved;
                    ref Slot slot = ref segment.Slots[reserved];
                    slot.Item = item;
                    slot.Item.Id = -ticket;
                    Volatile.Write(ref slot.Published, 1);
                    return ticket;
                }
                reserved = seen;
            }
            lock (_lock)
            {
                if (_closed)
                {
                    return 0;
                }
                if (segment == _tail)
                {
                    LinkNext(segment);
                }
            }
        }
    }

    /// <summary>Freezes the full tail segment and links a fresh (or pooled) one after it. Under the lock.</summary>
    private void LinkNext(Segment full)
    {
        int count = Interlocked.Or(ref full.Reserved, FrozenBit) & ~FrozenBit;
        Segment next = _spares ?? new Segment(Math.Min(2 * full.Slots.Length, SegmentSize), FrozenBit);
        if (_spares is not null)
        {
            _spares = next.Next;
            _spareCount--;
        }
        next.Next = null;
        next.FirstTicket = full.FirstTicket + count;
        Volatile.Write(ref next.Reserved, 0); // open for reservations, after its first ticket is set
        Volatile.Write(ref full.Next, next);
        _tail = next;
    }

    /// <summary>
    /// True when a producer reserved a slot since the last <see cref="DrainInto"/> began (it may still be
    /// storing the item). A producer raises the signal after its reservation (a full fence) and the loop
    /// reads it after its own fence (WaitForWork's), so one of the two sees the other.
    /// </summary>
    public bool HasWork => Volatile.Read(ref _signal) != 0;

    /// <summary>
    /// Moves every item posted so far into <paramref name="ready"/>, in ticket order (consumer only).
    /// Returns how many it moved.
    /// </summary>
    public int DrainInto(ref ReadyQueue ready)
    {
        // Lowered first (a full fence): a reservation this scan misses raises it again.
        Interlocked.Exchange(ref _signal, 0);
        Segment segment = _head;
        int index = _headIndex;
        int moved = 0;
        while (true)
        {
            if (index < segment.Slots.Length)
            {
                ref Slot slot = ref segment.Slots[index];
                if (Volatile.Read(ref slot.Published) == 0)
                {
                    int reserved = Volatile.Read(ref segment.Reserved);
                    if (index < (reserved & ~FrozenBit))
                    {
                        // Reserved, not yet published: the producer is between its reservation and its
                        // store. Wait for it rather than pass it, so no post is overtaken by a later one.
                        WaitPublished(ref slot.Published);
                        continue;
                    }
                    if ((reserved & FrozenBit) == 0)
                    {
                        break; // nothing reserved beyond: empty for now
                    }
                    // Frozen before it filled up: nothing more comes in this segment.
                }
                else
                {
                    ready.Enqueue(in slot.Item);
                    slot.Item = default;
                    slot.Published = 0;
                    index++;
                    moved++;
                    continue;
                }
            }
            Segment? next = Volatile.Read(ref segment.Next);
            if (next is null)
            {
                break; // the producer that filled it is linking the next one, or the queue is closed
            }
            Recycle(segment);
            segment = next;
            index = 0;
        }
        _head = segment;
        _headIndex = index;
        return moved;
    }

    private static void WaitPublished(ref int published)
    {
        var spinner = new SpinWait();
        while (Volatile.Read(ref published) == 0)
        {
            spinner.SpinOnce();
        }
    }

    /// <summary>An emptied segment (frozen, every slot cleared) goes to the pool, unless it is one of the small first ones.</summary>
    private void Recycle(Segment segment)
    {
        if (segment.Slots.Length < SegmentSize)
        {
            return;
        }
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
            segment.Next = _spares;
            _spares = segment;
            _spareCount++;
        }
    }

    /// <summary>Drops pooled segments beyond what a backlog of <paramref name="backlog"/> items needs (plus one).</summary>
    public void TrimSpares(int backlog)
    {
        int keep = backlog / SegmentSize + 2;
        lock (_lock)
        {
            while (_spareCount > keep)
            {
                _spares = _spares!.Next;
                _spareCount--;
            }
        }
    }

    /// <summary>Segments in the pool (for the tests of its trimming).</summary>
    public int SpareCount
    {
        get
        {
            lock (_lock)
            {
                return _spareCount;
            }
        }
    }

    /// <summary>
    /// Closes the queue: every later post fails. Items whose slots were reserved before are moved into
    /// <paramref name="rest"/> (waiting for those still being stored); then every segment is let go.
    /// </summary>
    public void Close(ref ReadyQueue rest)
    {
        lock (_lock)
        {
            _closed = true;
            Interlocked.Or(ref _tail.Reserved, FrozenBit);
            _spares = null;
            _spareCount = 0;
        }
        DrainInto(ref rest);
        Volatile.Write(ref _signal, 0); // every reservation was made before the freeze, and taken above
        var closed = new Segment(1, FrozenBit);
        _head = closed;
        _headIndex = 0;
        _tail = closed;
    }
}
