using System;

namespace AsyncioGen;

/// <summary>asyncio's <c>QueueEmpty</c>: <see cref="Queue{T}.GetNowait"/> on an empty queue.</summary>
public class QueueEmpty : Exception
{
    /// <summary>Creates the error.</summary>
    public QueueEmpty()
        : base("The queue is empty.")
    {
    }

    /// <summary>Creates the error with <paramref name="message"/>.</summary>
    public QueueEmpty(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with <paramref name="message"/> and its cause.</summary>
    public QueueEmpty(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
