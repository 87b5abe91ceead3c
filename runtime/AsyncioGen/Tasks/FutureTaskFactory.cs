namespace AsyncioGen;

/// <summary>
/// What <see cref="EventLoop.CreateTask{T}(FutureTask{T}, string?, bool)"/> hands each new task to,
/// once it is adopted by <paramref name="loop"/> and named (asyncio's task factory). A coroutine call
/// already is its task, so a factory decides how it starts rather than making it:
/// <see cref="Asyncio.EagerTaskFactory"/> runs the first step at once; a factory that does nothing
/// keeps the default (the first step is scheduled).
/// </summary>
/// <param name="loop">The loop creating the task.</param>
/// <param name="task">The new task, not started yet.</param>
public delegate void FutureTaskFactory(EventLoop loop, IFutureTask task);
