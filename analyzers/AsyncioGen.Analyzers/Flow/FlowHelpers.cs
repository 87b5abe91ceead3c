using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Helpers;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Flow;

/// <summary>Where a lambda runs, judged by what it is passed to.</summary>
internal enum LambdaContextKind
{
    /// <summary>Not recognised: stored, invoked synchronously, passed to an unknown API.</summary>
    Unknown,
    /// <summary>CallSoon/CallLater/CallAt: runs on the loop later.</summary>
    LoopCallback,
    /// <summary>CallSoonThreadsafe: runs on the loop later (scheduled from any thread).</summary>
    ThreadsafeLoopCallback,
    /// <summary>AddDoneCallback: runs on the loop when the receiver is done.</summary>
    DoneCallback,
    /// <summary>Task.Run, StartNew, ThreadPool, Timer, Thread, ContinueWith: runs on another thread.</summary>
    OffLoop,
    /// <summary>An event handler (<c>x.Event += (s, e) =&gt; ...</c>).</summary>
    EventHandler,
    /// <summary>A void-returning delegate passed to a user (non-BCL) API: a completion callback.</summary>
    UserCallback,
}

internal readonly struct LambdaContext
{
    public LambdaContext(LambdaContextKind kind, string description, IOperation? call)
    {
        Kind = kind;
        Description = description;
        Call = call;
    }

    public LambdaContextKind Kind { get; }

    /// <summary>For off-loop contexts: "a Task.Run callback" and so on.</summary>
    public string Description { get; }

    /// <summary>The invocation or object creation the lambda is passed to, if any.</summary>
    public IOperation? Call { get; }
}

internal static class FlowHelpers
{
    public static IOperation? StripConversions(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { IsImplicit: true } conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The local, parameter or field (of this instance or static) an expression names, or null.</summary>
    public static ISymbol? GetVariable(IOperation? operation)
    {
        operation = StripConversions(operation);
        return operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation => field.Field,
            _ => null,
        };
    }

    /// <summary>
    /// Like <see cref="GetVariable"/>, and for a future reached through a member, an indexer or a method
    /// (<c>_pending[id]</c>, <c>state.Future</c>, <c>s.f</c> of a tuple, <c>_pending.GetValueOrDefault(id)</c>) that member itself, so a
    /// flow rule can follow a check of that expression to its completion. Every access of one member
    /// shares the key (a check of <c>_pending[a]</c> counts for <c>_pending[b]</c>): an approximation that
    /// can hide a report, never add one.
    /// </summary>
    public static ISymbol? GetAccessKey(IOperation? operation)
    {
        operation = StripConversions(ConditionalReceiver(operation));
        return operation switch
        {
            IPropertyReferenceOperation property => property.Property,
            IFieldReferenceOperation field => field.Field,
            // _pending.GetValueOrDefault(id): a future looked up by a method (one that makes a new future is
            // a creation and has no key: nobody else holds it).
            IInvocationOperation { TargetMethod: var method } when method.Name != "CreateFuture" => method.OriginalDefinition,
            _ => GetVariable(operation),
        };
    }

