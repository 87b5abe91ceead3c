using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Flow;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO011: a future that this code owns is completed on some path but not on every path. Reported
/// where the uncompleted future leaves this code's hands:
/// <list type="bullet">
/// <item>A future created here (CreateFuture, new Future) and returned: at each <c>return</c> that a
///   path reaches without completing or handing it off, when another path does complete or hand it off
///   (an early return, a catch that logs and returns it, one branch of an if).</item>
/// <item>A future created here and awaited here: at each <c>await</c> that a path reaches without
///   completing or handing it off (nothing else can complete a local nobody was given).</item>
/// <item>A future from elsewhere (parameter, field, captured) completed inside a try: at a catch clause
///   that ends normally without completing it (the "catch and log" hang), the last point this code has it.</item>
/// </list>
/// "Handled" means completed, handed to a method, stored in a field, property, element or
/// collection, captured by a lambda, or known done (IsDone/IsCancelled true); throwing paths do not
/// count. The future is delegated as soon as it is handed off, so the rule never fires then.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FutureNeverCompletedAnalyzer : AsyncioAnalyzer
{
    public FutureNeverCompletedAnalyzer()
        : base(DiagnosticDescriptors.AIO011)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationBlockAction(block =>
        {
            var none = new Dictionary<SyntaxNode, IAnonymousFunctionOperation>();
            BodyIndex index = BodyIndex.For(block, symbols);
            if (!MayLeaveUncompleted(index))
            {
                return;
            }
            if (TryDecideStraightLine(index, block.OwningSymbol, symbols, block.ReportDiagnostic))
            {
                return;
            }
            foreach (FunctionGraph root in FunctionGraph.Roots(block))
            {
                Analyze(root, symbols, none, block.ReportDiagnostic, block.CancellationToken);
            }
        });
    }

    private static void Analyze(FunctionGraph function, AsyncioSymbols symbols, Dictionary<SyntaxNode, IAnonymousFunctionOperation> lambdas,
        Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        new Analysis(symbols, report, function).Analyze();
        foreach (FunctionGraph child in function.Children(lambdas))
        {
            Analyze(child, symbols, lambdas, report, cancellationToken);
        }
    }

    /// <summary>
    /// Decides bodies whose relevant functions run straight through (no try, loop, jump, branch) without a
    /// control-flow graph: there a returned local with one write is handled before its return exactly when
    /// it is handled anywhere (never reported), and an awaited local is reported exactly when nothing
    /// refers to it before the await. False (nothing reported) when some function needs the flow analysis:
    /// a completion in a try, a jump or branch, or a reference before the await that is not plainly a
    /// hand-off.
    /// </summary>
    private static bool TryDecideStraightLine(BodyIndex index, ISymbol owner, AsyncioSymbols symbols, Action<Diagnostic> report)
    {
        List<Diagnostic>? reports = null;
        foreach (FunctionFacts function in index.Functions)
        {
            if (!function.CompletionInTryWithCatch && !function.Created.Overlaps(function.ReturnedOrAwaited))
            {
                continue;
            }
            if (function.CompletionInTryWithCatch || function.HasJumps || function.HasBranches)
            {
                return false;
            }
            foreach (ILocalSymbol local in function.Created)
            {
                if (!function.ReturnedOrAwaited.Contains(local))
                {
                    continue;
                }
                if (!StraightLineEscapes(function, local, symbols, out List<IAwaitOperation>? unhandled))
                {
                    return false;
                }
                foreach (IAwaitOperation await in unhandled ?? new List<IAwaitOperation>())
                {
                    string name = function.Node switch
                    {
                        IAnonymousFunctionOperation => "the lambda",
                        ILocalFunctionOperation localFunction => localFunction.Symbol.Name,
                        _ => owner.Name,
                    };
                    (reports ??= new List<Diagnostic>()).Add(Diagnostic.Create(DiagnosticDescriptors.AIO011, await.Syntax.GetLocation(), local.Name, name));
                }
            }
        }
        foreach (Diagnostic diagnostic in reports ?? new List<Diagnostic>())
        {
            report(diagnostic);
        }
        return true;
    }

    /// <summary>
    /// For a created <paramref name="local"/> of a straight-line function: the awaits of it that no earlier
    /// reference hands off. False when the answer needs the flow analysis (more than one write, a reference
    /// that is neither a hand-off nor the await, a method that does not return).
    /// </summary>
    private static bool StraightLineEscapes(FunctionFacts function, ILocalSymbol local, AsyncioSymbols symbols, out List<IAwaitOperation>? unhandled)
    {
        unhandled = null;
        int writes = 0;
        var handoffs = new List<int>();
        var awaits = new List<IAwaitOperation>();
        var stack = new Stack<(IOperation Node, bool Nested)>();
        foreach (IOperation child in function.Node.ChildOperations)
        {
            stack.Push((child, false));
        }
        while (stack.Count > 0)
        {
            (IOperation node, bool nested) = stack.Pop();
            bool nestedChildren = nested || node is IAnonymousFunctionOperation or ILocalFunctionOperation;
            switch (node)
            {
                case IVariableDeclaratorOperation declarator when !nested && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    writes++;
                    break;
                case IInvocationOperation invocation when !nested && (invocation.TargetMethod.Name == "FailFast"
                    || invocation.TargetMethod.GetAttributes().Any(a => a.AttributeClass?.Name == "DoesNotReturnAttribute")):
                    return false;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    IOperation use = reference;
                    while (use.Parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
                    {
                        use = use.Parent;
                    }
                    if (nested)
                    {
                        handoffs.Add(reference.Syntax.SpanStart); // captured by a lambda or local function
                    }
                    else if (use.Parent is IAwaitOperation await)
                    {
                        awaits.Add(await);
                    }
                    else if (use.Parent is IReturnOperation)
                    {
                        // The return itself: nothing is reported for a straight-line return.
                    }
                    else if (use.Parent is IArgumentOperation { Parameter.RefKind: RefKind.None or RefKind.In }
                        || use.Parent is IInvocationOperation call && call.Instance == use && symbols.IsAnyCompletion(call)
                        || use.Parent is IAssignmentOperation assignment && assignment.Value == use)
                    {
                        handoffs.Add(reference.Syntax.SpanStart);
                    }
                    else
                    {
                        return false;
                    }
                    break;
            }
            foreach (IOperation child in node.ChildOperations)
            {
                stack.Push((child, nestedChildren));
            }
        }
        if (writes != 1)
        {
            return false;
        }
        // Only the first await can find it untouched: once awaited, the flow counts it handled.
        IAwaitOperation? first = awaits.OrderBy(a => a.Syntax.SpanStart).FirstOrDefault();
        if (first is not null && !handoffs.Any(position => position < first.Syntax.SpanStart))
        {
            unhandled = new List<IAwaitOperation> { first };
        }
        return true;
    }

    /// <summary>
    /// What the rule reports needs a future created here and returned or awaited here, or a completion
    /// inside a try statement with catch clauses: a body with neither gets no control-flow graph.
    /// </summary>
    private static bool MayLeaveUncompleted(BodyIndex index)
    {
        foreach (FunctionFacts function in index.Functions)
        {
            if (function.CompletionInTryWithCatch || function.Created.Overlaps(function.ReturnedOrAwaited))
            {
                return true;
            }
        }
        return false;
    }

    private sealed class Analysis : FutureFlowAnalysis
    {
        private readonly Action<Diagnostic> _report;
        private readonly FunctionGraph _function;
        /// <summary>Locals created here and returned.</summary>
        private readonly HashSet<ISymbol> _owned = new(SymbolEqualityComparer.Default);
        /// <summary>Locals created here and awaited here.</summary>
        private readonly HashSet<ISymbol> _awaited = new(SymbolEqualityComparer.Default);
        /// <summary>Tracked futures that some path completes or hands off (a check does not count).</summary>
        private readonly HashSet<ISymbol> _delegated = new(SymbolEqualityComparer.Default);
        /// <summary>Returns and awaits a path reaches with the future neither completed nor handed off.</summary>
        private readonly Dictionary<SyntaxNode, ISymbol> _escapes = new();
        /// <summary>Futures completed inside a try region of this body.</summary>
        private readonly HashSet<ISymbol> _completedInTry = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ISymbol, HashSet<ControlFlowRegion>> _uncompletedCatches = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _unhandledAtExit = new(SymbolEqualityComparer.Default);
        private readonly HashSet<ISymbol> _leftCatchAtExit = new(SymbolEqualityComparer.Default);

        public Analysis(AsyncioSymbols symbols, Action<Diagnostic> report, FunctionGraph function) : base(symbols)
        {
            _report = report;
            _function = function;
        }

        public void Analyze()
        {
            var created = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var returned = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var awaited = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (BasicBlock block in _function.Graph.Blocks)
            {
                if (block.FallThroughSuccessor is { Semantics: ControlFlowBranchSemantics.Return } && FlowHelpers.GetVariable(block.BranchValue) is { } r)
                {
                    returned.Add(r);
                }
                bool inTry = InTryWithCatch(block);
                foreach (IOperation node in BlockNodes(block))
                {
                    if (node is ISimpleAssignmentOperation assignment
                        && FlowHelpers.GetVariable(assignment.Target) is ILocalSymbol local
                        && IsCreation(assignment.Value))
                    {
                        created.Add(local);
                    }
                    if (node is IAwaitOperation { Operation: var operand } && FlowHelpers.GetVariable(operand) is ILocalSymbol awaitedLocal)
                    {
                        awaited.Add(awaitedLocal);
                    }
                    if (node is IInvocationOperation invocation && Symbols.IsAnyCompletion(invocation) && FlowHelpers.GetVariable(invocation.Instance) is { } v)
                    {
                        if (inTry)
                        {
                            _completedInTry.Add(v);
                        }
                    }
                }
            }
            foreach (ISymbol v in created)
            {
                if (!FlowHelpers.IsDeclaredWithin(v, _function.Symbol))
                {
                    continue;
                }
                if (returned.Contains(v))
                {
                    _owned.Add(v);
                }
                if (awaited.Contains(v))
                {
                    _awaited.Add(v);
                }
            }
            // Only locals created here count for the catch check, or variables from outside this body.
            _completedInTry.RemoveWhere(v => v is ILocalSymbol && FlowHelpers.IsDeclaredWithin(v, _function.Symbol) && !created.Contains(v));
            if (_owned.Count == 0 && _awaited.Count == 0 && _completedInTry.Count == 0)
            {
                return;
            }

            Run(_function.Graph, FactMap.Empty);

            // A returned future nobody here ever completes or hands off is the caller's to complete (a
            // factory); one that some path does complete, and another returns untouched, is the hang. An
            // awaited local is reported whenever a path reaches the await untouched: nobody else has it.
            foreach (KeyValuePair<SyntaxNode, ISymbol> escape in _escapes.OrderBy(e => e.Key.SpanStart))
            {
                if (_awaited.Contains(escape.Value) && escape.Key is AwaitExpressionSyntax || _delegated.Contains(escape.Value))
                {
                    _report(Diagnostic.Create(DiagnosticDescriptors.AIO011, escape.Key.GetLocation(), FlowHelpers.Describe(escape.Value), FunctionName()));
                }
            }
            foreach (ISymbol v in _unhandledAtExit)
            {
                if (_owned.Contains(v) || _awaited.Contains(v))
                {
                    continue;
                }
                if (_leftCatchAtExit.Contains(v) && _uncompletedCatches.TryGetValue(v, out HashSet<ControlFlowRegion>? catches))
                {
                    foreach (ControlFlowRegion region in catches.OrderBy(c => c.FirstBlockOrdinal))
                    {
                        if (CatchLocation(region) is { } location)
                        {
                            _report(Diagnostic.Create(DiagnosticDescriptors.AIO011, location, FlowHelpers.Describe(v), FunctionName()));
                        }
                    }
                }
            }
        }

        private string FunctionName() =>
            _function.Symbol.MethodKind == MethodKind.AnonymousFunction ? "the lambda" : _function.Symbol.Name;

        private bool IsCreation(IOperation value) => BodyIndex.IsFutureCreation(value, Symbols);

        private static bool InTryWithCatch(BasicBlock block)
        {
            for (ControlFlowRegion? r = block.EnclosingRegion; r is not null; r = r.EnclosingRegion)
            {
                if (r.Kind == ControlFlowRegionKind.Try && r.EnclosingRegion?.Kind == ControlFlowRegionKind.TryAndCatch)
                {
                    return true;
                }
            }
            return false;
        }

        private static IEnumerable<IOperation> BlockNodes(BasicBlock block)
        {
            foreach (IOperation operation in block.Operations)
            {
                foreach (IOperation node in operation.DescendantsAndSelf())
                {
                    yield return node;
                }
            }
            if (block.BranchValue is { } branch)
            {
                foreach (IOperation node in branch.DescendantsAndSelf())
                {
                    yield return node;
                }
            }
        }

        private bool Tracked(ISymbol v) => _owned.Contains(v) || _awaited.Contains(v) || _completedInTry.Contains(v);

        /// <summary>Completed or handed off here (<paramref name="delegated"/>), or known done by a check.</summary>
        private FactMap Handle(FactMap state, ISymbol v, bool delegated = true)
        {
            if (delegated)
            {
                _delegated.Add(v);
            }
            return state.Add(v, FutureFacts.Handled).Remove(v, FutureFacts.LeftCatchUncompleted);
        }

        private bool Unhandled(FactMap state, ISymbol v) => state.Has(v, FutureFacts.Created) && !state.Has(v, FutureFacts.Handled);

        protected override FactMap OnAssigned(ISymbol variable, IOperation? value, FactMap state)
        {
            // Copied or stored elsewhere: completion is delegated to whoever holds the copy.
            if (FlowHelpers.GetVariable(value) is { } stored && Tracked(stored) && !SymbolEqualityComparer.Default.Equals(stored, variable))
            {
                state = Handle(state, stored);
            }
            if (!Tracked(variable))
            {
                return state;
            }
            return value is not null && IsCreation(value) ? state.With(variable, FutureFacts.Created) : state.With(variable, FutureFacts.Handled);
        }

        protected override FactMap OnFutureCall(IInvocationOperation invocation, ISymbol receiver, FactMap state) =>
            Tracked(receiver) && Symbols.IsAnyCompletion(invocation) ? Handle(state, receiver) : state;

        protected override FactMap OnCall(IOperation call, ImmutableArray<IArgumentOperation> arguments, FactMap state)
        {
            // Environment.FailFast and [DoesNotReturn] methods end the path: nobody is left waiting.
            if (call is IInvocationOperation { TargetMethod: var target } && DoesNotReturn(target))
            {
                foreach (ISymbol v in _owned.Concat(_awaited).Concat(_completedInTry).ToArray())
                {
                    state = Handle(state, v, delegated: false);
                }
                return state;
            }
            // Handed to another method: completion is delegated.
            foreach (ISymbol v in FutureArguments(arguments))
            {
                if (Tracked(v))
                {
                    state = Handle(state, v);
                }
            }
            return state;
        }

        protected override FactMap OnAwait(IAwaitOperation await, ISymbol? awaited, FactMap state)
        {
            if (awaited is null || !Tracked(awaited))
            {
                return state;
            }
            if (Reporting && _awaited.Contains(awaited) && Unhandled(state, awaited))
            {
                _escapes[await.Syntax] = awaited;
            }
            return Handle(state, awaited);
        }

        protected override FactMap OnLambda(IFlowAnonymousFunctionOperation lambda, FactMap state)
        {
            // Captured by a lambda: completion is delegated to it.
            foreach (ISymbol v in _owned.Concat(_awaited).Concat(_completedInTry).ToArray())
            {
                if (CapturedBy(lambda, v))
                {
                    state = Handle(state, v);
                }
            }
            return state;
        }

        protected override FactMap OnOther(IOperation node, FactMap state)
        {
            // Stored in a field, property, element or collection: delegated to whoever reads it.
            if (node is IAssignmentOperation assignment
                && FlowHelpers.GetVariable(assignment.Target) is null
                && FlowHelpers.GetVariable(assignment.Value) is { } stored && Tracked(stored))
            {
                return Handle(state, stored);
            }
            return state;
        }

        protected override FactMap OnCheck(ISymbol variable, string property, bool value, FactMap state) =>
            value && Tracked(variable) ? Handle(state, variable, delegated: false) : state;

        protected override FactMap OnEdge(BasicBlock from, ControlFlowBranch branch, FactMap state)
        {
            foreach (ControlFlowRegion region in branch.LeavingRegions)
            {
                if (region.Kind != ControlFlowRegionKind.Catch)
                {
                    continue;
                }
                foreach (ISymbol v in _completedInTry)
                {
                    bool inScope = !_owned.Contains(v) || state.Has(v, FutureFacts.Created);
                    if (inScope && !state.Has(v, FutureFacts.Handled) && TryOf(region) is { } tryRegion && CompletesIn(tryRegion, v))
                    {
                        state = state.Add(v, FutureFacts.LeftCatchUncompleted);
                        if (Reporting)
                        {
                            if (!_uncompletedCatches.TryGetValue(v, out HashSet<ControlFlowRegion>? set))
                            {
                                _uncompletedCatches[v] = set = new HashSet<ControlFlowRegion>();
                            }
                            set.Add(region);
                        }
                    }
                }
            }
            return state;
        }

        protected override FactMap ApplyFinally(FactMap state, FactMap finallyEntry, FactMap finallyExit)
        {
            foreach (ISymbol v in finallyExit.Symbols)
            {
                if (finallyExit.Has(v, FutureFacts.Handled))
                {
                    state = Handle(state, v, delegated: false);
                }
            }
            return state;
        }

        protected override void OnExit(BasicBlock from, FactMap state)
        {
            // return f; with f neither completed nor handed off on this path: the escape point.
            if (from.FallThroughSuccessor is { Semantics: ControlFlowBranchSemantics.Return } && from.BranchValue is { } value
                && FlowHelpers.GetVariable(value) is { } returned && _owned.Contains(returned) && Unhandled(state, returned))
            {
                SyntaxNode syntax = FlowHelpers.StripConversions(value)!.Syntax;
                _escapes[syntax.Parent is ReturnStatementSyntax statement ? statement : syntax] = returned;
            }
            foreach (ISymbol v in _completedInTry)
            {
                if (!_owned.Contains(v) && state.Has(v, FutureFacts.LeftCatchUncompleted) && !state.Has(v, FutureFacts.Handled))
                {
                    _unhandledAtExit.Add(v);
                    _leftCatchAtExit.Add(v);
                }
            }
        }

        private static ControlFlowRegion? TryOf(ControlFlowRegion catchRegion)
        {
            ControlFlowRegion? parent = catchRegion.EnclosingRegion;
            if (parent?.Kind == ControlFlowRegionKind.FilterAndHandler)
            {
                parent = parent.EnclosingRegion;
            }
            return parent?.NestedRegions.FirstOrDefault(r => r.Kind == ControlFlowRegionKind.Try);
        }

        private bool CompletesIn(ControlFlowRegion region, ISymbol v)
        {
            for (int i = region.FirstBlockOrdinal; i <= region.LastBlockOrdinal; i++)
            {
                foreach (IOperation node in BlockNodes(_function.Graph.Blocks[i]))
                {
                    if (node is IInvocationOperation invocation && Symbols.IsAnyCompletion(invocation)
                        && SymbolEqualityComparer.Default.Equals(FlowHelpers.GetVariable(invocation.Instance), v))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private static bool DoesNotReturn(IMethodSymbol method) =>
            method.Name == "FailFast" && method.ContainingType?.Name == "Environment"
            || method.GetAttributes().Any(a => a.AttributeClass?.Name == "DoesNotReturnAttribute");

        private readonly Dictionary<(IFlowAnonymousFunctionOperation, ISymbol), bool> _captures = new();

        private bool CapturedBy(IFlowAnonymousFunctionOperation lambda, ISymbol v)
        {
            if (v is IFieldSymbol)
            {
                return false;
            }
            if (!_captures.TryGetValue((lambda, v), out bool captured))
            {
                ControlFlowGraph graph = _function.Graph.GetAnonymousFunctionControlFlowGraph(lambda);
                _captures[(lambda, v)] = captured = CapturedIn(graph, v);
            }
            return captured;
        }

        private static bool CapturedIn(ControlFlowGraph graph, ISymbol v)
        {
            foreach (BasicBlock block in graph.Blocks)
            {
                foreach (IOperation node in BlockNodes(block))
                {
                    if (SymbolEqualityComparer.Default.Equals(FlowHelpers.GetVariable(node), v))
                    {
                        return true;
                    }
                    if (node is IFlowAnonymousFunctionOperation nested && CapturedIn(graph.GetAnonymousFunctionControlFlowGraph(nested), v))
                    {
                        return true;
                    }
                }
            }
            foreach (IMethodSymbol local in graph.LocalFunctions)
            {
                if (CapturedIn(graph.GetLocalFunctionControlFlowGraph(local), v))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>The "catch (Exception e)" part of the catch clause that <paramref name="region"/> is.</summary>
        private Location? CatchLocation(ControlFlowRegion region)
        {
            ControlFlowRegion? tryAndCatch = region.EnclosingRegion;
            if (tryAndCatch?.Kind == ControlFlowRegionKind.FilterAndHandler)
            {
                region = tryAndCatch;
                tryAndCatch = tryAndCatch.EnclosingRegion;
            }
            ControlFlowRegion? tryRegion = TryOf(region);
            if (tryAndCatch is null || tryRegion is null)
            {
                return null;
            }
            int index = 0;
            foreach (ControlFlowRegion nested in tryAndCatch.NestedRegions)
            {
                if (nested == region)
                {
                    break;
                }
                if (nested.Kind != ControlFlowRegionKind.Try)
                {
                    index++;
                }
            }
            for (int i = tryRegion.FirstBlockOrdinal; i <= tryRegion.LastBlockOrdinal; i++)
            {
                foreach (IOperation node in BlockNodes(_function.Graph.Blocks[i]))
                {
                    TryStatementSyntax? statement = node.Syntax.AncestorsAndSelf().OfType<TryStatementSyntax>()
                        .FirstOrDefault(t => t.Block.Span.Contains(node.Syntax.Span));
                    if (statement is not null && index < statement.Catches.Count)
                    {
                        CatchClauseSyntax clause = statement.Catches[index];
                        int end = clause.Declaration?.Span.End ?? clause.CatchKeyword.Span.End;
                        return Location.Create(clause.SyntaxTree, TextSpan.FromBounds(clause.CatchKeyword.SpanStart, end));
                    }
                }
            }
            return null;
        }
    }
}
