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
/// One entry of the loop's ready queue: what to call, with what, in which context. 48 bytes: five
/// references and one word for the item's identity and flags (every reference stored into the queue's
/// array is a GC write barrier, so each kind of item stores as few as it can; a free slot's references
/// are null). The slots:
/// <list type="table">
/// <item><term><see cref="Callback"/></term><description>the user's delegate: an <see cref="Action"/>; an <see cref="Action{T}"/> or <see cref="Action{T1, T2}"/> of reference types called directly (<see cref="CallsWithState"/>, <see cref="CallsWithStateAndArg"/>); or a delegate <see cref="Invoker"/> calls (value-type states); null for the loop's own items (task steps, timers).</description></item>
/// <item><term><see cref="State"/></term><description>the first argument: a callback's state, the future that completed (done-callbacks), the task to step, or the due <see cref="TimerHandle"/>.</description></item>
/// <item><term><see cref="Arg"/></term><description>the second argument: a done-callback's own state (for a task's wake-up, the task).</description></item>
/// <item><term><see cref="Invoker"/></term><description>a cached static delegate that calls <see cref="Callback"/> with <see cref="State"/> and <see cref="Arg"/> (a value-type state, a task step or wake-up, a timer, the loop's own items); null when <see cref="Callback"/> is called directly. The shared invokers of reference-type callbacks (<see cref="Invokers.ActionOfObject"/>, <see cref="Invokers.ActionOfObjectAndObject"/>) are turned into flags by the constructor.</description></item>
/// <item><term><see cref="Context"/></term><description>the <see cref="ExecutionContext"/> to run in (asyncio's <c>context=</c>); null runs in the loop's own context. In the queue's slots the default context is a flag, the reference left null.</description></item>
/// <item><term>identity and flags (one <see cref="long"/>)</term><description><see cref="Id"/> (bits 4 and up): the item's position in the ready queue (set by <see cref="ReadyQueue.Enqueue"/>) or, for an item posted from another thread, minus its ticket — the id a <see cref="Handle"/> holds; bit 0 <see cref="Cancelled"/> (kept in the slot after the item left, for copies of its handle); bit 1 <see cref="CallsWithState"/>; bit 2 the default context (slots only, see <see cref="DefaultExecutionContext"/>); bit 3 <see cref="CallsWithStateAndArg"/>.</description></item>
/// </list>
/// The kinds of item: a plain callback (<c>CallSoon(Action)</c>: Callback); a callback with a
/// reference-type state (Callback, State, CallsWithState); with a value-type state (Callback, State,
/// Invoker = <see cref="Invokers{TState}.ActionOfState"/>); a done-callback of a completed future (State =
/// the future, Arg = its state, Callback and Invoker or flag as registered, see <see cref="DoneCallback"/>);
/// a task step (<see cref="TaskStep"/>: State = the task, Invoker = <see cref="TaskCallbacks.StepInvoker"/>);
/// a task's wake-up (State = the awaited future, Arg = the task, Invoker = <see cref="TaskCallbacks.WakeupInvoker"/>);
/// a due timer (State = the <see cref="TimerHandle"/>, Invoker = <see cref="TimerHandle.RunFromQueue"/>).
/// </summary>
internal struct ReadyItem
{
    private const long CancelledFlag = 1;
    private const long StateFlag = 2;
    private const long DefaultContextFlag = 4;
    private const long StateAndArgFlag = 8;
    private const long KeptFlags = CancelledFlag | StateFlag | DefaultContextFlag | StateAndArgFlag;
    private const int IdShift = 4;

    /// <summary>The user's delegate (see the table above).</summary>
    public Delegate? Callback;

    /// <summary>The first argument: a callback's state, the future that completed, the task to step, or the timer.</summary>
    public object? State;

    /// <summary>The second argument for <see cref="Invoker"/>: a done-callback's own state (the task to wake, for a task's wake-up).</summary>
    public object? Arg;

