using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace AsyncioGen;

/// <summary>
/// What a coroutine's compiled state machine can do with an exception thrown at one of its awaits.
/// The C# compiler wraps an async method's whole body in one <c>catch (Exception)</c> that hands the
/// exception to the builder; every <c>try</c>, <c>using</c>, <c>lock</c> or <c>foreach</c> over a
/// disposable in the body adds a handler of its own. With that one handler only, nothing in the
/// coroutine can run between a <see cref="CancelledError"/> thrown at an await and the task's end.
/// </summary>
internal static class CoroutineShape
{
    /// <summary>
    /// True when <paramref name="stateMachineType"/> is compiler-generated and its <c>MoveNext</c> has no
    /// exception handler but the compiler's outer one; false when that cannot be known (no IL, trimmed).
    /// </summary>
    public static bool CancellationPassesThrough(Type stateMachineType)
    {
        try
        {
            if (!stateMachineType.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false))
            {
                return false;
            }
            MethodInfo? moveNext = stateMachineType.GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            IList<ExceptionHandlingClause>? clauses = moveNext?.GetMethodBody()?.ExceptionHandlingClauses;
            return clauses is { Count: 1 }
                && clauses[0].Flags == ExceptionHandlingClauseOptions.Clause
                && clauses[0].CatchType == typeof(Exception);
        }
        catch (Exception)
        {
            return false; // reflection refused (trimmed metadata, a dynamic module): keep the general path
        }
    }
}
