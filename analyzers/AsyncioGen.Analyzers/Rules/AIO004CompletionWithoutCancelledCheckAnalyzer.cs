using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncioGen.Analyzers.Flow;
using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO004: SetResult/SetException in a callback or continuation, on a future captured from outside
/// the callback, with no IsCancelled/IsDone check on the path. Callbacks: lambdas passed to
/// CallSoon, CallLater, CallAt, CallSoonThreadsafe, AddDoneCallback, event handlers, and
/// void-returning callbacks of user APIs ([Future]-style). Thread-pool and timer callbacks belong
/// to AIO008, which reports there instead. A coroutine after an await is a continuation too: a
/// future it did not create (parameter, field, captured) may have been cancelled while it was suspended.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CompletionWithoutCancelledCheckAnalyzer : AsyncioAnalyzer
{
    public CompletionWithoutCancelledCheckAnalyzer()
        : base(DiagnosticDescriptors.AIO004)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationBlockAction(block =>
        {
            BodyIndex index = BodyIndex.For(block, symbols);
            if (!index.HasCompletion)
            {
                return;
            }
            var privateFutures = new Lazy<PrivateFutures>(() => new PrivateFutures(block.OperationBlocks, symbols));
            List<Diagnostic>? decided = null;
            if (!TryDecideWithoutFlow(index, block, symbols, privateFutures, ref decided))
            {
                Dictionary<SyntaxNode, IAnonymousFunctionOperation> lambdas = FlowHelpers.IndexLambdas(block.OperationBlocks);
                foreach (FunctionGraph root in FunctionGraph.Roots(block))
                {
                    Analyze(root, symbols, lambdas, privateFutures.Value, block.ReportDiagnostic, block.CancellationToken);
                }
                return;
            }
            foreach (Diagnostic diagnostic in decided ?? (IEnumerable<Diagnostic>)Array.Empty<Diagnostic>())
            {
                block.ReportDiagnostic(diagnostic);
            }
        });
        start.RegisterOperationAction(c => AnalyzeMethodGroup(c, symbols), OperationKind.MethodReference);
    }

    /// <summary>
    /// Decides the body from its <see cref="BodyIndex"/> alone when no path can make a check, so the
    /// control-flow graph cannot change the answer: every function that completes a future is either
    /// neither a callback nor a coroutine (nothing to report), a coroutine without an await (its
    /// completions all come before any suspension), or a callback with no IsDone/IsCancelled, no await,
    /// no try, loop or jump, and one completion per future (then "checked" can never hold, and a local
    /// is fresh exactly when every write to it in the callback creates a future). False when some
    /// function needs the flow analysis; then <paramref name="reports"/> is meaningless.
    /// </summary>
    private static bool TryDecideWithoutFlow(BodyIndex index, OperationBlockAnalysisContext block, AsyncioSymbols symbols,
        Lazy<PrivateFutures> privateFutures, ref List<Diagnostic>? reports)
    {
        foreach (FunctionFacts function in index.Functions)
        {
            IInvocationOperation? first = null;
            foreach (IInvocationOperation completion in function.Completions)
            {
                if (symbols.IsSetCompletion(completion))
                {
                    first = completion;
                    break;
                }
            }
            if (first is null || InsideExpressionTree(function))
            {
                continue;
            }
            IMethodSymbol? symbol = function.Node switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => block.OwningSymbol as IMethodSymbol,
            };
            if (symbol is null)
            {
                continue;
            }
            LambdaContext context = function.Node is IAnonymousFunctionOperation anonymous ? FlowHelpers.ClassifyLambda(anonymous, symbols) : default;
            if (!IsAnalyzedCallback(context.Kind))
            {
                if (symbols.IsCoroutine(symbol) && function.Awaits.Count > 0)
                {
                    return false;
                }
                continue;
            }
            if (function.HasJumps || function.HasDoneCheck || function.Awaits.Count > 0 || function.CompletesOneReceiverTwice(FlowHelpers.GetAccessKey))
            {
                return false;
            }
            ISymbol? doneReceiver = FlowHelpers.DoneCallbackReceiver(context);
            ISymbol? doneParameter = DoneParameter(context, symbol);
            foreach (IInvocationOperation completion in function.Completions)
            {
                if (!symbols.IsSetCompletion(completion) || FlowHelpers.GetAccessKey(completion.Instance) is not { } receiver)
                {
                    continue;
                }
                bool fresh = false;
                if (receiver is ILocalSymbol local && FlowHelpers.IsDeclaredWithin(local, symbol))
                {
                    bool? allCreate = EveryWriteCreates(function.Node, local, symbols);
                    if (allCreate is null)
                    {
                        return false;
                    }
                    fresh = allCreate.Value;
                }
                if (!IsExempt(completion, receiver, fresh, doneReceiver, doneParameter, symbols, privateFutures.Value))
                {
                    (reports ??= new List<Diagnostic>()).Add(CreateDiagnostic(completion, completion.Instance!, coroutine: false));
                }
            }
        }
        return true;
    }

    private static bool IsAnalyzedCallback(LambdaContextKind kind) =>
        kind is LambdaContextKind.LoopCallback or LambdaContextKind.ThreadsafeLoopCallback
            or LambdaContextKind.DoneCallback or LambdaContextKind.EventHandler or LambdaContextKind.UserCallback;

    /// <summary>The done callback's own future parameter (it is done when the callback runs).</summary>
    private static ISymbol? DoneParameter(LambdaContext context, IMethodSymbol callback) =>
        context.Kind == LambdaContextKind.DoneCallback && callback.Parameters.Length > 0 ? callback.Parameters[0] : null;

    private static bool InsideExpressionTree(FunctionFacts function)
    {
        for (FunctionFacts? f = function; f is not null; f = f.Parent)
        {
            if (f.Node is IAnonymousFunctionOperation && FunctionGraph.IsExpressionTree(f.Node))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// True when every write to <paramref name="local"/> in the function (not in nested ones) stores a new
    /// future, false when none does, null when some do and some do not (then order matters: flow decides).
    /// </summary>
    private static bool? EveryWriteCreates(IOperation function, ILocalSymbol local, AsyncioSymbols symbols)
    {
        int creating = 0, other = 0;
        var stack = new Stack<IOperation>();
        foreach (IOperation child in function.ChildOperations)
        {
            stack.Push(child);
        }
        while (stack.Count > 0)
        {
            IOperation node = stack.Pop();
            if (node is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                continue;
            }
            switch (node)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.GetVariableInitializer() is { } initializer)
                    {
                        if (BodyIndex.IsFutureCreation(initializer.Value, symbols)) creating++; else other++;
                    }
                    break;
                case ISimpleAssignmentOperation assignment when SymbolEqualityComparer.Default.Equals(FlowHelpers.GetVariable(assignment.Target), local):
                    if (BodyIndex.IsFutureCreation(assignment.Value, symbols)) creating++; else other++;
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument when SymbolEqualityComparer.Default.Equals(FlowHelpers.GetVariable(argument.Value), local):
                case IDeconstructionAssignmentOperation:
                case ICompoundAssignmentOperation:
                case ICoalesceAssignmentOperation:
                case IForEachLoopOperation:
                case IDeclarationPatternOperation:
                    other++;
                    break;
            }
            foreach (IOperation child in node.ChildOperations)
            {
                stack.Push(child);
            }
        }
        return other == 0 ? creating > 0 : creating == 0 ? false : null;
    }

    /// <summary>The exemptions of the rule, shared by the flow analysis and the decision without flow.</summary>
    private static bool IsExempt(IInvocationOperation invocation, ISymbol receiver, bool fresh, ISymbol? doneReceiver, ISymbol? doneParameter,
        AsyncioSymbols symbols, PrivateFutures privateFutures) =>
        receiver is ILocalSymbol local && privateFutures.IsPrivate(local)
        || fresh
        || SymbolEqualityComparer.Default.Equals(receiver, doneReceiver)
        || SymbolEqualityComparer.Default.Equals(receiver, doneParameter)
        || symbols.IsFutureTask(invocation.Instance?.Type);

    private static Diagnostic CreateDiagnostic(IInvocationOperation invocation, IOperation receiver, bool coroutine) =>
        Diagnostic.Create(DiagnosticDescriptors.AIO004, CompletionSyntax(invocation).GetLocation(), invocation.TargetMethod.Name, FlowHelpers.Describe(receiver),
            coroutine ? "after an await" : "in a callback");

    /// <summary>The completion as written: <c>f?.SetResult(v)</c> rather than its <c>.SetResult(v)</c> part.</summary>
    private static SyntaxNode CompletionSyntax(IInvocationOperation invocation) =>
        invocation.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax access && access.WhenNotNull == invocation.Syntax
            ? access
            : invocation.Syntax;

    /// <summary>
    /// <c>loop.CallSoonThreadsafe(f.SetResult, value)</c> (asyncio's <c>call_soon_threadsafe(fut.set_result, v)</c>):
    /// the completion itself is the callback, so nothing can check the future before it runs.
    /// </summary>
    private static void AnalyzeMethodGroup(OperationAnalysisContext context, AsyncioSymbols symbols)
    {
        var reference = (IMethodReferenceOperation)context.Operation;
        if (symbols.RoleOf(reference.Method) != MemberRole.Completion || reference.Method.Name == "Cancel"
            || reference.Instance is not { } instance || symbols.IsFutureTask(instance.Type))
        {
            return;
        }
        if (FlowHelpers.ClassifyLambda(reference, symbols).Kind is not (LambdaContextKind.LoopCallback or LambdaContextKind.ThreadsafeLoopCallback
            or LambdaContextKind.DoneCallback or LambdaContextKind.EventHandler or LambdaContextKind.UserCallback))
        {
            return;
        }
        if (FlowHelpers.GetVariable(instance) is ILocalSymbol local)
        {
            IOperation root = reference;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }
            if (new PrivateFutures(ImmutableArray.Create(root), symbols).IsPrivate(local))
            {
                return;
            }
        }
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO004, reference.Syntax.GetLocation(), reference.Method.Name,
            FlowHelpers.Describe(instance), "in a callback"));
    }

    private static void Analyze(FunctionGraph function, AsyncioSymbols symbols, Dictionary<SyntaxNode, IAnonymousFunctionOperation> lambdas,
        PrivateFutures privateFutures, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool analyzed = false;
        if (function.Lambda is not null)
        {
            LambdaContext lambdaContext = FlowHelpers.ClassifyLambda(function.Lambda, symbols);
            if (IsAnalyzedCallback(lambdaContext.Kind))
            {
                // The done future itself: the receiver of AddDoneCallback, and the callback's first parameter.
                new Analysis(symbols, report, function.Symbol, FlowHelpers.DoneCallbackReceiver(lambdaContext), DoneParameter(lambdaContext, function.Symbol), coroutine: false, privateFutures)
                    .Run(function.Graph, FactMap.Empty);
                analyzed = true;
            }
        }
        if (!analyzed && symbols.IsCoroutine(function.Symbol) && !HasConfigureAwaitFalse(function))
        {
            // A coroutine resumed after an await is a continuation: a future it did not create may have been cancelled meanwhile.
            new Analysis(symbols, report, function.Symbol, null, null, coroutine: true, privateFutures).Run(function.Graph, FactMap.Empty);
        }
        foreach (FunctionGraph child in function.Children(lambdas))
        {
            Analyze(child, symbols, lambdas, privateFutures, report, cancellationToken);
        }
    }

    /// <summary>After ConfigureAwait(false) the coroutine runs off the loop: AIO008 reports there instead.</summary>
    private static bool HasConfigureAwaitFalse(FunctionGraph function)
    {
        foreach (IOperation node in function.Operations())
        {
            if (node is IAwaitOperation await
                && FlowHelpers.StripConversions(await.Operation) is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure
                && configure.Arguments.Length == 1
                && configure.Arguments[0].Value.ConstantValue is { HasValue: true, Value: false })
            {
                return true;
            }
        }
        return false;
    }

    private sealed class Analysis : FutureFlowAnalysis
    {
        private readonly Action<Diagnostic> _report;
        private readonly IMethodSymbol _callback;
        private readonly ISymbol? _doneReceiver;
        private readonly ISymbol? _doneParameter;

        private readonly bool _coroutine;
        private readonly PrivateFutures _privateFutures;

        public Analysis(AsyncioSymbols symbols, Action<Diagnostic> report, IMethodSymbol callback, ISymbol? doneReceiver, ISymbol? doneParameter,
            bool coroutine, PrivateFutures privateFutures) : base(symbols)
        {
            _doneParameter = doneParameter;
            _privateFutures = privateFutures;
            _report = report;
            _callback = callback;
            _doneReceiver = doneReceiver;
            _coroutine = coroutine;
        }

        /// <summary>In a coroutine, the function symbol carries "an await may have happened" (a may fact).</summary>
        private bool AfterAwait(FactMap state) => !_coroutine || state.Has(_callback, FutureFacts.MayBeCompleted);

        protected override FactMap OnFutureCall(IInvocationOperation invocation, ISymbol receiver, FactMap state)
        {
            if (Reporting
                && Symbols.IsSetCompletion(invocation)
                && !state.Has(receiver, FutureFacts.Checked)
                && AfterAwait(state)
                && !IsExempt(invocation, receiver,
                    fresh: receiver is ILocalSymbol && state.Has(receiver, FutureFacts.Created) && FlowHelpers.IsDeclaredWithin(receiver, _callback),
                    _doneReceiver, _doneParameter, Symbols, _privateFutures)
                && !InsideTryThatCatchesInvalidState(invocation))
            {
                _report(CreateDiagnostic(invocation, ResolveCapture(invocation.Instance!), _coroutine));
            }
            // Completing (or cancelling) it here is a check of sorts: a second completion is AIO001's business.
            return Symbols.IsAnyCompletion(invocation) ? state.Add(receiver, FutureFacts.Checked) : state;
        }

        protected override bool TracksAccessPaths => true;

        /// <summary>
        /// A local of this function that holds a future it created (CreateFuture, new Future) on every path
        /// is fresh: nobody else can have cancelled it. A local that took a future from elsewhere (a table
        /// lookup, an out argument, a foreach over waiters) is not.
        /// </summary>
        protected override FactMap OnAssigned(ISymbol variable, IOperation? value, FactMap state) =>
            state.With(variable, value is not null && PrivateFutures.IsCreation(value, Symbols) ? FutureFacts.Created : FutureFacts.None);

        protected override FactMap OnAwait(IAwaitOperation await, ISymbol? awaited, FactMap state)
        {
            // While suspended, the future may be cancelled: an earlier check no longer holds.
            state = state.RemoveWhere(_ => true, FutureFacts.Checked);
            if (awaited is not null)
            {
                // Awaiting the future itself: it is done afterwards (completing it again is AIO001's business).
                state = state.Add(awaited, FutureFacts.Checked);
            }
            return _coroutine ? state.Add(_callback, FutureFacts.MayBeCompleted) : state;
        }

        protected override FactMap OnCheck(ISymbol variable, string property, bool value, FactMap state) =>
            state.Add(variable, FutureFacts.Checked);

        private bool InsideTryThatCatchesInvalidState(IOperation operation)
        {
            for (var region = FindRegion(operation); region is not null; region = region.EnclosingRegion)
            {
                if (region.Kind == Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowRegionKind.TryAndCatch)
                {
                    foreach (var handler in region.NestedRegions)
                    {
                        ITypeSymbol? caught = handler.ExceptionType;
                        if (handler.Kind is Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowRegionKind.Catch
                            && (caught is null || TypeHierarchy.DerivesFrom(Symbols.InvalidStateError, caught as INamedTypeSymbol)))
                        {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        private Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowRegion? FindRegion(IOperation operation)
        {
            foreach (var block in Graph.Blocks)
            {
                foreach (IOperation top in block.Operations)
                {
                    foreach (IOperation node in top.DescendantsAndSelf())
                    {
                        if (node == operation)
                        {
                            return block.EnclosingRegion;
                        }
                    }
                }
            }
            return null;
        }
    }

    /// <summary>
    /// A local future that nobody else can cancel: created here with CreateFuture/new Future, and
    /// only ever used as the receiver of members other than Cancel or passed to RunUntilComplete
    /// (never awaited, returned, passed elsewhere, stored or copied).
    /// </summary>
    private sealed class PrivateFutures
    {
        private readonly List<IOperation> _nodes;
        private readonly AsyncioSymbols _symbols;
        private readonly Dictionary<ILocalSymbol, bool> _cache = new(SymbolEqualityComparer.Default);

        public PrivateFutures(ImmutableArray<IOperation> blocks, AsyncioSymbols symbols)
        {
            _symbols = symbols;
            var roots = new HashSet<IOperation>();
            foreach (IOperation block in blocks)
            {
                IOperation root = block;
                while (root.Parent is not null)
                {
                    root = root.Parent;
                }
                roots.Add(root);
            }
            _nodes = new List<IOperation>();
            foreach (IOperation root in roots)
            {
                _nodes.AddRange(root.DescendantsAndSelf());
            }
        }

        public bool IsPrivate(ILocalSymbol local)
        {
            if (!_cache.TryGetValue(local, out bool result))
            {
                _cache[local] = result = Compute(local);
            }
            return result;
        }

        private bool IsCreation(IOperation? value) => IsCreation(value, _symbols);

        /// <summary>A new plain future: <c>loop.CreateFuture()</c> or <c>new Future(..)</c>.</summary>
        public static bool IsCreation(IOperation? value, AsyncioSymbols symbols) => FlowHelpers.StripConversions(value) switch
        {
            IInvocationOperation invocation => symbols.IsLoopMethod(invocation.TargetMethod, "CreateFuture"),
            IObjectCreationOperation creation => symbols.IsFuture(creation.Type) && !symbols.IsFutureTask(creation.Type),
            _ => false,
        };

        private bool Compute(ILocalSymbol local)
        {
            bool declared = false;
            foreach (IOperation node in _nodes)
            {
                if (node is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    if (!IsCreation(declarator.GetVariableInitializer()?.Value))
                    {
                        return false;
                    }
                    declared = true;
                }
                if (node is not ILocalReferenceOperation reference || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    continue;
                }
                IOperation use = reference;
                while (use.Parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
                {
                    use = use.Parent;
                }
                bool ok = use.Parent switch
                {
                    IInvocationOperation call when call.Instance == use => call.TargetMethod.Name != "Cancel",
                    IMethodReferenceOperation method when method.Instance == use => method.Method.Name != "Cancel",
                    IPropertyReferenceOperation property when property.Instance == use => true,
                    IArgumentOperation { Parent: IInvocationOperation run } => _symbols.IsLoopMethod(run.TargetMethod, "RunUntilComplete"),
                    ISimpleAssignmentOperation assignment when assignment.Target == use => IsCreation(assignment.Value),
                    _ => false,
                };
                if (!ok)
                {
                    return false;
                }
            }
            return declared;
        }
    }
}
