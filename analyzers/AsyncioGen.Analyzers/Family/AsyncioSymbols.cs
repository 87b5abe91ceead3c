using System.Runtime.CompilerServices;
using AsyncioGen.Analyzers.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Family;

/// <summary>
/// The one symbol catalogue of the analyzers: the AsyncioGen and BCL types the rules need, resolved
/// once per compilation and shared by every rule, and the sorting of loop, future and BCL members by
/// role (<see cref="RoleOf"/>). <see cref="For"/> returns null when the compilation does not
/// reference the AsyncioGen runtime, or is the runtime itself: then no rule registers anything.
/// </summary>
internal sealed class AsyncioSymbols
{
    // One catalogue per compilation for all rules (each rule's compilation-start action asks for it).
    private static readonly ConditionalWeakTable<Compilation, Box> s_cache = new();

    public INamedTypeSymbol Future { get; }
    public INamedTypeSymbol FutureOfT { get; }
    public INamedTypeSymbol FutureTask { get; }
    public INamedTypeSymbol FutureTaskOfT { get; }
    public INamedTypeSymbol EventLoop { get; }
    public INamedTypeSymbol? Asyncio { get; }
    public INamedTypeSymbol? TaskGroup { get; }
    public INamedTypeSymbol? IFutureTask { get; }
    public INamedTypeSymbol? CancelledError { get; }
    public INamedTypeSymbol? InvalidStateError { get; }
    public INamedTypeSymbol? OperationCanceledException { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? TaskFactoryOfT { get; }
    public INamedTypeSymbol? ThreadPool { get; }
    public INamedTypeSymbol? Timer { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? SynchronizationContext { get; }

    private AsyncioSymbols(Compilation compilation, INamedTypeSymbol future, INamedTypeSymbol futureOfT, INamedTypeSymbol futureTask, INamedTypeSymbol futureTaskOfT, INamedTypeSymbol eventLoop)
    {
        Future = future;
        FutureOfT = futureOfT;
        FutureTask = futureTask;
        FutureTaskOfT = futureTaskOfT;
        EventLoop = eventLoop;
        Asyncio = compilation.GetTypeByMetadataName("AsyncioGen.Asyncio");
        TaskGroup = compilation.GetTypeByMetadataName("AsyncioGen.TaskGroup");
        IFutureTask = compilation.GetTypeByMetadataName("AsyncioGen.IFutureTask");
        CancelledError = compilation.GetTypeByMetadataName("AsyncioGen.CancelledError");
        InvalidStateError = compilation.GetTypeByMetadataName("AsyncioGen.InvalidStateError");
        OperationCanceledException = compilation.GetTypeByMetadataName("System.OperationCanceledException");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        TaskFactory = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.TaskFactory`1");
        ThreadPool = compilation.GetTypeByMetadataName("System.Threading.ThreadPool");
        Timer = compilation.GetTypeByMetadataName("System.Threading.Timer");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        SynchronizationContext = compilation.GetTypeByMetadataName("System.Threading.SynchronizationContext");
    }

    /// <summary>The catalogue of <paramref name="compilation"/>, or null when the rules have nothing to look at.</summary>
    public static AsyncioSymbols? For(Compilation compilation) =>
        s_cache.GetValue(compilation, static c => new Box(Create(c))).Symbols;

    private static AsyncioSymbols? Create(Compilation compilation)
    {
        // The only work a compilation that does not reference AsyncioGen pays: one symbol lookup.
        INamedTypeSymbol? future = compilation.GetTypeByMetadataName("AsyncioGen.Future");
        if (future is null || future.TypeKind == TypeKind.Error)
        {
            return null;
        }
        // Never analyze the runtime itself: it is where the invariants are implemented.
        if (SymbolEqualityComparer.Default.Equals(future.ContainingAssembly, compilation.Assembly))
        {
            return null;
        }
        INamedTypeSymbol? futureOfT = compilation.GetTypeByMetadataName("AsyncioGen.Future`1");
        INamedTypeSymbol? futureTask = compilation.GetTypeByMetadataName("AsyncioGen.FutureTask");
        INamedTypeSymbol? futureTaskOfT = compilation.GetTypeByMetadataName("AsyncioGen.FutureTask`1");
        INamedTypeSymbol? eventLoop = compilation.GetTypeByMetadataName("AsyncioGen.EventLoop");
        if (futureOfT is null || futureTask is null || futureTaskOfT is null || eventLoop is null)
        {
            return null;
        }
        return new AsyncioSymbols(compilation, future, futureOfT, futureTask, futureTaskOfT, eventLoop);
    }

    private sealed class Box
    {
        public Box(AsyncioSymbols? symbols) => Symbols = symbols;

        public AsyncioSymbols? Symbols { get; }
    }

    /// <summary>Future, Future&lt;T&gt;, or anything derived (tasks included).</summary>
    public bool IsFuture(ITypeSymbol? type) => type is not null && type.TypeKind != TypeKind.Error && TypeHierarchy.DerivesFrom(type, Future);

    /// <summary>A task of AsyncioGen: FutureTask, FutureTask&lt;T&gt; or a type derived from them.</summary>
    public bool IsFutureTask(ITypeSymbol? type) =>
        type is not null && type.TypeKind != TypeKind.Error && (TypeHierarchy.DerivesFrom(type, FutureTask) || TypeHierarchy.DerivesFrom(type, FutureTaskOfT));

    /// <summary>A future that is not a task.</summary>
    public bool IsPlainFuture(ITypeSymbol? type) => IsFuture(type) && !IsFutureTask(type);

    public bool IsEventLoop(ITypeSymbol? type) => type is not null && type.TypeKind != TypeKind.Error && TypeHierarchy.DerivesFrom(type, EventLoop);

    /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; of the BCL.</summary>
    public bool IsBclTask(ITypeSymbol? type) =>
        type is not null && type.TypeKind != TypeKind.Error
        && (TypeHierarchy.DerivesFrom(type, Task) || TypeHierarchy.IsType(type, ValueTask) || TypeHierarchy.IsType(type, ValueTaskOfT));

    /// <summary>The one definition of a coroutine: an async method, local function or lambda returning a FutureTask.</summary>
    public bool IsCoroutine(IMethodSymbol? method) => method is not null && method.IsAsync && IsFutureTask(method.ReturnType);

    /// <summary>True when <paramref name="node"/> sits directly (not in a nested function) in a coroutine.</summary>
    public bool IsInCoroutine(SyntaxNode node, SemanticModel model, System.Threading.CancellationToken cancellationToken) =>
        IsCoroutine(CodeShape.EnclosingFunction(node, model, cancellationToken));

    /// <summary>True for a type declared in the AsyncioGen runtime assembly.</summary>
    public bool IsRuntimeType(ITypeSymbol? type) =>
        type is not null && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, Future.ContainingAssembly);

    /// <summary>A method of a future (or task) with one of the given names.</summary>
    public bool IsFutureMethod(IMethodSymbol? method, params string[] names) =>
        method is not null && IsFuture(method.ContainingType) && System.Array.IndexOf(names, method.Name) >= 0;

    /// <summary>A method of an event loop with one of the given names.</summary>
    public bool IsLoopMethod(IMethodSymbol? method, params string[] names) =>
        method is not null && IsEventLoop(method.ContainingType) && System.Array.IndexOf(names, method.Name) >= 0;

    /// <summary>SetResult or SetException on a future (the completions that throw on a done future).</summary>
    public bool IsSetCompletion(IInvocationOperation invocation) =>
        RoleOf(invocation.TargetMethod) == MemberRole.Completion && invocation.TargetMethod.Name != "Cancel";

    /// <summary>SetResult, SetException or Cancel on a future.</summary>
    public bool IsAnyCompletion(IInvocationOperation invocation) => RoleOf(invocation.TargetMethod) == MemberRole.Completion;

    /// <summary>A method whose delegate argument runs on the loop: CallSoon, CallLater, CallAt, CallSoonThreadsafe, AddDoneCallback.</summary>
    public bool IsLoopCallbackMethod(IMethodSymbol? method) =>
        RoleOf(method) is MemberRole.SchedulesOnLoop or MemberRole.DoneCallback
        || RoleOf(method) == MemberRole.ThreadSafeEntry && IsEventLoop(method!.ContainingType);

    /// <summary>What <paramref name="method"/> is to the rules (see <see cref="MemberRole"/>).</summary>
    public MemberRole RoleOf(IMethodSymbol? method)
    {
        if (method?.ContainingType is not { } type || type.TypeKind == TypeKind.Error)
        {
            return MemberRole.None;
        }
        string name = method.Name;
        if (method.MethodKind == MethodKind.Constructor)
        {
            return TypeHierarchy.DerivesFrom(type, Timer) || TypeHierarchy.DerivesFrom(type, Thread) ? MemberRole.RunsOffLoop : MemberRole.None;
        }
        if (IsEventLoop(type))
        {
            return name switch
            {
                "CallSoon" or "CallLater" or "CallAt" => MemberRole.SchedulesOnLoop,
                "CallSoonThreadsafe" => MemberRole.ThreadSafeEntry,
                "RunInExecutor" => MemberRole.RunsOffLoop,
                "RunUntilComplete" or "RunForever" => MemberRole.RunsLoop,
                "CreateFuture" or "CreateTask" or "Stop" or "Close" => MemberRole.LoopThreadOnly,
                _ => MemberRole.None,
            };
        }
        if (IsFuture(type))
        {
            return name switch
            {
                "AddDoneCallback" => MemberRole.DoneCallback,
                "SetResult" or "SetException" or "Cancel" => MemberRole.Completion,
                "GetResult" or "GetException" => MemberRole.ResultRead,
                "RemoveDoneCallback" => MemberRole.LoopThreadOnly,
                _ => MemberRole.None,
            };
        }
        if (name == "Run" && TypeHierarchy.IsType(type, Asyncio))
        {
            return MemberRole.RunsLoop;
        }
        if (name is "Post" or "Send" && TypeHierarchy.DerivesFrom(type, SynchronizationContext))
        {
            return MemberRole.ThreadSafeEntry;
        }
        bool offLoop = name switch
        {
            "Run" => method.IsStatic && TypeHierarchy.DerivesFrom(type, Task),
            "StartNew" => TypeHierarchy.DerivesFrom(type, TaskFactory) || TypeHierarchy.DerivesFrom(type, TaskFactoryOfT),
            "ContinueWith" => TypeHierarchy.DerivesFrom(type, Task),
            "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" => TypeHierarchy.IsType(type, ThreadPool),
            "Register" or "UnsafeRegister" => TypeHierarchy.IsType(type, CancellationToken),
            _ => false,
        };
        return offLoop ? MemberRole.RunsOffLoop : MemberRole.None;
    }
}
