using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Helpers;

/// <summary>
/// The AsyncioGen and BCL types the usage rules (AIO002, 003, 006, 007, 010, 013, 015, 016) need,
/// resolved once per compilation. <see cref="Create"/> returns null when the runtime is not referenced.
/// </summary>
internal sealed class UsageSymbols
{
    public INamedTypeSymbol Future { get; }
    public INamedTypeSymbol FutureOfT { get; }
    public INamedTypeSymbol FutureTask { get; }
    public INamedTypeSymbol FutureTaskOfT { get; }
    public INamedTypeSymbol EventLoop { get; }
    public INamedTypeSymbol? Asyncio { get; }
    public INamedTypeSymbol? IFutureTask { get; }
    public INamedTypeSymbol? CancelledError { get; }
    public INamedTypeSymbol? OperationCanceledException { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }

    private UsageSymbols(Compilation compilation, INamedTypeSymbol future, INamedTypeSymbol futureOfT, INamedTypeSymbol futureTask, INamedTypeSymbol futureTaskOfT, INamedTypeSymbol eventLoop)
    {
        Future = future;
        FutureOfT = futureOfT;
        FutureTask = futureTask;
        FutureTaskOfT = futureTaskOfT;
        EventLoop = eventLoop;
        Asyncio = compilation.GetTypeByMetadataName("AsyncioGen.Asyncio");
        IFutureTask = compilation.GetTypeByMetadataName("AsyncioGen.IFutureTask");
        CancelledError = compilation.GetTypeByMetadataName("AsyncioGen.CancelledError");
        OperationCanceledException = compilation.GetTypeByMetadataName("System.OperationCanceledException");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
    }

    /// <summary>The symbols, or null if the AsyncioGen runtime is not referenced (the rules then do nothing).</summary>
    public static UsageSymbols? Create(Compilation compilation)
    {
        INamedTypeSymbol? future = compilation.GetTypeByMetadataName("AsyncioGen.Future");
        INamedTypeSymbol? futureOfT = compilation.GetTypeByMetadataName("AsyncioGen.Future`1");
        INamedTypeSymbol? futureTask = compilation.GetTypeByMetadataName("AsyncioGen.FutureTask");
        INamedTypeSymbol? futureTaskOfT = compilation.GetTypeByMetadataName("AsyncioGen.FutureTask`1");
        INamedTypeSymbol? eventLoop = compilation.GetTypeByMetadataName("AsyncioGen.EventLoop");
        if (future is null || futureOfT is null || futureTask is null || futureTaskOfT is null || eventLoop is null)
        {
            return null;
        }
        // Never analyze the runtime itself: it is where the invariants are implemented.
        if (SymbolEqualityComparer.Default.Equals(future.ContainingAssembly, compilation.Assembly))
        {
            return null;
        }
        return new UsageSymbols(compilation, future, futureOfT, futureTask, futureTaskOfT, eventLoop);
    }

    /// <summary>See <see cref="TypeHierarchy.DerivesFrom"/>.</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? target) => TypeHierarchy.DerivesFrom(type, target);

