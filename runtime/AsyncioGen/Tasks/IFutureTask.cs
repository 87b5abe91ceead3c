using System.Collections.Generic;
using System.IO;

namespace AsyncioGen;

/// <summary>
/// What every task offers beyond its <see cref="Future"/>: <see cref="FutureTask"/> and
/// <see cref="FutureTask{T}"/> both implement it (asyncio's <c>Task</c> methods).
/// </summary>
public interface IFutureTask : IFutureLike
{
    /// <summary>The task's name; <c>Task-N</c> unless set.</summary>
    string Name { get; set; }

    /// <summary>Requests cancellation; see <see cref="FutureTask{T}.Cancel"/>.</summary>
    bool Cancel(string? message = null);

    /// <summary>The number of pending cancellation requests (asyncio's <c>cancelling()</c>).</summary>
    int Cancelling();

    /// <summary>Withdraws one cancellation request and returns how many remain (asyncio's <c>uncancel()</c>).</summary>
    int Uncancel();

    /// <summary>The coroutine's state machine, or <see langword="null"/> once the task is done.</summary>
    object? GetCoro();

    /// <summary>Where the coroutine is suspended, or the frames of the exception that ended it.</summary>
    IReadOnlyList<TaskStackFrame> GetStack(int? limit = null);

    /// <summary>Writes <see cref="GetStack"/> in traceback form (standard error by default).</summary>
    void PrintStack(int? limit = null, TextWriter? file = null);
}
