using System;

namespace AsyncioGen;

/// <summary>
/// The future or task was cancelled (asyncio's <c>CancelledError</c>). Raised by
/// <see cref="Future.GetResult"/> on a cancelled future, and thrown into a coroutine at the await
/// where a cancellation request reaches it.
/// </summary>
/// <remarks>
/// <see cref="Exception.Message"/> is the message given to <c>Cancel(message)</c> when there was one;
/// <see cref="CancelMessage"/> tells the two cases apart (it is <see langword="null"/> when no
/// message was given).
/// </remarks>
public class CancelledError : OperationCanceledException
{
    internal const string DefaultMessage = "The operation was cancelled.";

    /// <summary>Creates a cancellation error without a message.</summary>
    public CancelledError() : this(null) { }

    /// <summary>Creates a cancellation error carrying the cancel message.</summary>
    public CancelledError(string? message) : base(message ?? DefaultMessage)
    {
        CancelMessage = message;
    }

    /// <summary>Creates a cancellation error carrying the cancel message and a cause.</summary>
    public CancelledError(string? message, Exception? innerException) : base(message ?? DefaultMessage, innerException)
    {
        CancelMessage = message;
    }

    /// <summary>The message passed to <c>Cancel(message)</c>, or <see langword="null"/> when none was given.</summary>
    public string? CancelMessage { get; }

    /// <summary>How many times a task re-raised this same error with its frames kept (see Future.ThrowCancelled).</summary>
    internal int Rethrows;
}
