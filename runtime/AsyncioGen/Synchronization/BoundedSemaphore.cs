using System;

namespace AsyncioGen;

/// <summary>
/// asyncio's <c>BoundedSemaphore</c>: a <see cref="Semaphore"/> whose <see cref="Release"/> refuses to
/// raise the counter above its initial value.
/// </summary>
public sealed class BoundedSemaphore : Semaphore
{
    private readonly int _boundValue;

    /// <summary>Creates a bounded semaphore with the counter (and its bound) at <paramref name="value"/>.</summary>
    public BoundedSemaphore(int value = 1)
        : base(value)
    {
        _boundValue = value;
    }

    /// <summary>Releases once.</summary>
    /// <exception cref="InvalidOperationException">More releases than acquires (asyncio: ValueError).</exception>
    public override void Release()
    {
        if (Value >= _boundValue)
        {
            throw new InvalidOperationException("BoundedSemaphore released too many times");
        }
        base.Release();
    }

    private protected override string ReprName => "BoundedSemaphore";
}