    public static bool IsType(ITypeSymbol? type, INamedTypeSymbol? target) =>
        type is not null && target is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, target);

    /// <summary>A task of AsyncioGen: FutureTask, FutureTask&lt;T&gt; or a type derived from them.</summary>
    public bool IsFutureTask(ITypeSymbol? type) =>
        type is not null && type.TypeKind != TypeKind.Error && (DerivesFrom(type, FutureTask) || DerivesFrom(type, FutureTaskOfT));

    /// <summary>A future that is not a task: Future, Future&lt;T&gt; or a derived type other than the FutureTasks.</summary>
    public bool IsPlainFuture(ITypeSymbol? type) =>
        type is not null && type.TypeKind != TypeKind.Error && DerivesFrom(type, Future) && !IsFutureTask(type);

    /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; of the BCL.</summary>
    public bool IsBclTask(ITypeSymbol? type) =>
        type is not null && type.TypeKind != TypeKind.Error
        && (DerivesFrom(type, Task) || IsType(type, ValueTask) || IsType(type, ValueTaskOfT));

    /// <summary>An AsyncioGen coroutine: an async method, local function or lambda returning FutureTask or FutureTask&lt;T&gt;.</summary>
    public bool IsCoroutine(IMethodSymbol? method) =>
        method is not null && method.IsAsync
        && (IsType(method.ReturnType, FutureTask) || IsType(method.ReturnType, FutureTaskOfT));

    /// <summary>True for a type declared in the AsyncioGen runtime (namespace AsyncioGen, same assembly as Future).</summary>
    public bool IsRuntimeType(ITypeSymbol? type) =>
        type is not null && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, Future.ContainingAssembly);

    /// <summary>
    /// The syntax of the function (method, accessor, local function, lambda, anonymous method) whose
    /// body contains <paramref name="node"/>, or null at type level.
    /// </summary>
    public static SyntaxNode? EnclosingFunctionSyntax(SyntaxNode node)
    {
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                case PropertyDeclarationSyntax:
                case IndexerDeclarationSyntax:
                    return current;
                case BaseTypeDeclarationSyntax:
                case CompilationUnitSyntax:
                    return current is CompilationUnitSyntax ? current : null;
            }
        }
        return null;
    }

    /// <summary>The symbol of the function whose body contains <paramref name="node"/> (top-level statements: the synthesized Main).</summary>
    public static IMethodSymbol? EnclosingFunction(SyntaxNode node, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        SyntaxNode? function = EnclosingFunctionSyntax(node);
        switch (function)
        {
            case null:
                return null;
            case AnonymousFunctionExpressionSyntax lambda:
                return model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol;
            case CompilationUnitSyntax:
                return model.GetEnclosingSymbol(node.SpanStart, cancellationToken) as IMethodSymbol;
            case PropertyDeclarationSyntax property:
                return (model.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod;
            case IndexerDeclarationSyntax indexer:
                return (model.GetDeclaredSymbol(indexer, cancellationToken) as IPropertySymbol)?.GetMethod;
            default:
                return model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;
        }
    }

    /// <summary>True when <paramref name="node"/> sits directly (not in a nested function) in a coroutine.</summary>
    public bool IsInCoroutine(SyntaxNode node, SemanticModel model, System.Threading.CancellationToken cancellationToken) =>
        IsCoroutine(EnclosingFunction(node, model, cancellationToken));

    /// <summary>The callback-taking loop and future methods (AIO010, AIO013).</summary>
    public static readonly ImmutableHashSet<string> CallbackMethodNames =
        ImmutableHashSet.Create("CallSoon", "CallSoonThreadsafe", "CallLater", "CallAt", "AddDoneCallback");

    /// <summary>True for CallSoon/CallSoonThreadsafe/CallLater/CallAt on EventLoop (or derived) and AddDoneCallback on a future.</summary>
    public bool IsLoopCallbackMethod(IMethodSymbol? method)
    {
        if (method is null || !CallbackMethodNames.Contains(method.Name))
        {
            return false;
        }
        INamedTypeSymbol? type = method.ContainingType;
        return method.Name == "AddDoneCallback" ? DerivesFrom(type, Future) : DerivesFrom(type, EventLoop);
    }

    /// <summary>The lambda or anonymous method an argument holds, looking through conversions and delegate creations.</summary>
    public static IAnonymousFunctionOperation? AsAnonymousFunction(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IDelegateCreationOperation creation:
                    operation = creation.Target;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                case IAnonymousFunctionOperation function:
                    return function;
                default:
                    return null;
            }
        }
    }

    /// <summary>The method group an argument holds (a delegate created from a method reference), if any.</summary>
    public static IMethodReferenceOperation? AsMethodReference(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IDelegateCreationOperation creation:
                    operation = creation.Target;
                    break;
                case IMethodReferenceOperation reference:
                    return reference;
                default:
                    return null;
            }
        }
    }

    /// <summary>True when <paramref name="operation"/> sits inside a nameof(...).</summary>
    public static bool IsInNameOf(IOperation operation)
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The operations of a subtree, not descending into nested lambdas and local functions.</summary>
    public static System.Collections.Generic.IEnumerable<IOperation> DescendantsInSameFunction(IOperation root)
    {
        var stack = new System.Collections.Generic.Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            yield return current;
            foreach (IOperation child in current.ChildOperations.Reverse())
            {
                if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }
                stack.Push(child);
            }
        }
    }
}
