using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Flow;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO001: a future completed more than once on some path. A forward "may be completed" dataflow
/// over each body's control-flow graph: SetResult, SetException and Cancel mark the future; an
/// assignment (a new instance) or the "not done" edge of an IsDone/IsCancelled check clears it; a
/// SetResult or SetException that meets a marked future is reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FutureCompletedTwiceAnalyzer : AsyncioAnalyzer
{
    public FutureCompletedTwiceAnalyzer()
        : base(DiagnosticDescriptors.AIO001)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationBlockAction(block =>
        {
            if (!MayCompleteTwice(BodyIndex.For(block, symbols)))
            {
                return;
            }
            foreach (FunctionGraph root in FunctionGraph.Roots(block))
            {
                Analyze(root, symbols, block.ReportDiagnostic, block.CancellationToken);
            }
        });
    }

    /// <summary>
    /// Every function starts with nothing completed, so a second completion needs two completion calls
    /// on one variable in one function, or one that a loop (or a goto) runs again: without either, no
    /// path can complete twice and the control-flow graph is not built.
    /// </summary>
    private static bool MayCompleteTwice(BodyIndex index)
    {
        foreach (FunctionFacts function in index.Functions)
        {
            if (function.Completions.Count > 0
                && (function.CompletionInLoop || function.HasLabel || function.CompletesOneReceiverTwice(FlowHelpers.GetVariable)))
            {
                return true;
            }
        }
        return false;
    }

    private static void Analyze(FunctionGraph function, AsyncioSymbols symbols, Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        new Analysis(symbols, report).Run(function.Graph, FactMap.Empty);
        var none = new Dictionary<SyntaxNode, IAnonymousFunctionOperation>();
        foreach (FunctionGraph child in function.Children(none))
        {
            Analyze(child, symbols, report, cancellationToken);
        }
    }

    private sealed class Analysis : FutureFlowAnalysis
    {
        private readonly Action<Diagnostic> _report;
        private readonly HashSet<IOperation> _reported = new();

        public Analysis(AsyncioSymbols symbols, Action<Diagnostic> report) : base(symbols) => _report = report;

        protected override FactMap OnFutureCall(IInvocationOperation invocation, ISymbol receiver, FactMap state)
        {
            if (!Symbols.IsAnyCompletion(invocation))
            {
                return state;
            }
            if (Reporting
                && Symbols.IsSetCompletion(invocation)
                && state.Has(receiver, FutureFacts.MayBeCompleted)
                && !Symbols.IsFutureTask(invocation.Instance?.Type)
                && _reported.Add(invocation))
            {
                _report(Diagnostic.Create(DiagnosticDescriptors.AIO001, LocationOf(invocation),
                    FlowHelpers.Describe(receiver), DescribeEarlier(invocation, receiver)));
            }
            return state.Add(receiver, FutureFacts.MayBeCompleted);
        }

        protected override FactMap OnCall(IOperation call, ImmutableArray<IArgumentOperation> arguments, FactMap state)
        {
            // A method of this type may store a new future in a field.
            if (call is IInvocationOperation { TargetMethod.ContainingType: { } type }
                && FieldsOf(state).Any(f => SymbolEqualityComparer.Default.Equals(f.ContainingType, type)))
            {
                return state.RemoveWhere(s => s is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.ContainingType, type), FutureFacts.MayBeCompleted);
            }
            return state;
        }

        private static IEnumerable<IFieldSymbol> FieldsOf(FactMap state)
        {
            foreach (ISymbol symbol in state.Symbols)
            {
                if (symbol is IFieldSymbol field)
                {
                    yield return field;
                }
            }
        }

        protected override FactMap OnAwait(IAwaitOperation await, ISymbol? awaited, FactMap state) =>
            // While the coroutine is suspended other code may store a new future in a field.
            state.RemoveWhere(s => s is IFieldSymbol, FutureFacts.MayBeCompleted);

        protected override FactMap OnCheck(ISymbol variable, string property, bool value, FactMap state) =>
            value ? state : state.Remove(variable, FutureFacts.MayBeCompleted);

        protected override FactMap ApplyFinally(FactMap state, FactMap finallyEntry, FactMap finallyExit)
        {
            // What the finally itself may have completed.
            foreach (ISymbol variable in finallyExit.Symbols)
            {
                if (finallyExit.Has(variable, FutureFacts.MayBeCompleted) && !finallyEntry.Has(variable, FutureFacts.MayBeCompleted))
                {
                    state = state.Add(variable, FutureFacts.MayBeCompleted);
                }
            }
            return state;
        }

        /// <summary>Names the completion that may have run before: the nearest one above, else an earlier loop iteration.</summary>
        private string DescribeEarlier(IInvocationOperation second, ISymbol receiver)
        {
            IInvocationOperation? best = null;
            foreach (IOperation node in FunctionGraph.OperationsOf(Graph))
            {
                if (node is IInvocationOperation invocation
                    && invocation != second
                    && Symbols.IsAnyCompletion(invocation)
                    && SymbolEqualityComparer.Default.Equals(FlowHelpers.GetVariable(invocation.Instance), receiver)
                    && invocation.Syntax.SpanStart < second.Syntax.SpanStart
                    && (best is null || invocation.Syntax.SpanStart > best.Syntax.SpanStart))
                {
                    best = invocation;
                }
            }
            return best is null
                ? "an earlier iteration of the loop completed it"
                : $"'{best.TargetMethod.Name}' on line {LineOf(best)} may have completed it";
        }
    }
}