    /// <summary>How to call <see cref="Callback"/>; null when it is called directly.</summary>
    public ReadyInvoker? Invoker;

    /// <summary>Execution context to run in; null runs in the loop's own context.</summary>
    public ExecutionContext? Context;

    // Id << IdShift | flags (see the table above): a handle's identity and the cancelled flag stay in the slot after the item
    // was dequeued (until the slot is reused), so a copy of a handle still sees its cancel.
    private long _idAndFlags;

    public ReadyItem(Delegate? callback, object? state, object? arg, ReadyInvoker? invoker, ExecutionContext? context)
    {
        Callback = callback;
        State = state;
        Arg = arg;
        Invoker = invoker;
        Context = context;
        _idAndFlags = 0;
        // The shared invokers of reference-type callbacks become flags: the delegate is called directly
        // (one delegate call instead of two) and no invoker reference is stored (one write barrier fewer).
        if (ReferenceEquals(invoker, Invokers.ActionOfObject))
        {
            Invoker = null;
            _idAndFlags = StateFlag;
        }
        else if (ReferenceEquals(invoker, Invokers.ActionOfObjectAndObject))
        {
            Invoker = null;
            _idAndFlags = StateAndArgFlag;
        }
    }

    /// <summary>
    /// A callback called with <paramref name="state"/>: a reference-type state is passed to the delegate
    /// directly (one delegate call instead of an invoker calling the delegate), a value type through its invoker.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadyItem WithState<TState>(Action<TState> callback, TState state, ExecutionContext? context)
    {
        if (typeof(TState).IsValueType)
        {
            return new ReadyItem(callback, state, null, Invokers<TState>.ActionOfState, context);
        }
        var item = new ReadyItem(callback, Unsafe.As<TState, object?>(ref state), null, null, context);
        item._idAndFlags = StateFlag;
        return item;
    }

    /// <summary>The next step of <paramref name="task"/> (asyncio's <c>call_soon(task.__step)</c>).</summary>
    public static ReadyItem TaskStep(Future task) => new(null, task, null, TaskCallbacks.StepInvoker, null);

    /// <summary>
    /// The handle id: the position in the ready queue (positive) or minus the ticket of an item posted
    /// from another thread (negative); 0 before either was given.
    /// </summary>
    public long Id
    {
        readonly get => _idAndFlags >> IdShift;
        set => _idAndFlags = (value << IdShift) | (_idAndFlags & KeptFlags);
    }

    /// <summary>The ticket of an item posted from another thread; 0 for items queued on the loop thread.</summary>
    public readonly long Ticket => Id < 0 ? -Id : 0;

    /// <summary>Set by <see cref="Handle.Cancel"/>; a cancelled item is skipped.</summary>
    public bool Cancelled
    {
        readonly get => (_idAndFlags & CancelledFlag) != 0;
        set => _idAndFlags = value ? _idAndFlags | CancelledFlag : _idAndFlags & ~CancelledFlag;
    }

    /// <summary>True when <see cref="Callback"/> is an <see cref="Action{T}"/> of a reference type, called with <see cref="State"/>.</summary>
    public readonly bool CallsWithState => (_idAndFlags & StateFlag) != 0;

    /// <summary>True when <see cref="Callback"/> is an <see cref="Action{T1, T2}"/> of reference types, called with <see cref="State"/> and <see cref="Arg"/>.</summary>
    public readonly bool CallsWithStateAndArg => (_idAndFlags & StateAndArgFlag) != 0;

    /// <summary>The default-context flag in a stored <see cref="IdAndFlags"/> word.</summary>
    public static bool HasDefaultContextIn(long idAndFlags) => (idAndFlags & DefaultContextFlag) != 0;

    /// <summary>The flag that stands for <see cref="DefaultExecutionContext.Instance"/> in a slot whose <see cref="Context"/> is left null.</summary>
    public static long DefaultContextBit => DefaultContextFlag;

