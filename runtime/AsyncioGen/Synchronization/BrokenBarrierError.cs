using System;

namespace AsyncioGen;

/// <summary>asyncio's <c>BrokenBarrierError</c> (a RuntimeError): the <see cref="Barrier"/> was aborted or reset while waiting.</summary>
public class BrokenBarrierError : InvalidOperationException
{
    /// <summary>Creates the error with asyncio's default message.</summary>
    public BrokenBarrierError()
        : base("Barrier aborted")
    {
    }

    /// <summary>Creates the error with <paramref name="message"/>.</summary>
    public BrokenBarrierError(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with <paramref name="message"/> and its cause.</summary>
    public BrokenBarrierError(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
