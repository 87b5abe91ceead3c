using System;
using System.Collections.Concurrent;
using System.Threading;

namespace AsyncioGen.Benchmarks;

/// <summary>
/// The asyncio-semantics peer of call_soon, stripped to its core: <c>(callback, state)</c> pairs in a
/// power-of-two ring buffer, one iteration runs exactly what was queued when it began. No execution
/// context, no cancellable handles, no thread checks: what a loop costs before any of those.
/// </summary>
public sealed class RingBufferLoop
{
    private (Action<object?> Callback, object? State)[] _items = new (Action<object?>, object?)[16];
    private int _head;
    private int _count;

    public void CallSoon(Action<object?> callback, object? state)
    {
        if (_count == _items.Length)
        {
            Grow();
        }
        _items[(_head + _count) & (_items.Length - 1)] = (callback, state);
        _count++;
    }

    /// <summary>Runs the callbacks queued when it is called; those they queue wait for the next call.</summary>
    public void RunOnce()
    {
        var items = _items;
        int mask = items.Length - 1;
        for (int n = _count; n > 0; n--)
        {
            ref (Action<object?> Callback, object? State) slot = ref items[_head];
            (Action<object?> callback, object? state) = slot;
            slot = default;
            _head = (_head + 1) & mask;
            _count--;
            callback(state);
        }
    }

    private void Grow()
    {
        var larger = new (Action<object?>, object?)[_items.Length * 2];
        for (int i = 0; i < _count; i++)
        {
            larger[i] = _items[(_head + i) & (_items.Length - 1)];
        }
        _items = larger;
        _head = 0;
    }
}

/// <summary>
/// A loop whose thread-safe post is a <see cref="ConcurrentQueue{T}"/> of <c>(callback, state)</c> pairs
/// plus the wake-up a sleeping loop needs: the .NET way to write call_soon_threadsafe.
/// </summary>
public sealed class ConcurrentQueueLoop : IDisposable
{
    private readonly ConcurrentQueue<(Action<object?> Callback, object? State)> _queue = new();
    private readonly ManualResetEventSlim _wake = new(false, spinCount: 1);
    private int _sleeping;
    private volatile bool _stopping;

    public void Post(Action<object?> callback, object? state)
    {
        _queue.Enqueue((callback, state)); // a full fence: the read of _sleeping cannot move before it
        if (Volatile.Read(ref _sleeping) != 0)
        {
            _wake.Set();
        }
    }

    public void Stop() => _stopping = true;

    public void RunForever()
    {
        _stopping = false;
        while (!_stopping)
        {
            while (_queue.TryDequeue(out (Action<object?> Callback, object? State) item))
            {
                item.Callback(item.State);
            }
            if (_stopping)
            {
                break;
            }
            _wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if (_queue.IsEmpty)
            {
                _wake.Wait();
            }
            Volatile.Write(ref _sleeping, 0);
        }
    }

    public void Dispose() => _wake.Dispose();
}
