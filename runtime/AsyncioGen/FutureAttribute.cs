using System;

namespace AsyncioGen;

/// <summary>
/// Marks a callback-style method of a <see langword="partial"/> type: the AsyncioGen generator adds an
/// awaitable twin next to it (by default named after the method with an <c>Async</c> suffix) that
/// starts the operation and returns a future completed by the callback.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class FutureAttribute : Attribute
{
    /// <summary>
    /// The twin's name; by default the method's name + <c>Async</c> (<c>BeginRead</c> → <c>ReadAsync</c>;
    /// for an event-based <c>SendAsync</c>, <c>SendFutureAsync</c>).
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// For a callback that reports several values (<c>Action&lt;int, string&gt;</c>): the name of a
    /// <c>readonly record struct</c> the generator writes into the type to hold them, instead of a value tuple.
    /// </summary>
    public string? ResultType { get; set; }

    /// <summary>
    /// For an event-based method (<c>OpAsync(..., object? userState)</c> + <c>OpCompleted</c>): the method
    /// called when the future is cancelled (<c>nameof(SendAsyncCancel)</c>), taking no parameter or the user state.
    /// </summary>
    public string? Cancel { get; set; }

    /// <summary>
    /// Also generate an overload of the twin whose first parameter is the <see cref="EventLoop"/> the
    /// future belongs to, for callers outside a running loop (<c>loop.RunUntilComplete(obj.OpAsync(loop, ...))</c>).
    /// </summary>
    public bool ExplicitLoop { get; set; }
}
