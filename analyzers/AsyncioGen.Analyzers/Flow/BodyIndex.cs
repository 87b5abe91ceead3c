using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Flow;

/// <summary>
/// One walk of a body's operation tree, shared by the flow rules (AIO001, AIO004, AIO005, AIO011): for
/// every function in it (the body itself, each lambda and local function) the future operations it makes
/// directly and the shape of its code. A rule asks the index whether flow could change its answer before
/// it builds a control-flow graph, which costs far more than this walk; most bodies mention no future at
/// all and cost the rules nothing more. Built once per body for all the rules (they run as separate
/// analyzers on the same operation trees).
/// </summary>
internal sealed class BodyIndex
{
    private static readonly ConditionalWeakTable<IOperation, BodyIndex> s_cache = new();

    private BodyIndex(List<FunctionFacts> functions) => Functions = functions;

    /// <summary>The functions of the body, the body itself first.</summary>
    public IReadOnlyList<FunctionFacts> Functions { get; }

    /// <summary>True when some function completes a future.</summary>
    public bool HasCompletion { get; private set; }

    /// <summary>True when some function reads a future's result (GetResult, GetException).</summary>
    public bool HasResultRead { get; private set; }

    /// <summary>True when some function creates a plain future.</summary>
    public bool HasCreation { get; private set; }

    /// <summary>The index of the operation block action's body (shared by every rule that asks).</summary>
    public static BodyIndex For(OperationBlockAnalysisContext context, AsyncioSymbols symbols)
    {
        IOperation? key = null;
        foreach (IOperation block in context.OperationBlocks)
        {
            key = Root(block);
            break;
        }
        if (key is null)
        {
            return new BodyIndex(new List<FunctionFacts>());
        }
        var blocks = context.OperationBlocks;
        return s_cache.GetValue(key, _ => Build(blocks, symbols));
    }

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null)
        {
            operation = operation.Parent;
        }
        return operation;
    }

    private static BodyIndex Build(System.Collections.Immutable.ImmutableArray<IOperation> blocks, AsyncioSymbols symbols)
    {
        var functions = new List<FunctionFacts>();
        var index = new BodyIndex(functions);
        var seen = new HashSet<IOperation>();
        foreach (IOperation block in blocks)
        {
            IOperation root = Root(block);
            if (!seen.Add(root))
            {
                continue;
            }
            var function = new FunctionFacts(root, null);
            functions.Add(function);
            index.Walk(root, function, functions, symbols);
        }
        return index;
    }

    // An explicit stack: the walk stays linear and never overflows on pathological nesting.
    private void Walk(IOperation root, FunctionFacts rootFunction, List<FunctionFacts> functions, AsyncioSymbols symbols)
    {
        var stack = new Stack<(IOperation Node, FunctionFacts Function, int LoopDepth, int TryCatchDepth)>();
        stack.Push((root, rootFunction, 0, 0));
        while (stack.Count > 0)
        {
            (IOperation node, FunctionFacts function, int loops, int tries) = stack.Pop();
            if (node != function.Node && node is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                var nested = new FunctionFacts(node, function);
                functions.Add(nested);
                foreach (IOperation child in node.ChildOperations)
                {
                    stack.Push((child, nested, 0, 0));
                }
                continue;
            }
            Record(node, function, loops, tries, symbols);
            if (node is ILoopOperation)
            {
                loops++;
            }
            if (node is ITryOperation { Catches.Length: > 0 })
            {
                tries++;
            }
            foreach (IOperation child in node.ChildOperations)
            {
                stack.Push((child, function, loops, tries));
            }
        }
    }

    /// <summary>A new plain future: <c>loop.CreateFuture()</c> or <c>new Future(..)</c>.</summary>
    public static bool IsFutureCreation(IOperation? value, AsyncioSymbols symbols) => FlowHelpers.StripConversions(value) switch
    {
        IInvocationOperation invocation => invocation.TargetMethod.Name == "CreateFuture" && symbols.IsEventLoop(invocation.TargetMethod.ContainingType),
        IObjectCreationOperation creation => symbols.IsPlainFuture(creation.Type),
        _ => false,
    };

    private void Record(IOperation node, FunctionFacts function, int loops, int tries, AsyncioSymbols symbols)
    {
        switch (node)
        {
            case IInvocationOperation invocation:
                switch (symbols.RoleOf(invocation.TargetMethod))
                {
                    case MemberRole.Completion:
                        function.Completions.Add(invocation);
                        function.CompletionInLoop |= loops > 0;
                        function.CompletionInTryWithCatch |= tries > 0;
                        HasCompletion = true;
                        break;
                    case MemberRole.ResultRead:
                        HasResultRead = true;
                        break;
                    case MemberRole.LoopThreadOnly when invocation.TargetMethod.Name == "CreateFuture":
                        HasCreation = true;
                        break;
                }
                break;
            case IObjectCreationOperation creation when symbols.IsPlainFuture(creation.Type):
                HasCreation = true;
                break;
            case IAwaitOperation await:
                function.Awaits.Add(await);
                if (FlowHelpers.GetVariable(await.Operation) is ILocalSymbol awaited)
                {
                    function.ReturnedOrAwaited.Add(awaited);
                }
                break;
            case IReturnOperation { ReturnedValue: var value } when FlowHelpers.GetVariable(value) is ILocalSymbol returned:
                function.ReturnedOrAwaited.Add(returned);
                function.HasJumps |= !node.IsImplicit;
                break;
            case IVariableDeclaratorOperation declarator when IsFutureCreation(declarator.GetVariableInitializer()?.Value, symbols):
                function.Created.Add(declarator.Symbol);
                HasCreation = true;
                break;
            case ISimpleAssignmentOperation assignment when IsFutureCreation(assignment.Value, symbols)
                && FlowHelpers.GetVariable(assignment.Target) is ILocalSymbol assigned:
                function.Created.Add(assigned);
                break;
            case IPropertyReferenceOperation { Property.Name: "IsDone" or "IsCancelled" } property when symbols.IsFuture(property.Property.ContainingType):
                function.HasDoneCheck = true;
                break;
            case ITryOperation:
            case ILoopOperation:
            case IBranchOperation:
            case IThrowOperation:
            case IReturnOperation { IsImplicit: false }:
                function.HasJumps = true;
                break;
            case ILabeledOperation:
                function.HasJumps = true;
                function.HasLabel = true;
                break;
            case IConditionalOperation:
            case ISwitchOperation:
            case ISwitchExpressionOperation:
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
            case ICoalesceOperation:
            case ICoalesceAssignmentOperation:
            case IConditionalAccessOperation:
            case IIsPatternOperation:
            case IUsingOperation:
            case IUsingDeclarationOperation:
            case ILockOperation:
                function.HasBranches = true;
                break;
        }
    }
}