    /// <summary>
    /// Recognises <c>f.IsDone</c>, <c>f.IsCancelled</c>, <c>!f.IsDone</c>, <c>f.IsDone == false</c> and the like.
    /// <paramref name="propertyValue"/> is the value of the property when the condition is true.
    /// </summary>
    public static bool TryParseFutureCheck(IOperation condition, AsyncioSymbols symbols, out ISymbol variable, out string property, out bool propertyValue,
        bool accessPaths = false)
    {
        variable = null!;
        property = "";
        propertyValue = true;
        condition = StripConversions(condition)!;
        bool negate = false;
        while (true)
        {
            if (condition is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
            {
                negate = !negate;
                condition = StripConversions(not.Operand)!;
            }
            else if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary
                && (binary.RightOperand.ConstantValue.HasValue && binary.RightOperand.ConstantValue.Value is bool
                    || binary.LeftOperand.ConstantValue.HasValue && binary.LeftOperand.ConstantValue.Value is bool))
            {
                bool rightConstant = binary.RightOperand.ConstantValue.HasValue && binary.RightOperand.ConstantValue.Value is bool;
                bool constant = (bool)(rightConstant ? binary.RightOperand.ConstantValue.Value! : binary.LeftOperand.ConstantValue.Value!);
                if (!constant)
                {
                    negate = !negate;
                }
                if (binary.OperatorKind == BinaryOperatorKind.NotEquals)
                {
                    negate = !negate;
                }
                condition = StripConversions(rightConstant ? binary.LeftOperand : binary.RightOperand)!;
            }
            else
            {
                break;
            }
        }
        if (condition is IPropertyReferenceOperation { Property.Name: "IsDone" or "IsCancelled" } reference
            && symbols.IsFuture(reference.Property.ContainingType)
            && (accessPaths ? GetAccessKey(reference.Instance) : GetVariable(reference.Instance)) is { } v)
        {
            variable = v;
            property = reference.Property.Name;
            propertyValue = !negate;
            return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="symbol"/> is declared inside <paramref name="function"/> (or a function nested in it).</summary>
    public static bool IsDeclaredWithin(ISymbol symbol, ISymbol function)
    {
        for (ISymbol? s = symbol.ContainingSymbol; s is not null; s = s.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(s, function))
            {
                return true;
            }
            if (s is INamedTypeSymbol)
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>The locals and parameters of an enclosing scope (and fields) that <paramref name="lambda"/> references.</summary>
    public static HashSet<ISymbol> CapturedVariables(IOperation lambda, IMethodSymbol lambdaSymbol)
    {
        var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation node in lambda.Descendants())
        {
            ISymbol? symbol = node switch
            {
                ILocalReferenceOperation l => l.Local,
                IParameterReferenceOperation p => p.Parameter,
                _ => null,
            };
            if (symbol is not null && !IsDeclaredWithin(symbol, lambdaSymbol))
            {
                result.Add(symbol);
            }
        }
        return result;
    }

    /// <summary>Classifies a lambda or anonymous method by the call or event it is passed to.</summary>
    public static LambdaContext ClassifyLambda(IOperation lambda, AsyncioSymbols symbols)
    {
        IOperation? parent = CodeShape.UseOfDelegate(lambda);
        if (parent is IEventAssignmentOperation { Adds: true })
        {
            return new LambdaContext(LambdaContextKind.EventHandler, "an event handler", parent);
        }
        if (parent is not IArgumentOperation argument)
        {
            return default;
        }
        return argument.Parent switch
        {
            IInvocationOperation invocation => ClassifyCall(invocation, invocation.TargetMethod, argument, symbols),
            IObjectCreationOperation { Constructor: { } constructor } creation => ClassifyCall(creation, constructor, argument, symbols),
            _ => default,
        };
    }

    /// <summary>Where a delegate argument of <paramref name="method"/> runs, by the method's role in the catalogue.</summary>
    private static LambdaContext ClassifyCall(IOperation call, IMethodSymbol method, IArgumentOperation argument, AsyncioSymbols symbols)
    {
        INamedTypeSymbol? type = method.ContainingType;
        if (type is null)
        {
            return default;
        }
        switch (symbols.RoleOf(method))
        {
            case MemberRole.SchedulesOnLoop:
                return new LambdaContext(LambdaContextKind.LoopCallback, method.Name, call);
            case MemberRole.ThreadSafeEntry:
                // CallSoonThreadsafe, or SynchronizationContext.Post/Send: in loop code, the loop's own context.
                return new LambdaContext(LambdaContextKind.ThreadsafeLoopCallback,
                    symbols.IsEventLoop(type) ? method.Name : "SynchronizationContext." + method.Name, call);
            case MemberRole.DoneCallback:
                return new LambdaContext(LambdaContextKind.DoneCallback, method.Name, call);
            case MemberRole.RunsOffLoop:
                if (call is IInvocationOperation invocation && method.Name is "StartNew" or "ContinueWith" && HasCustomScheduler(invocation))
                {
                    // A scheduler such as TaskScheduler.FromCurrentSynchronizationContext() may run it on the loop.
                    return default;
                }
                return new LambdaContext(LambdaContextKind.OffLoop, OffLoopDescription(method, symbols), call);
        }
        if (call is not IInvocationOperation)
        {
            return default;
        }
        // A completion callback of a user API: a void-returning delegate parameter of a method outside the BCL.
        string ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        if (argument.Parameter?.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { ReturnsVoid: true } }
            && method.Name != "ForEach"
            && ns != "System" && !ns.StartsWith("System.", System.StringComparison.Ordinal)
            && ns != "AsyncioGen" && ns != "Microsoft" && !ns.StartsWith("Microsoft.", System.StringComparison.Ordinal))
        {
            return new LambdaContext(LambdaContextKind.UserCallback, method.Name, call);
        }
        return default;
    }

    private static string OffLoopDescription(IMethodSymbol method, AsyncioSymbols symbols) => method.Name switch
    {
        _ when method.MethodKind == MethodKind.Constructor =>
            TypeHierarchy.DerivesFrom(method.ContainingType, symbols.Thread) ? "a new Thread" : "a System.Threading.Timer callback",
        "RunInExecutor" => "a RunInExecutor function",
        "Run" => "a Task.Run callback",
        "StartNew" => "a Task.Factory.StartNew callback",
        "ContinueWith" => "a ContinueWith continuation",
        "Register" or "UnsafeRegister" => "a CancellationToken." + method.Name + " callback",
        _ => "a ThreadPool." + method.Name + " callback",
    };

    private static bool HasCustomScheduler(IInvocationOperation invocation)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type is { Name: "TaskScheduler" }
                && argument.ArgumentKind == ArgumentKind.Explicit
                && !(FlowHelpers.StripConversions(argument.Value) is IPropertyReferenceOperation { Property.Name: "Default" }))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The receiver of a done-callback registration (the future that is done when the callback runs).</summary>
    public static ISymbol? DoneCallbackReceiver(LambdaContext context) =>
        context.Kind == LambdaContextKind.DoneCallback && context.Call is IInvocationOperation invocation ? GetVariable(invocation.Instance) : null;

