using System;

namespace AsyncioGen;

/// <summary>
/// The operation is not allowed in the future's current state (asyncio's <c>InvalidStateError</c>):
/// reading the result of a pending future, or completing one that is already done.
/// </summary>
public class InvalidStateError : InvalidOperationException
{
    /// <summary>Creates the error with a message that names the state.</summary>
    public InvalidStateError(string message) : base(message) { }

    /// <summary>Creates the error with a message and the exception that caused it.</summary>
    public InvalidStateError(string message, Exception? innerException) : base(message, innerException) { }
}
