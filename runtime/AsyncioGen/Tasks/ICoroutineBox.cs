using System;
using System.Runtime.CompilerServices;

namespace AsyncioGen;

/// <summary>The coroutine inside a task: the state machine box the builder created.</summary>
internal interface ICoroutineBox
{
    void MoveNext();

    /// <summary>Drops the state machine (and the locals it captured) once the task is done.</summary>
    void Release();

    IAsyncStateMachine? StateMachineOrNull { get; }

    Type StateMachineType { get; }

    /// <summary>No code of the coroutine can run between a cancellation thrown at an await and its end (<see cref="CoroutineShape"/>).</summary>
    bool CancellationPassesThrough { get; }
}
