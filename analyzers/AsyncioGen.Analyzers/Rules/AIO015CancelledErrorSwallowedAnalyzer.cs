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
/// excludes cancellation (<c>when (e is not OperationCanceledException)</c>) or restricts the type to
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
        start.RegisterSyntaxNodeAction(c => Analyze(c, symbols), SyntaxKind.CatchClause);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, AsyncioSymbols symbols)
    {
        var clause = (CatchClauseSyntax)context.Node;
        if (clause.Parent is not TryStatementSyntax tryStatement || clause.Block is null || clause.Block.IsMissing)
        {
            return;
        }
        SemanticModel model = context.SemanticModel;
        if (!CatchesCancellation(clause, model, symbols, context.CancellationToken))
        {
            return;
        }
        // An earlier clause that takes CancelledError (without a filter) leaves none for this one.
        foreach (CatchClauseSyntax earlier in tryStatement.Catches.TakeWhile(c => c != clause))
        {
            if (earlier.Filter is null && CatchesCancellation(earlier, model, symbols, context.CancellationToken))
            {
                return;
            }
        }
        if (!TryBlockAwaits(tryStatement.Block) || !symbols.IsInCoroutine(clause, model, context.CancellationToken))
        {
            return;
        }
        if (AwaitsOnlyWhatItCancelled(tryStatement, model, context.CancellationToken))
        {
            return;
        }
        if (clause.Filter is not null && FilterExcludesCancellation(clause.Filter, model, symbols, context.CancellationToken))
        {
            return;
        }
        if (CallsUncancel(clause.Block, model, context.CancellationToken) || !CanFinishWithoutThrowing(clause.Block, model))
        {
            return;
        }
        TextSpan span = clause.Declaration is null
            ? clause.CatchKeyword.Span
            : TextSpan.FromBounds(clause.CatchKeyword.SpanStart, clause.Declaration.Span.End);
        string shown = clause.Declaration is null ? "catch" : "catch (" + clause.Declaration.Type + ")";
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO015, Location.Create(clause.SyntaxTree, span), shown));
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

    private static bool TryBlockAwaits(BlockSyntax block) =>
        block.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
            .Any(n => n is AwaitExpressionSyntax
                || n is ForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || n is UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || n is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword });

    /// <summary>
    /// asyncio's own idiom, <c>task.Cancel(); try { await task; } catch (CancelledError) { ... }</c>: every
    /// await of the try block awaits a variable this method cancelled before the try, so the
    /// CancelledError caught is that task's, not the coroutine's own.
    /// </summary>
    private static bool AwaitsOnlyWhatItCancelled(TryStatementSyntax tryStatement, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        SyntaxNode? body = tryStatement.Ancestors().FirstOrDefault(node =>
            node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax);
        if (body is null)
        {
            return false;
        }
        var awaits = tryStatement.Block
            .DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
            .Where(n => n is AwaitExpressionSyntax
                || n is ForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || n is UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || n is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword })
            .ToList();
        if (awaits.Count == 0)
        {
            return false;
        }
        var cancelledBefore = body.DescendantNodes()
            .OfType<InvocationExpressionSyntax>()
            .Where(call => call.SpanStart < tryStatement.SpanStart
                && call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Cancel" })
            .Select(call => model.GetSymbolInfo(((MemberAccessExpressionSyntax)call.Expression).Expression, cancellationToken).Symbol)
            .Where(symbol => symbol is ILocalSymbol or IParameterSymbol or IFieldSymbol)
            .ToList();
        if (cancelledBefore.Count == 0)
        {
            return false;
        }
        foreach (SyntaxNode node in awaits)
        {
            if (node is not AwaitExpressionSyntax awaited)
            {
                return false;
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

    /// <summary>The block can end normally, or leaves by return/break/continue/goto.</summary>
    internal static bool CanFinishWithoutThrowing(BlockSyntax block, SemanticModel model)
    {
        ControlFlowAnalysis? flow;
        try
        {
            flow = model.AnalyzeControlFlow(block);
        }
        catch (System.ArgumentException)
        {
            return false; // not an analyzable region (broken code)
        }
        if (flow is null || !flow.Succeeded)
        {
            return false;
        }
        return flow.EndPointIsReachable || flow.ExitPoints.Any(e => !e.IsKind(SyntaxKind.ThrowStatement));
    }
}
