using AsyncioGen.Analyzers.Helpers;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Flow;

/// <summary>
/// The AsyncioGen and BCL symbols the flow and threading rules need, resolved once per compilation.
/// <see cref="TryCreate"/> returns null when the AsyncioGen runtime is not referenced.
/// </summary>
internal sealed class FlowSymbols
{
    public INamedTypeSymbol Future { get; }
    public INamedTypeSymbol? FutureOfT { get; }
    public INamedTypeSymbol? FutureTask { get; }
    public INamedTypeSymbol? FutureTaskOfT { get; }
    public INamedTypeSymbol EventLoop { get; }
    public INamedTypeSymbol? Asyncio { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? TaskFactoryOfT { get; }
    public INamedTypeSymbol? ThreadPool { get; }
    public INamedTypeSymbol? Timer { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? InvalidStateError { get; }

    private FlowSymbols(Compilation compilation, INamedTypeSymbol future, INamedTypeSymbol loop)
    {
        Future = future;
        EventLoop = loop;
        FutureOfT = compilation.GetTypeByMetadataName("AsyncioGen.Future`1");
        FutureTask = compilation.GetTypeByMetadataName("AsyncioGen.FutureTask");
        FutureTaskOfT = compilation.GetTypeByMetadataName("AsyncioGen.FutureTask`1");
        Asyncio = compilation.GetTypeByMetadataName("AsyncioGen.Asyncio");
        InvalidStateError = compilation.GetTypeByMetadataName("AsyncioGen.InvalidStateError");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
        ThreadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
        Timer = compilation.GetTypeByMetadataName("System.Threading.Timer");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
    }

    public static FlowSymbols? TryCreate(Compilation compilation)
    {
        INamedTypeSymbol? future = compilation.GetTypeByMetadataName("AsyncioGen.Future");
        INamedTypeSymbol? loop = compilation.GetTypeByMetadataName("AsyncioGen.EventLoop");
        if (future is null || loop is null || future.TypeKind == TypeKind.Error || loop.TypeKind == TypeKind.Error)
        {
            return null;
        }
        // Never analyze the runtime itself: it is where the invariants are implemented.
        if (SymbolEqualityComparer.Default.Equals(future.ContainingAssembly, compilation.Assembly))
        {
            return null;
        }
        return new FlowSymbols(compilation, future, loop);
    }

    /// <summary>See <see cref="TypeHierarchy.DerivesFrom"/>.</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? target) => TypeHierarchy.DerivesFrom(type, target);

    /// <summary>Future, Future&lt;T&gt;, or anything derived (tasks included).</summary>
    public bool IsFuture(ITypeSymbol? type) => type is not null && type.TypeKind != TypeKind.Error && DerivesFrom(type, Future);

    /// <summary>FutureTask, FutureTask&lt;T&gt; or derived.</summary>
    public bool IsFutureTask(ITypeSymbol? type) => DerivesFrom(type, FutureTask) || DerivesFrom(type, FutureTaskOfT);

    public bool IsEventLoop(ITypeSymbol? type) => type is not null && type.TypeKind != TypeKind.Error && DerivesFrom(type, EventLoop);

    /// <summary>A method declared on Future/Future&lt;T&gt; (or a task type) with one of the given names.</summary>
    public bool IsFutureMethod(IMethodSymbol? method, params string[] names)
    {
        if (method is null || !IsFuture(method.ContainingType))
        {
            return false;
        }
        foreach (string name in names)
        {
            if (method.Name == name)
            {
                return true;
            }
        }
        return false;
    }

    public bool IsLoopMethod(IMethodSymbol? method, params string[] names)
    {
        if (method is null || !IsEventLoop(method.ContainingType))
        {
            return false;
        }
        foreach (string name in names)
        {
            if (method.Name == name)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>SetResult or SetException on a future (the completions that throw on a done future).</summary>
    public bool IsSetCompletion(IInvocationOperation invocation) =>
        IsFutureMethod(invocation.TargetMethod, "SetResult", "SetException");

    /// <summary>SetResult, SetException or Cancel on a future.</summary>
    public bool IsAnyCompletion(IInvocationOperation invocation) =>
        IsFutureMethod(invocation.TargetMethod, "SetResult", "SetException", "Cancel");

    /// <summary>An async method, local function or lambda whose return type is a FutureTask: a coroutine.</summary>
    public bool IsCoroutine(IMethodSymbol? method) =>
        method is not null && method.IsAsync && IsFutureTask(method.ReturnType);

    public static readonly ImmutableArray<string> LoopCallbackMethods =
        ImmutableArray.Create("CallSoon", "CallLater", "CallAt", "CallSoonThreadsafe");
}