    /// <summary>Indexes the lambdas of an operation tree by syntax, to go from a CFG's flow lambda back to the bound lambda.</summary>
    public static Dictionary<SyntaxNode, IAnonymousFunctionOperation> IndexLambdas(IEnumerable<IOperation> roots)
    {
        var result = new Dictionary<SyntaxNode, IAnonymousFunctionOperation>();
        foreach (IOperation root in roots)
        {
            foreach (IOperation node in root.DescendantsAndSelf())
            {
                if (node is IAnonymousFunctionOperation lambda && !result.ContainsKey(lambda.Syntax))
                {
                    result.Add(lambda.Syntax, lambda);
                }
            }
        }
        return result;
    }

    /// <summary>A short description of a future variable for messages: its name.</summary>
    public static string Describe(ISymbol variable) => variable.Name;

    /// <summary>A future receiver for messages: a variable's name, or the expression as written (<c>_pending[id]</c>).</summary>
    public static string Describe(IOperation receiver)
    {
        receiver = ConditionalReceiver(receiver)!;
        return GetVariable(receiver) is { } variable ? variable.Name : StripConversions(receiver)!.Syntax.ToString();
    }

    /// <summary>For the receiver of <c>x?.M()</c> (the implicit instance inside the conditional access): <c>x</c>.</summary>
    public static IOperation? ConditionalReceiver(IOperation? operation)
    {
        if (operation is IConditionalAccessInstanceOperation)
        {
            for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access)
                {
                    return access.Operation;
                }
            }
        }
        return operation;
    }
}
