using System;
using System.Collections.Generic;
using System.Threading;

namespace AsyncioGen;

public partial class EventLoop
{
    // Handle ids: a positive id is the item's position in the ready queue (queued on the owner thread), a
    // negative id minus the ticket of an item posted from another thread. A cancel that cannot mark the
    // item itself (the caller is another thread, or the item was posted: the posting queue's slots belong
    // to their producers until the loop takes them) records the id here; the loop checks it when it
    // dequeues an item, and forgets ids whose item has run, so a cancel that comes after the callback ran
    // keeps nothing.
    private HashSet<long>? _cancelledIds;   // guarded by _threadsafeLock
    private int _cancelledIdCount;          // read by the loop without the lock: 0 in the common case
    private long _lastRunTicket;            // the ticket of the last posted item dequeued (tickets run in order)

    internal void CancelHandle(long id)
    {
        if (_closed)
        {
            return; // nothing will run again: there is nothing to keep from running
        }
        if (id > 0 && IsOwnerThread)
        {
            ref ReadyItem slot = ref _ready.FindSlot(id, out bool found);
            if (found)
            {
                slot.Cancelled = true;
            }
            return;
        }
        lock (_threadsafeLock)
        {
            if (_closed || HasRun(id))
            {
                return;
            }
            _cancelledIds ??= new HashSet<long>();
            if (_cancelledIds.Add(id))
            {
                Volatile.Write(ref _cancelledIdCount, _cancelledIds.Count);
            }
        }
    }

    /// <summary>True when the item behind <paramref name="id"/> was dequeued (ran or was skipped). Under the lock.</summary>
    private bool HasRun(long id) =>
        id > 0 ? id < _ready.HeadSeq : -id <= Volatile.Read(ref _lastRunTicket);

    /// <summary>Called by the loop for every item it dequeues (its id and flags word): true if the item must be skipped.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool IsSkipped(long idAndFlags)
    {
        long id = ReadyItem.IdOf(idAndFlags);
        if (id < 0)
        {
            Volatile.Write(ref _lastRunTicket, -id);
        }
        return ReadyItem.IsCancelledIn(idAndFlags) || (Volatile.Read(ref _cancelledIdCount) != 0 && TakeCancelledId(id));
    }

    private bool TakeCancelledId(long id)
    {
        lock (_threadsafeLock)
        {
            if (_cancelledIds is null || !_cancelledIds.Remove(id))
            {
                return false;
            }
            Volatile.Write(ref _cancelledIdCount, _cancelledIds.Count);
            return true;
        }
    }

    /// <summary>
    /// Forgets recorded cancels whose item was dequeued meanwhile (a cancel racing the run of its callback).
    /// Called at the end of an iteration when any are recorded.
    /// </summary>
    private void ForgetCancelsOfRunItems()
    {
        lock (_threadsafeLock)
        {
            if (_cancelledIds is null)
            {
                return;
            }
            _cancelledIds.RemoveWhere(HasRun);
            Volatile.Write(ref _cancelledIdCount, _cancelledIds.Count);
        }
    }

    /// <summary>The number of recorded cancels not yet matched with their item.</summary>
    internal int PendingHandleCancellations => Volatile.Read(ref _cancelledIdCount);

    internal bool IsHandleCancelled(long id)
    {
        if (id > 0 && IsOwnerThread)
        {
            ref ReadyItem slot = ref _ready.FindSlot(id, out bool found);
            if (found && slot.Cancelled)
            {
                return true;
            }
        }
        lock (_threadsafeLock)
        {
            if (_cancelledIds is not null && _cancelledIds.Contains(id))
            {
                return true;
            }
            return false;
        }
    }

    internal string? DescribeHandle(long id)
    {
        // Only the owner thread may read the ready queue.
        if (id > 0 && IsOwnerThread && _ready.IsPending(id))
        {
            ref ReadyItem slot = ref _ready.FindSlot(id, out bool found);
            return found ? slot.Describe() : null;
        }
        return null;
    }
}
