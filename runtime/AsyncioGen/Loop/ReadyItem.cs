using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// Calls a stored callback with the item's state and argument. Invokers are static, cached
/// delegates (one per generic instantiation), so scheduling a typed callback allocates nothing.
/// </summary>
internal delegate void ReadyInvoker(Delegate? callback, object? state, object? arg);

/// <summary>
/// One entry of the loop's ready queue: what to call, with what, in which context. The kinds of item
/// and what their slots hold:
/// <list type="bullet">
/// <item>a plain callback (<c>CallSoon(Action)</c>): <see cref="Callback"/> = the action, no invoker;</item>
/// <item>a callback with state (<c>CallSoon&lt;TState&gt;</c>): <see cref="Callback"/> = the delegate, <see cref="State"/> = its state, <see cref="Invoker"/> = a cached <see cref="Invokers{TState}"/> invoker;</item>
/// <item>a done-callback (<see cref="DoneCallback"/> of a completed future): <see cref="State"/> = the future, <see cref="Arg"/> = the callback's own state (for a task's wake-up: the task), <see cref="Callback"/>/<see cref="Invoker"/> as registered;</item>
/// <item>a task step (<see cref="TaskStep"/>): <see cref="State"/> = the task, <see cref="Invoker"/> = <see cref="TaskCallbacks.StepInvoker"/>, nothing else;</item>
/// <item>a due timer: <see cref="State"/> = the <see cref="TimerHandle"/>, <see cref="Invoker"/> = <see cref="TimerHandle.RunFromQueue"/>.</item>
/// </list>
/// </summary>
internal struct ReadyItem
{
    /// <summary>The user's delegate; an <see cref="Action"/> when <see cref="Invoker"/> is null.</summary>
    public Delegate? Callback;

    /// <summary>First argument for <see cref="Invoker"/>: a callback's state, the future that completed, the task to step, or the timer.</summary>
    public object? State;

    /// <summary>Second argument for <see cref="Invoker"/>: a done-callback's own state (the task to wake, for a task's wake-up).</summary>
    public object? Arg;

    /// <summary>How to call <see cref="Callback"/>; null for a plain <see cref="Action"/>.</summary>
    public ReadyInvoker? Invoker;

    /// <summary>Execution context to run in; null runs in the loop's own context.</summary>
    public ExecutionContext? Context;

    /// <summary>Position in the ready queue, the identity behind a <see cref="Handle"/>.</summary>
    public long Seq;

    /// <summary>Identity of an item posted from another thread (0 for items queued on the loop thread).</summary>
    public long Ticket;

    /// <summary>Set by <see cref="Handle.Cancel"/>; a cancelled item is skipped.</summary>
    public bool Cancelled;

    public ReadyItem(Delegate? callback, object? state, object? arg, ReadyInvoker? invoker, ExecutionContext? context)
    {
        Callback = callback;
        State = state;
        Arg = arg;
        Invoker = invoker;
        Context = context;
        Seq = 0;
        Ticket = 0;
        Cancelled = false;
    }

    /// <summary>The next step of <paramref name="task"/> (asyncio's <c>call_soon(task.__step)</c>).</summary>
    public static ReadyItem TaskStep(Future task) => new(null, task, null, TaskCallbacks.StepInvoker, null);

    public readonly void Invoke()
    {
        if (Invoker is null)
        {
            ((Action)Callback!)();
        }
        else
        {
            Invoker(Callback, State, Arg);
        }
    }

    /// <summary>Describes the callback the way asyncio's handle reprs do: <c>Type.Method()</c>.</summary>
    public readonly string Describe()
    {
        if (State is TimerHandle timer && Callback is null)
        {
            return timer.DescribeCallback();
        }
        if (Callback is not null)
        {
            return CallbackFormatter.Describe(Callback);
        }
        return TaskCallbacks.Describe(Invoker) ?? "<callback>";
    }
}

/// <summary>
/// Cached invokers for the typed callback shapes. Every item that uses one was built by a typed method
/// (<c>CallSoon&lt;TState&gt;(Action&lt;TState&gt;, TState)</c>, <c>AddDoneCallback</c>, …) from exactly
/// these types, so the invokers reinterpret instead of casting: a cast to a type parameter in shared
/// generic code costs a type lookup and a cast helper per callback. Value types are still unboxed.
/// </summary>
internal static class Invokers<TState>
{
    /// <summary>Calls an <see cref="Action{T}"/> with the item's state.</summary>
    public static readonly ReadyInvoker ActionOfState =
        static (callback, state, _) => Unsafe.As<Action<TState>>(callback!)(Invokers.As<TState>(state));
}

/// <summary>Cached invokers for done-callbacks that carry their own state.</summary>
internal static class Invokers<TFuture, TState>
{
    /// <summary>Calls an <see cref="Action{T1, T2}"/> with the future and the callback's state.</summary>
    public static readonly ReadyInvoker ActionOfFutureAndState =
        static (callback, state, arg) => Unsafe.As<Action<TFuture, TState>>(callback!)(Invokers.As<TFuture>(state), Invokers.As<TState>(arg));
}

internal static class Invokers
{
    /// <summary>The object as <typeparamref name="T"/>, which it is (see <see cref="Invokers{TState}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T As<T>(object? value) => typeof(T).IsValueType ? (T)value! : Unsafe.As<object?, T>(ref value);
}
