using System;

namespace AsyncioGen.Streams;

/// <summary>
/// The separator was not found within the reader's limit (asyncio's <c>LimitOverrunError</c>). The data stays
/// in the reader's buffer; <see cref="Consumed"/> is how many bytes to consume to skip it.
/// </summary>
public sealed class LimitOverrunError : Exception
{
    /// <summary>Creates the error.</summary>
    public LimitOverrunError(string message, int consumed)
        : base(message)
    {
        Consumed = consumed;
    }

    /// <summary>The number of bytes to be consumed.</summary>
    public int Consumed { get; }
}
