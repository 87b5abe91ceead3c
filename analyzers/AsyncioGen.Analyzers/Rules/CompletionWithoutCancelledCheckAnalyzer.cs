using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncioGen.Analyzers.Flow;
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
public sealed class CompletionWithoutCancelledCheckAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.AIO004);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            FlowSymbols? symbols = FlowSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }
            start.RegisterOperationBlockAction(block =>
            {
                Dictionary<SyntaxNode, IAnonymousFunctionOperation>? lambdas = null;
                foreach (FunctionGraph root in FunctionGraph.Roots(block))
                {
                    lambdas ??= FlowHelpers.IndexLambdas(block.OperationBlocks);
                    Analyze(root, symbols, lambdas, block.ReportDiagnostic, block.CancellationToken);
                }
            });
        });
    }

    private static void Analyze(FunctionGraph function, FlowSymbols symbols, Dictionary<SyntaxNode, IAnonymousFunctionOperation> lambdas,
        Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool analyzed = false;
        if (function.Lambda is not null)
        {
            LambdaContext lambdaContext = FlowHelpers.ClassifyLambda(function.Lambda, symbols);
            if (lambdaContext.Kind is LambdaContextKind.LoopCallback or LambdaContextKind.ThreadsafeLoopCallback
                or LambdaContextKind.DoneCallback or LambdaContextKind.EventHandler or LambdaContextKind.UserCallback)
            {
                new Analysis(symbols, report, function.Symbol, FlowHelpers.DoneCallbackReceiver(lambdaContext), coroutine: false).Run(function.Graph, FactMap.Empty);
                analyzed = true;
            }
        }
        if (!analyzed && symbols.IsCoroutine(function.Symbol))
        {
            // A coroutine resumed after an await is a continuation: a future it did not create may have been cancelled meanwhile.
            new Analysis(symbols, report, function.Symbol, null, coroutine: true).Run(function.Graph, FactMap.Empty);
        }
        foreach (FunctionGraph child in function.Children(lambdas))
        {
            Analyze(child, symbols, lambdas, report, cancellationToken);
        }
    }

    private sealed class Analysis : FutureFlowAnalysis
    {
        private readonly Action<Diagnostic> _report;
        private readonly IMethodSymbol _callback;
        private readonly ISymbol? _doneReceiver;

        private readonly bool _coroutine;

        public Analysis(FlowSymbols symbols, Action<Diagnostic> report, IMethodSymbol callback, ISymbol? doneReceiver, bool coroutine) : base(symbols)
        {
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
                && !(FlowHelpers.IsDeclaredWithin(receiver, _callback) && (receiver is ILocalSymbol || !_coroutine))
                && !SymbolEqualityComparer.Default.Equals(receiver, _doneReceiver)
                && !Symbols.IsFutureTask(invocation.Instance?.Type)
                && !InsideTryThatCatchesInvalidState(invocation))
            {
                _report(Diagnostic.Create(DiagnosticDescriptors.AIO004, LocationOf(invocation), invocation.TargetMethod.Name, FlowHelpers.Describe(receiver),
                    _coroutine ? "after an await" : "in a callback"));
            }
            // Completing (or cancelling) it here is a check of sorts: a second completion is AIO001's business.
            return Symbols.IsAnyCompletion(invocation) ? state.Add(receiver, FutureFacts.Checked) : state;
        }

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
                            && (caught is null || FlowSymbols.DerivesFrom(Symbols.InvalidStateError, caught as INamedTypeSymbol)))
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
}
