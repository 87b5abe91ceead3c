namespace AsyncioGen;

/// <summary>
/// The one view the loop and the futures have of a task: <see cref="FutureTask"/> and
/// <see cref="FutureTask{T}"/> implement it (they cannot share a base class below <see cref="Future"/>),
/// and a type test against it is how a future is known to be a task. The task's state is the struct it
/// exposes; everything done with that state is in <see cref="FutureTaskMachinery"/>.
/// </summary>
internal interface ICoroutineTask : IFutureTask
{
    /// <summary>The task's state, embedded in the task object (no allocation of its own).</summary>
    ref FutureTaskCore Core { get; }
}
