using System;

namespace AsyncioGen;

/// <summary>asyncio's <c>QueueFull</c>: <see cref="Queue{T}.PutNowait"/> on a full queue.</summary>
public class QueueFull : Exception
{
    /// <summary>Creates the error.</summary>
    public QueueFull()
        : base("The queue is full.")
    {
    }

    /// <summary>Creates the error with <paramref name="message"/>.</summary>
    public QueueFull(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with <paramref name="message"/> and its cause.</summary>
    public QueueFull(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
