namespace AsyncioGen;

/// <summary>
/// What makes a future a task: <see cref="FutureTask"/> and <see cref="FutureTask{T}"/> implement it
/// (they cannot share a base class below <see cref="Future"/>), and a type test against it is how the
/// loop and the futures know a task. The task's state is embedded in the task object (no allocation
/// of its own) and reached through <see cref="Future.TaskState"/>; everything done with it is in
/// <see cref="FutureTaskMachinery"/>.
/// </summary>
internal interface ICoroutineTask : IFutureTask
{
}
