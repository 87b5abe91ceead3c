namespace AsyncioGen;

/// <summary>asyncio's <c>LifoQueue</c>: a <see cref="Queue{T}"/> that returns the most recently added item first.</summary>
public sealed class LifoQueue<T> : Queue<T>
{
    /// <summary>Creates a LIFO queue holding at most <paramref name="maxSize"/> items (unbounded if &lt;= 0).</summary>
    public LifoQueue(int maxSize = 0)
        : base(maxSize, new LifoStorage<T>())
    {
    }

    private protected override string ReprName => "LifoQueue";
}
