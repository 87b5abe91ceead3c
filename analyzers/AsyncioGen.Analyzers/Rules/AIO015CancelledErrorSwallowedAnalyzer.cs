using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO015: in a coroutine, a catch clause that can catch CancelledError (bare <c>catch</c>,
/// <c>catch (Exception)</c>, <c>catch (OperationCanceledException)</c>, <c>catch (CancelledError)</c>)
/// guarding a try block that awaits, and that can finish without throwing (its end is reachable or it
/// returns/breaks/continues out). Quiet when the clause calls <c>Uncancel()</c>, when its filter
/// excludes cancellation (<c>when (e is not OperationCanceledException)</c>), asks <c>Cancelling()</c> (asyncio's
/// test that the cancellation is not the current task's), or restricts the type to
/// something that is not a cancellation, when an earlier clause of the same try already takes
/// CancelledError, when the try block has no await, and outside coroutines.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancelledErrorSwallowedAnalyzer : AsyncioAnalyzer
{
    public CancelledErrorSwallowedAnalyzer()
        : base(DiagnosticDescriptors.AIO015)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        if (symbols.CancelledError is null)
        {
            return;
        }
        start.RegisterSyntaxNodeAction(c => AnalyzeFunction(c, symbols),
            SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement,
            SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);
    }

    /// <summary>
    /// One coroutine body at a time, in one walk that does not enter nested functions (they get their own
    /// action): its awaits, try statements, Cancel() receivers and thrown locals are collected once, so
    /// nested try statements cost linear time (each catch used to rescan its try block and the whole body).
    /// </summary>
    private static void AnalyzeFunction(SyntaxNodeAnalysisContext context, AsyncioSymbols symbols)
    {
        SyntaxNode function = context.Node;
        SemanticModel model = context.SemanticModel;
        IMethodSymbol? symbol = function is AnonymousFunctionExpressionSyntax
            ? model.GetSymbolInfo(function, context.CancellationToken).Symbol as IMethodSymbol
            : model.GetDeclaredSymbol(function, context.CancellationToken) as IMethodSymbol;
        if (!symbols.IsCoroutine(symbol))
        {
            return;
        }
        FunctionFacts facts = FunctionFacts.Collect(function, model, context.CancellationToken);
        foreach (TryStatementSyntax tryStatement in facts.Tries)
        {
            if (!facts.AwaitsWithin(tryStatement.Block.Span))
            {
                continue;
            }
            bool? awaitsOnlyCancelled = null;
            foreach (CatchClauseSyntax clause in tryStatement.Catches)
            {
                if (clause.Block is null || clause.Block.IsMissing || !CatchesCancellation(clause, model, symbols, context.CancellationToken))
                {
                    continue;
                }
                if (IsSwallowing(clause, tryStatement, model, symbols, facts, ref awaitsOnlyCancelled, context.CancellationToken))
                {
                    TextSpan span = clause.Declaration is null
                        ? clause.CatchKeyword.Span
                        : TextSpan.FromBounds(clause.CatchKeyword.SpanStart, clause.Declaration.Span.End);
                    string shown = clause.Declaration is null ? "catch" : "catch (" + clause.Declaration.Type + ")";
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO015, Location.Create(clause.SyntaxTree, span), shown));
                }
                if (clause.Filter is null)
                {
                    break; // it takes CancelledError: none is left for the later clauses
                }
            }
        }
    }

    private static bool IsSwallowing(CatchClauseSyntax clause, TryStatementSyntax tryStatement, SemanticModel model, AsyncioSymbols symbols,
        FunctionFacts facts, ref bool? awaitsOnlyCancelled, System.Threading.CancellationToken cancellationToken)
    {
        awaitsOnlyCancelled ??= facts.AwaitsOnlyWhatItCancelled(tryStatement, model, cancellationToken);
        if (awaitsOnlyCancelled.Value)
        {
            return false;
        }
        if (clause.Filter is not null && FilterExcludesCancellation(clause.Filter, model, symbols, cancellationToken))
        {
            return false;
        }
        if (CallsUncancel(clause.Block, model, cancellationToken))
        {
            return false;
        }
        ILocalSymbol? caught = clause.Declaration is { Identifier.RawKind: not 0 } declaration && declaration.Identifier.Span.Length > 0
            ? model.GetDeclaredSymbol(declaration, cancellationToken) as ILocalSymbol
            : null;
        // CPython's Condition.wait idiom: the catch records the error (err = e) and the coroutine throws it later.
        if (caught is not null && StoresInto(clause.Block, caught, model, cancellationToken).Any(facts.IsThrownLater))
        {
            return false;
        }
        return CatchExits.CanFinishWithoutPropagating(clause.Block, model, cancellationToken);
    }

    /// <summary>The locals the catch block assigns the caught exception to (<c>err = e;</c>).</summary>
    private static IEnumerable<ILocalSymbol> StoresInto(BlockSyntax block, ILocalSymbol caught, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        foreach (AssignmentExpressionSyntax assignment in block.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && assignment.Right is IdentifierNameSyntax right && right.Identifier.ValueText == caught.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(right, cancellationToken).Symbol, caught)
                && model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol is ILocalSymbol target)
            {
                yield return target;
            }
        }
    }

    /// <summary>What one walk of a coroutine body finds.</summary>
    private sealed class FunctionFacts
    {
        private readonly List<int> _awaits = new();
        private readonly List<(int Position, ExpressionSyntax Receiver)> _cancels = new();
        private readonly List<IdentifierNameSyntax> _thrown = new();
        private readonly SemanticModel _model;
        private readonly System.Threading.CancellationToken _cancellationToken;

        private FunctionFacts(SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            _model = model;
            _cancellationToken = cancellationToken;
        }

        public List<TryStatementSyntax> Tries { get; } = new();

        public static FunctionFacts Collect(SyntaxNode function, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            var facts = new FunctionFacts(model, cancellationToken);
            SyntaxNode? body = function switch
            {
                BaseMethodDeclarationSyntax method => (SyntaxNode?)method.Body ?? method.ExpressionBody,
                LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
                AnonymousFunctionExpressionSyntax lambda => lambda.Body,
                _ => null,
            };
            if (body is null)
            {
                return facts;
            }
            foreach (SyntaxNode node in body.DescendantNodesAndSelf(n => n == body || !IsFunction(n)))
            {
                switch (node)
                {
                    case TryStatementSyntax tryStatement:
                        facts.Tries.Add(tryStatement);
                        break;
                    case AwaitExpressionSyntax:
                    case ForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }:
                    case UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }:
                    case LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }:
                        facts._awaits.Add(node.SpanStart);
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Cancel" } access } call:
                        facts._cancels.Add((call.SpanStart, access.Expression));
                        break;
                    case ThrowStatementSyntax { Expression: IdentifierNameSyntax thrown }:
                        facts._thrown.Add(thrown);
                        break;
                    case ThrowExpressionSyntax { Expression: IdentifierNameSyntax thrown }:
                        facts._thrown.Add(thrown);
                        break;
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Throw" or "Capture" }, ArgumentList.Arguments.Count: 1 } call
                        when call.ArgumentList.Arguments[0].Expression is IdentifierNameSyntax thrown:
                        facts._thrown.Add(thrown); // ExceptionDispatchInfo.Throw(err) / ExceptionDispatchInfo.Capture(err).Throw()
                        break;
                }
            }
            facts._awaits.Sort();
            return facts;
        }

        private static bool IsFunction(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

        /// <summary>Whether an await of this function (not of a nested one) lies in <paramref name="span"/> (binary search).</summary>
        public bool AwaitsWithin(TextSpan span)
        {
            int index = _awaits.BinarySearch(span.Start);
            if (index < 0)
            {
                index = ~index;
            }
            return index < _awaits.Count && _awaits[index] < span.End;
        }

        public bool IsThrownLater(ILocalSymbol local)
        {
            foreach (IdentifierNameSyntax thrown in _thrown)
            {
                if (thrown.Identifier.ValueText == local.Name
                    && SymbolEqualityComparer.Default.Equals(_model.GetSymbolInfo(thrown, _cancellationToken).Symbol, local))
                {
                    return true;
                }
            }
            return false;
        }

        /// <summary>
        /// asyncio's own idiom, <c>task.Cancel(); try { await task; } catch (CancelledError) { ... }</c>: every
        /// await of the try block awaits a variable this function cancelled before the try, so the
        /// CancelledError caught is that task's, not the coroutine's own.
        /// </summary>
        public bool AwaitsOnlyWhatItCancelled(TryStatementSyntax tryStatement, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            var cancelledBefore = _cancels
                .Where(c => c.Position < tryStatement.SpanStart)
                .Select(c => model.GetSymbolInfo(c.Receiver, cancellationToken).Symbol)
                .Where(symbol => symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol)
                .ToList();
            if (cancelledBefore.Count == 0)
            {
                return false;
            }
            foreach (SyntaxNode node in tryStatement.Block.DescendantNodes(n => !IsFunction(n)))
            {
                if (node is ForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                    || node is UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                    || node is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword })
                {
                    return false;
                }
                if (node is not AwaitExpressionSyntax awaited)
                {
                    continue;
                }
                ExpressionSyntax target = awaited.Expression;
                while (target is ParenthesizedExpressionSyntax parenthesized)
                {
                    target = parenthesized.Expression;
                }
                ISymbol? symbol = model.GetSymbolInfo(target, cancellationToken).Symbol;
                if (symbol is null || !cancelledBefore.Any(cancelled => SymbolEqualityComparer.Default.Equals(cancelled, symbol)))
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>True when the clause's type is CancelledError or one of its base types (bare catch: always).</summary>
    internal static bool CatchesCancellation(CatchClauseSyntax clause, SemanticModel model, AsyncioSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        if (clause.Declaration is null)
        {
            return true;
        }
        ITypeSymbol? type = model.GetTypeInfo(clause.Declaration.Type, cancellationToken).Type;
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return false;
        }
        return TypeHierarchy.DerivesFrom(symbols.CancelledError, type as INamedTypeSymbol);
    }

    /// <summary>
    /// A filter with a negated type test against a cancellation type (<c>e is not OperationCanceledException</c>,
    /// <c>!(e is CancelledError)</c>), or a positive type test against a type CancelledError is not (<c>e is IOException</c>).
    /// </summary>
    private static bool FilterExcludesCancellation(CatchFilterClauseSyntax filter, SemanticModel model, AsyncioSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        if (model.GetOperation(filter.FilterExpression, cancellationToken) is not IOperation operation)
        {
            return false;
        }
        foreach (IOperation node in operation.DescendantsAndSelf())
        {
            switch (node)
            {
                // asyncio's own test for "is this my cancellation?": `when (task.Cancelling() == 0)` lets a
                // cancellation of the current task through and catches only another task's.
                case IInvocationOperation { TargetMethod.Name: "Cancelling", TargetMethod.ContainingType: { } owner }
                    when TypeHierarchy.DerivesFrom(symbols.Future, owner) || owner is { Name: "IFutureTask", ContainingNamespace.Name: "AsyncioGen" }:
                    return true;
                case IIsTypeOperation isType:
                    if (Excludes(isType.TypeOperand, negated: isType.IsNegated || IsNegatedByParent(isType), symbols))
                    {
                        return true;
                    }
                    break;
                case IIsPatternOperation isPattern:
                    if (PatternExcludes(isPattern.Pattern, IsNegatedByParent(isPattern), symbols))
                    {
                        return true;
                    }
                    break;
            }
        }
        return false;
    }

    private static bool PatternExcludes(IPatternOperation pattern, bool negated, AsyncioSymbols symbols) => pattern switch
    {
        INegatedPatternOperation not => PatternExcludes(not.Pattern, !negated, symbols),
        ITypePatternOperation type => Excludes(type.MatchedType, negated, symbols),
        IDeclarationPatternOperation declaration when declaration.MatchedType is not null => Excludes(declaration.MatchedType, negated, symbols),
        IRecursivePatternOperation recursive when recursive.MatchedType is not null => Excludes(recursive.MatchedType, negated, symbols),
        IBinaryPatternOperation binary => (binary.OperatorKind == BinaryOperatorKind.And) != negated
            ? PatternExcludes(binary.LeftPattern, negated, symbols) || PatternExcludes(binary.RightPattern, negated, symbols)
            : PatternExcludes(binary.LeftPattern, negated, symbols) && PatternExcludes(binary.RightPattern, negated, symbols),
        _ => false,
    };

    private static bool Excludes(ITypeSymbol? tested, bool negated, AsyncioSymbols symbols)
    {
        if (tested is not INamedTypeSymbol type || type.TypeKind == TypeKind.Error)
        {
            return false;
        }
        bool cancellationIsA = TypeHierarchy.DerivesFrom(symbols.CancelledError, type);
        // "is not OperationCanceledException" lets cancellations through; "is IOException" never matches one.
        return negated ? cancellationIsA : !cancellationIsA && !TypeHierarchy.DerivesFrom(type, symbols.CancelledError);
    }

    private static bool IsNegatedByParent(IOperation operation)
    {
        bool negated = false;
        for (IOperation? parent = operation.Parent; parent is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } or IParenthesizedOperation; parent = parent.Parent)
        {
            if (parent is IUnaryOperation)
            {
                negated = !negated;
            }
        }
        return negated;
    }

    private static bool CallsUncancel(BlockSyntax block, SemanticModel model, System.Threading.CancellationToken cancellationToken) =>
        block.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
            i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Uncancel" } or MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Uncancel" }
            && model.GetSymbolInfo(i, cancellationToken).Symbol is IMethodSymbol);
}