    /// <summary>The flags of this item with <paramref name="id"/> as its identity (what the queue stores).</summary>
    internal readonly long IdAndFlagsWith(long id) => (id << IdShift) | (_idAndFlags & KeptFlags);

    /// <summary>The id in a stored <see cref="IdAndFlags"/> word.</summary>
    public static long IdOf(long idAndFlags) => idAndFlags >> IdShift;

    /// <summary>The cancelled flag in a stored <see cref="IdAndFlags"/> word.</summary>
    public static bool IsCancelledIn(long idAndFlags) => (idAndFlags & CancelledFlag) != 0;

    /// <summary>The identity and flags word, as the queue stores it.</summary>
    internal long IdAndFlags
    {
        readonly get => _idAndFlags;
        set => _idAndFlags = value;
    }

    public readonly void Invoke() => Invoke(Callback, State, Arg, Invoker, _idAndFlags);

    /// <summary>Calls a dequeued item from its parts (the loop reads them out of the slot and clears it first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Invoke(Delegate? callback, object? state, object? arg, ReadyInvoker? invoker, long idAndFlags)
    {
        if (invoker is not null)
        {
            invoker(callback, state, arg);
        }
        else if ((idAndFlags & StateFlag) != 0)
        {
            // An Action<T> of a reference type T: called as the Action<object?> it is to the runtime
            // (same signature for every reference type), so no cast or invoker is needed.
            Unsafe.As<Action<object?>>(callback!)(state);
        }
        else if ((idAndFlags & StateAndArgFlag) != 0)
        {
            // An Action<TFuture, TState> of reference types (a done-callback with its own state).
            Unsafe.As<Action<object?, object?>>(callback!)(state, arg);
        }
        else
        {
            Unsafe.As<Action>(callback!)();
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
    /// <summary>
    /// Calls an <see cref="Action{T}"/> with the item's state. For a reference type it is the shared
    /// <see cref="Invokers.ActionOfObject"/>, which a <see cref="ReadyItem"/> turns into a flag.
    /// </summary>
    public static readonly ReadyInvoker ActionOfState = typeof(TState).IsValueType
        ? static (callback, state, _) => Unsafe.As<Action<TState>>(callback!)(Invokers.As<TState>(state))
        : Invokers.ActionOfObject;
}

/// <summary>Cached invokers for done-callbacks that carry their own state.</summary>
internal static class Invokers<TFuture, TState>
{
    /// <summary>
    /// Calls an <see cref="Action{T1, T2}"/> with the future and the callback's state. For reference
    /// types it is the shared <see cref="Invokers.ActionOfObjectAndObject"/>, which a <see cref="ReadyItem"/> turns into a flag.
    /// </summary>
    public static readonly ReadyInvoker ActionOfFutureAndState = typeof(TFuture).IsValueType || typeof(TState).IsValueType
        ? static (callback, state, arg) => Unsafe.As<Action<TFuture, TState>>(callback!)(Invokers.As<TFuture>(state), Invokers.As<TState>(arg))
        : Invokers.ActionOfObjectAndObject;
}

internal static class Invokers
{
    /// <summary>Calls an <see cref="Action{T}"/> of any reference type, as the <see cref="Action{T}"/> of <see cref="object"/> it is to the runtime.</summary>
    public static readonly ReadyInvoker ActionOfObject = static (callback, state, _) => Unsafe.As<Action<object?>>(callback!)(state);

    /// <summary>Calls an <see cref="Action{T1, T2}"/> of any two reference types the same way.</summary>
    public static readonly ReadyInvoker ActionOfObjectAndObject = static (callback, state, arg) => Unsafe.As<Action<object?, object?>>(callback!)(state, arg);

    /// <summary>The object as <typeparamref name="T"/>, which it is (see <see cref="Invokers{TState}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T As<T>(object? value) => typeof(T).IsValueType ? (T)value! : Unsafe.As<object?, T>(ref value);
}