/// <summary>What <see cref="BodyIndex"/> knows of one function: its own operations, lambdas not entered.</summary>
internal sealed class FunctionFacts
{
    public FunctionFacts(IOperation node, FunctionFacts? parent)
    {
        Node = node;
        Parent = parent;
    }

    /// <summary>The body root, or the lambda or local function operation.</summary>
    public IOperation Node { get; }

    public FunctionFacts? Parent { get; }

    /// <summary>SetResult, SetException and Cancel calls made directly in this function.</summary>
    public List<IInvocationOperation> Completions { get; } = new();

    /// <summary>The awaits made directly in this function.</summary>
    public List<IAwaitOperation> Awaits { get; } = new();

    /// <summary>Some completion is inside a loop of this function.</summary>
    public bool CompletionInLoop { get; set; }

    /// <summary>Some completion is inside the try block (or a handler) of a try statement with catch clauses.</summary>
    public bool CompletionInTryWithCatch { get; set; }

    /// <summary>An IsDone or IsCancelled of a future is read (a check, an assertion...).</summary>
    public bool HasDoneCheck { get; set; }

    /// <summary>Locals assigned a new future (CreateFuture, new Future) somewhere in this function.</summary>
    public HashSet<ILocalSymbol> Created { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Locals returned (return x; =&gt; x) or awaited (await x) directly.</summary>
    public HashSet<ILocalSymbol> ReturnedOrAwaited { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>A labeled statement (the target of a goto: a loop the syntax does not show).</summary>
    public bool HasLabel { get; set; }

    /// <summary>A conditional, switch, short-circuit, pattern, null-conditional or using/lock (a finally) in this function.</summary>
    public bool HasBranches { get; set; }

    /// <summary>A try statement, a loop, or a jump (goto, break, continue, throw, an explicit return, a label).</summary>
    public bool HasJumps { get; set; }

    /// <summary>True when two completions of this function share a receiver variable (per <paramref name="key"/>).</summary>
    public bool CompletesOneReceiverTwice(System.Func<IOperation?, ISymbol?> key)
    {
        if (Completions.Count < 2)
        {
            return false;
        }
        var receivers = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IInvocationOperation completion in Completions)
        {
            if (key(completion.Instance) is { } receiver && !receivers.Add(receiver))
            {
                return true;
            }
        }
        return false;
    }
}
