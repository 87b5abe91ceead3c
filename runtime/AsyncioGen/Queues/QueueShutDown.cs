using System;

namespace AsyncioGen;

/// <summary>asyncio's <c>QueueShutDown</c> (3.13): a put on a queue that was shut down, or a get on one that is shut down and empty.</summary>
public class QueueShutDown : Exception
{
    /// <summary>Creates the error.</summary>
    public QueueShutDown()
        : base("The queue is shut down.")
    {
    }

    /// <summary>Creates the error with <paramref name="message"/>.</summary>
    public QueueShutDown(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with <paramref name="message"/> and its cause.</summary>
    public QueueShutDown(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
