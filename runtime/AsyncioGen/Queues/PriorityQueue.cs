using System.Collections.Generic;

namespace AsyncioGen;

/// <summary>
/// asyncio's <c>PriorityQueue</c>: a <see cref="Queue{T}"/> that returns the lowest item first (by the
/// comparer given, else <see cref="Comparer{T}.Default"/>). Items are typically tuples
/// <c>(priority, data)</c>, compared element by element as Python compares tuples.
/// </summary>
public sealed class PriorityQueue<T> : Queue<T>
{
    /// <summary>Creates a priority queue holding at most <paramref name="maxSize"/> items (unbounded if &lt;= 0).</summary>
    public PriorityQueue(int maxSize = 0, IComparer<T>? comparer = null)
        : base(maxSize, new HeapStorage<T>(comparer ?? Comparer<T>.Default))
    {
    }

    private protected override string ReprName => "PriorityQueue";
}
