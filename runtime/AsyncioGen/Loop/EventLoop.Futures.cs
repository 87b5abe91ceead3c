namespace AsyncioGen;

public partial class EventLoop
{
    /// <summary>Creates a future bound to this loop (asyncio's <c>create_future</c>; the recommended way).</summary>
    public Future<T> CreateFuture<T>() => new(this);

    /// <summary>Creates a result-less future bound to this loop.</summary>
    public Future CreateFuture() => new(this);
}
