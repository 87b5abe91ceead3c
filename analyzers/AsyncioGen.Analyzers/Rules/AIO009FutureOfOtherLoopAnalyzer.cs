using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Flow;
using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO009: awaiting (or running to completion) a future bound to a different loop. Conservative and
/// intra-procedural: loops are locals only ever assigned <c>new EventLoop()</c>, so two of them are
/// provably distinct; a future of loop L is <c>L.CreateFuture()</c>, <c>L.CreateTask(...)</c>,
/// <c>L.RunInExecutor(...)</c>, <c>Asyncio.WrapFuture(x, L)</c>, <c>Asyncio.EnsureFuture(x, L)</c> or
/// <c>new Future&lt;T&gt;(L)</c> of one such loop L, written at the await or held in a local only ever
/// assigned futures of L. Reported:
/// <c>B.RunUntilComplete(F)</c>; <c>await F</c> in a lambda or local function run by
/// <c>B.RunUntilComplete</c>/<c>B.CreateTask</c>; <c>await F</c> in a coroutine that itself created F's
/// loop (a loop created by the coroutine is not the one running it).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FutureOfOtherLoopAnalyzer : AsyncioAnalyzer
{
    public FutureOfOtherLoopAnalyzer()
        : base(DiagnosticDescriptors.AIO009)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationBlockAction(block => Analyze(block, symbols));
    }

    private static void Analyze(OperationBlockAnalysisContext context, AsyncioSymbols symbols)
    {
        var roots = new HashSet<IOperation>();
        foreach (IOperation block in context.OperationBlocks)
        {
            IOperation root = block;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }
            roots.Add(root);
        }
        List<IOperation> nodes = roots.SelectMany(r => r.DescendantsAndSelf()).ToList();

        // 1. Writes to every local.
        var writes = new Dictionary<ILocalSymbol, List<IOperation?>>(SymbolEqualityComparer.Default);
        void AddWrite(ILocalSymbol local, IOperation? value)
        {
            if (!writes.TryGetValue(local, out List<IOperation?>? list))
            {
                writes[local] = list = new List<IOperation?>();
            }
            list.Add(value);
        }
        foreach (IOperation node in nodes)
        {
            switch (node)
            {
                case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                    AddWrite(declarator.Symbol, initializer.Value);
                    break;
                case IAssignmentOperation assignment when FlowHelpers.StripConversions(assignment.Target) is ILocalReferenceOperation target:
                    AddWrite(target.Local, assignment is ISimpleAssignmentOperation ? assignment.Value : null);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument when FlowHelpers.StripConversions(argument.Value) is ILocalReferenceOperation target:
                    AddWrite(target.Local, null);
                    break;
                case IDeclarationExpressionOperation or IDeconstructionAssignmentOperation:
                    foreach (ILocalReferenceOperation local in node.Descendants().OfType<ILocalReferenceOperation>())
                    {
                        AddWrite(local.Local, null);
                    }
                    break;
            }
        }

        // 2. Loops: locals only assigned new EventLoop(). Futures: locals only assigned from one of those loops.
        var loops = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (KeyValuePair<ILocalSymbol, List<IOperation?>> pair in writes)
        {
            if (symbols.IsEventLoop(pair.Key.Type) && pair.Value.All(v => FlowHelpers.StripConversions(v) is IObjectCreationOperation creation && symbols.IsEventLoop(creation.Type)))
            {
                loops.Add(pair.Key);
            }
        }
        if (loops.Count < 1)
        {
            return;
        }
        var futureLoop = new Dictionary<ILocalSymbol, ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (KeyValuePair<ILocalSymbol, List<IOperation?>> pair in writes)
        {
            if (!symbols.IsFuture(pair.Key.Type))
            {
                continue;
            }
            ILocalSymbol? owner = null;
            bool ok = true;
            foreach (IOperation? value in pair.Value)
            {
                ILocalSymbol? loop = LoopOf(value, loops, symbols);
                if (loop is null || owner is not null && !SymbolEqualityComparer.Default.Equals(owner, loop))
                {
                    ok = false;
                    break;
                }
                owner = loop;
            }
            if (ok && owner is not null)
            {
                futureLoop[pair.Key] = owner;
            }
        }

        foreach (IOperation node in nodes)
        {
            // B.RunUntilComplete(F)
            if (node is IInvocationOperation run
                && symbols.IsLoopMethod(run.TargetMethod, "RunUntilComplete")
                && FlowHelpers.GetVariable(run.Instance) is ILocalSymbol runner && loops.Contains(runner)
                && run.Arguments.Length == 1
                && FutureOf(run.Arguments[0].Value, futureLoop, loops, symbols) is ({ } passed, { } passedLoop)
                && !SymbolEqualityComparer.Default.Equals(passedLoop, runner))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO009, run.Arguments[0].Value.Syntax.GetLocation(),
                    passed, passedLoop.Name, $"loop '{runner.Name}'"));
            }

            // await F
            if (node is IAwaitOperation await
                && FutureOf(await.Operation, futureLoop, loops, symbols) is ({ } awaited, { } awaitedLoop))
            {
                string? running = RunningLoop(await, awaitedLoop, loops, nodes, context.OwningSymbol, symbols);
                if (running is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO009, await.Operation.Syntax.GetLocation(),
                        awaited, awaitedLoop.Name, running));
                }
            }
        }
    }

    /// <summary>
    /// The future <paramref name="operation"/> denotes and its loop: a tracked local (named), or a future
    /// made for a known loop right there (named by its source text); (null, null) otherwise.
    /// </summary>
    private static (string? Name, ILocalSymbol? Loop) FutureOf(IOperation operation, Dictionary<ILocalSymbol, ILocalSymbol> futureLoop, HashSet<ILocalSymbol> loops, AsyncioSymbols symbols)
    {
        if (FlowHelpers.GetVariable(operation) is ILocalSymbol local)
        {
            return futureLoop.TryGetValue(local, out ILocalSymbol? loop) ? (local.Name, loop) : (null, null);
        }
        ILocalSymbol? madeFor = LoopOf(operation, loops, symbols);
        return madeFor is null ? (null, null) : (operation.Syntax.ToString(), madeFor);
    }

    /// <summary>
    /// The known loop a future-making expression binds its future to: <c>L.CreateFuture()</c>,
    /// <c>L.CreateTask(...)</c>, <c>L.RunInExecutor(...)</c>, <c>Asyncio.WrapFuture(x, L)</c>,
    /// <c>Asyncio.EnsureFuture(x, L)</c>, <c>new Future(L)</c>, <c>new Future&lt;T&gt;(L)</c>; else null.
    /// </summary>
    private static ILocalSymbol? LoopOf(IOperation? value, HashSet<ILocalSymbol> loops, AsyncioSymbols symbols)
    {
        ImmutableArray<IArgumentOperation> arguments;
        switch (FlowHelpers.StripConversions(value))
        {
            case IInvocationOperation invocation when symbols.IsLoopMethod(invocation.TargetMethod, "CreateFuture", "CreateTask", "RunInExecutor"):
                return FlowHelpers.GetVariable(invocation.Instance) is ILocalSymbol owner && loops.Contains(owner) ? owner : null;
            case IInvocationOperation invocation when invocation.TargetMethod is { Name: "WrapFuture" or "EnsureFuture", IsStatic: true } method
                                                       && TypeHierarchy.IsType(method.ContainingType, symbols.Asyncio):
                arguments = invocation.Arguments;
                break;
            case IObjectCreationOperation creation when symbols.IsFuture(creation.Type):
                arguments = creation.Arguments;
                break;
            default:
                return null;
        }
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is { } parameter && symbols.IsEventLoop(parameter.Type))
            {
                return FlowHelpers.GetVariable(argument.Value) is ILocalSymbol loop && loops.Contains(loop) ? loop : null;
            }
        }
        return null;
    }

    /// <summary>A description of the loop running the await when it is provably not <paramref name="futureLoop"/>; else null.</summary>
    private static string? RunningLoop(IAwaitOperation await, ILocalSymbol futureLoop, HashSet<ILocalSymbol> loops, List<IOperation> nodes, ISymbol owner, AsyncioSymbols symbols)
    {
        IMethodSymbol? function = null;
        IOperation? functionOperation = null;
        for (IOperation? node = await.Parent; node is not null; node = node.Parent)
        {
            if (node is IAnonymousFunctionOperation lambda)
            {
                function = lambda.Symbol;
                functionOperation = lambda;
                break;
            }
            if (node is ILocalFunctionOperation local)
            {
                function = local.Symbol;
                functionOperation = local;
                break;
            }
        }
        function ??= owner as IMethodSymbol;
        if (function is null)
        {
            return null;
        }

        // Which loop runs this function? B.RunUntilComplete(<it>) / B.CreateTask(<it>) with B a known loop.
        ILocalSymbol? runner = null;
        bool conflicting = false;
        foreach (IOperation node in nodes)
        {
            if (node is not IInvocationOperation run
                || !symbols.IsLoopMethod(run.TargetMethod, "RunUntilComplete", "CreateTask")
                || run.Arguments.Length == 0
                || !Runs(run.Arguments[0].Value, function, functionOperation))
            {
                continue;
            }
            if (FlowHelpers.GetVariable(run.Instance) is ILocalSymbol b && loops.Contains(b) && (runner is null || SymbolEqualityComparer.Default.Equals(runner, b)))
            {
                runner = b;
            }
            else
            {
                conflicting = true;
            }
        }
        if (runner is not null && !conflicting)
        {
            return SymbolEqualityComparer.Default.Equals(runner, futureLoop) ? null : $"loop '{runner.Name}'";
        }
        // A coroutine cannot be run by a loop it created itself.
        if (!conflicting && runner is null && symbols.IsCoroutine(function) && FlowHelpers.IsDeclaredWithin(futureLoop, function))
        {
            return "the loop that runs this coroutine";
        }
        return null;
    }

    /// <summary>Whether <paramref name="argument"/> is the function itself, a call of it, or a delegate to it.</summary>
    private static bool Runs(IOperation argument, IMethodSymbol function, IOperation? functionOperation)
    {
        IOperation? value = argument;
        while (value is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
        {
            value = value switch
            {
                IConversionOperation c => c.Operand,
                IDelegateCreationOperation d => d.Target,
                IParenthesizedOperation p => p.Operand,
                _ => value,
            };
        }
        return value switch
        {
            IAnonymousFunctionOperation lambda => functionOperation is not null && lambda == functionOperation,
            IInvocationOperation call => SymbolEqualityComparer.Default.Equals(call.TargetMethod, function),
            IMethodReferenceOperation reference => SymbolEqualityComparer.Default.Equals(reference.Method, function),
            _ => false,
        };
    }
}
