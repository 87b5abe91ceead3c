using System;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace AsyncioGen;

/// <summary>
/// Awaits an object of a type known only at run time through the await pattern (<c>GetAwaiter()</c>,
/// <c>IsCompleted</c>, <c>GetResult()</c>, <see cref="INotifyCompletion"/>), for
/// <see cref="Asyncio.EnsureFuture(object, EventLoop?)"/>. Reflection is acceptable here: this is the
/// untyped fallback; typed code awaits directly.
/// </summary>
internal readonly struct DynamicAwaitable
{
    private readonly object _awaitable;

    public DynamicAwaitable(object awaitable) => _awaitable = awaitable;

    public static bool IsAwaitable(Type type)
    {
        MethodInfo? getAwaiter = type.GetMethod("GetAwaiter", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (getAwaiter is null)
        {
            return false;
        }
        Type awaiter = getAwaiter.ReturnType;
        return typeof(INotifyCompletion).IsAssignableFrom(awaiter)
            && awaiter.GetProperty("IsCompleted", BindingFlags.Public | BindingFlags.Instance)?.PropertyType == typeof(bool)
            && awaiter.GetMethod("GetResult", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null;
    }

    public Awaiter GetAwaiter()
    {
        MethodInfo getAwaiter = _awaitable.GetType().GetMethod("GetAwaiter", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!;
        return new Awaiter(Invoke(getAwaiter, _awaitable)!);
    }

    private static object? Invoke(MethodInfo method, object target) =>
        method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, parameters: null, culture: null);

    /// <summary>Forwards to the boxed awaiter of the awaitable.</summary>
    public readonly struct Awaiter : INotifyCompletion
    {
        private readonly object _awaiter;

        public Awaiter(object awaiter) => _awaiter = awaiter;

        public bool IsCompleted => (bool)_awaiter.GetType().GetProperty("IsCompleted")!.GetValue(_awaiter)!;

        public object? GetResult()
        {
            MethodInfo getResult = _awaiter.GetType().GetMethod("GetResult", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!;
            // DoNotWrapExceptions: the awaitable's own exception comes out, not a TargetInvocationException.
            return Invoke(getResult, _awaiter);
        }

        public void OnCompleted(Action continuation) => ((INotifyCompletion)_awaiter).OnCompleted(continuation);
    }
}
