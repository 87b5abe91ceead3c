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
    /// <summary>The twin's name; by default the method's name + <c>Async</c> (<c>BeginRead</c> → <c>ReadAsync</c>).</summary>
    public string? Name { get; set; }
}
