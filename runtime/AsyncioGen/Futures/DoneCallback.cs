using System;
using System.Threading;

namespace AsyncioGen;

/// <summary>A registered done-callback: becomes a <see cref="ReadyItem"/> (with the future as its state) when the future is done.</summary>
internal readonly struct DoneCallback
{
    public readonly Delegate? Callback;
    public readonly object? Arg;
    public readonly ReadyInvoker? Invoker;
    public readonly ExecutionContext? Context;

    public DoneCallback(Delegate? callback, object? arg, ReadyInvoker? invoker, ExecutionContext? context)
    {
        Callback = callback;
        Arg = arg;
        Invoker = invoker;
        Context = context;
    }

    public bool IsEmpty => Callback is null && Invoker is null;

    public string Describe() =>
        Callback is not null ? CallbackFormatter.Describe(Callback) : TaskCallbacks.Describe(Invoker) ?? "<callback>";
}
