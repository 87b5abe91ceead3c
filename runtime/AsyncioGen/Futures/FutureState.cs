namespace AsyncioGen;

/// <summary>The three states of asyncio's futures.</summary>
internal enum FutureState : byte
{
    Pending,
    Finished,
    Cancelled,
}
