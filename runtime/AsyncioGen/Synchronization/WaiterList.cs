namespace AsyncioGen;

/// <summary>A waiter future that can sit in a <see cref="WaiterList{T}"/> (the links live in the waiter itself).</summary>
internal interface IWaiterNode<T>
    where T : class, IWaiterNode<T>
{
    T? NextWaiter { get; set; }

    T? PreviousWaiter { get; set; }

    bool IsLinked { get; set; }
}

/// <summary>
/// asyncio's <c>collections.deque</c> of waiter futures, as an intrusive FIFO list: appending and
/// removing a waiter allocates nothing and removal is O(1).
/// </summary>
internal struct WaiterList<T>
    where T : class, IWaiterNode<T>
{
    private T? _first;
    private T? _last;

    public int Count { get; private set; }

    public readonly T? First => _first;

    public void Append(T waiter)
    {
        waiter.IsLinked = true;
        waiter.PreviousWaiter = _last;
        waiter.NextWaiter = null;
        if (_last is null)
        {
            _first = waiter;
        }
        else
        {
            _last.NextWaiter = waiter;
        }
        _last = waiter;
        Count++;
    }

    /// <summary>Unlinks <paramref name="waiter"/> if it is still in the list (asyncio's <c>remove</c>, minus the ValueError).</summary>
    public bool Remove(T waiter)
    {
        if (!waiter.IsLinked)
        {
            return false;
        }
        T? previous = waiter.PreviousWaiter;
        T? next = waiter.NextWaiter;
        if (previous is null)
        {
            _first = next;
        }
        else
        {
            previous.NextWaiter = next;
        }
        if (next is null)
        {
            _last = previous;
        }
        else
        {
            next.PreviousWaiter = previous;
        }
        waiter.NextWaiter = null;
        waiter.PreviousWaiter = null;
        waiter.IsLinked = false;
        Count--;
        return true;
    }

    /// <summary>Unlinks and returns the first waiter (asyncio's <c>popleft</c>), or null.</summary>
    public T? PopFirst()
    {
        T? first = _first;
        if (first is not null)
        {
            Remove(first);
        }
        return first;
    }
}
