namespace AsyncioGen;

/// <summary>
/// How a task is described to the ready queue and to the futures it waits on: two cached invokers, so
/// a step or a wake-up allocates nothing, and their names in callback reprs.
/// </summary>
internal static class TaskCallbacks
{
    /// <summary>Runs a task's next step; the task is the ready item's state (<see cref="ReadyItem.TaskStep"/>).</summary>
    public static readonly ReadyInvoker StepInvoker = static (_, task, _) => FutureTaskMachinery.Step((Future)task!);

    /// <summary>Done-callback of the future a task waits on; the task is the callback's argument.</summary>
    public static readonly ReadyInvoker WakeupInvoker = static (_, _, task) => FutureTaskMachinery.Step((Future)task!);

    /// <summary>The wake-up a task registers on the future it awaits (asyncio's <c>__wakeup</c>).</summary>
    public static DoneCallback Wakeup(Future task) => new(null, task, WakeupInvoker, null);

    /// <summary>The repr of a task's invoker (<c>Task.Step()</c>, <c>Task.Wakeup()</c>), or null for any other.</summary>
    public static string? Describe(ReadyInvoker? invoker) =>
        invoker == WakeupInvoker ? "Task.Wakeup()" : invoker == StepInvoker ? "Task.Step()" : null;
}
