using System;
using System.Collections.Generic;

namespace AsyncioGen;

/// <summary>
/// What the loop's exception handler receives: asyncio's context dictionary as properties
/// (<c>message</c>, <c>exception</c>, <c>future</c>, <c>handle</c>).
/// </summary>
public sealed class ExceptionContext
{
    /// <summary>Creates a context with the required message.</summary>
    public ExceptionContext(string message)
    {
        Message = message;
    }

    /// <summary>What happened, e.g. <c>Exception in callback Program.OnTick()</c>.</summary>
    public string Message { get; }

    /// <summary>The exception, if there is one.</summary>
    public Exception? Exception { get; init; }

    /// <summary>The future or task concerned, if any.</summary>
    public Future? Future { get; init; }

    /// <summary>The <see cref="AsyncioGen.Handle"/> or <see cref="TimerHandle"/> whose callback failed, if any.</summary>
    public object? Handle { get; init; }

    /// <summary>For a failure inside an exception handler: the context that handler was given.</summary>
    public ExceptionContext? InnerContext { get; init; }

    /// <summary>Further keys, for custom loops and handlers.</summary>
    public IReadOnlyDictionary<string, object?>? Extra { get; init; }
}
