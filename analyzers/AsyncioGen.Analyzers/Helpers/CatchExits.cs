using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncioGen.Analyzers.Helpers;

/// <summary>
/// How a catch block ends, read from its syntax (a semantic control-flow analysis per catch block walked
/// the whole method each time, which made nested try statements quadratic).
/// </summary>
internal static class CatchExits
{
    /// <summary>
    /// True when some path through <paramref name="block"/> ends without sending the caught exception on:
    /// its end is reachable, it returns, breaks, continues or jumps out, or it throws a new exception that
    /// is not a cancellation (<c>throw new X(e)</c> turns a cancellation into a failure). <c>throw;</c>,
    /// <c>throw e;</c>, a thrown cancellation and calls marked [DoesNotReturn] (such as
    /// <c>ExceptionDispatchInfo.Capture(e).Throw()</c>) send it on.
    /// </summary>
    public static bool CanFinishWithoutPropagating(BlockSyntax block, SemanticModel model, System.Threading.CancellationToken cancellationToken) =>
        LeavesEarly(block) || !AlwaysPropagates(block, model, cancellationToken);

    private static bool AlwaysPropagates(StatementSyntax statement, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        switch (statement)
        {
            case ThrowStatementSyntax thrown:
                return Propagates(thrown.Expression, model, cancellationToken);
            case BlockSyntax block:
                // A statement that always throws makes the rest unreachable (early exits are LeavesEarly's).
                return block.Statements.Any(s => AlwaysPropagates(s, model, cancellationToken));
            case IfStatementSyntax conditional:
                return conditional.Else is not null
                    && AlwaysPropagates(conditional.Statement, model, cancellationToken)
                    && AlwaysPropagates(conditional.Else.Statement, model, cancellationToken);
            case ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }:
                return model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol method
                    && method.GetAttributes().Any(a => a.AttributeClass is { Name: "DoesNotReturnAttribute" });
            case TryStatementSyntax tryStatement:
                return tryStatement.Finally is not null && AlwaysPropagates(tryStatement.Finally.Block, model, cancellationToken)
                    || AlwaysPropagates(tryStatement.Block, model, cancellationToken)
                       && tryStatement.Catches.All(c => c.Block is not null && AlwaysPropagates(c.Block, model, cancellationToken));
            case LockStatementSyntax locked:
                return AlwaysPropagates(locked.Statement, model, cancellationToken);
            case UsingStatementSyntax usingStatement:
                return AlwaysPropagates(usingStatement.Statement, model, cancellationToken);
            case CheckedStatementSyntax checkedStatement:
                return AlwaysPropagates(checkedStatement.Block, model, cancellationToken);
            default:
                return false;
        }
    }

    /// <summary><c>throw;</c> and <c>throw e;</c> send the caught exception on; <c>throw new X(...)</c> only if X is a cancellation.</summary>
    private static bool Propagates(ExpressionSyntax? expression, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        if (expression is not BaseObjectCreationExpressionSyntax creation)
        {
            return true;
        }
        INamedTypeSymbol? cancellation = model.Compilation.GetTypeByMetadataName("System.OperationCanceledException");
        return TypeHierarchy.DerivesFrom(model.GetTypeInfo(creation, cancellationToken).Type, cancellation);
    }

    /// <summary>A return, goto or yield break in the block, or a break/continue whose loop or switch is outside it.</summary>
    private static bool LeavesEarly(BlockSyntax block)
    {
        foreach (SyntaxNode node in block.DescendantNodes(n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            switch (node)
            {
                case ReturnStatementSyntax:
                case GotoStatementSyntax:
                case YieldStatementSyntax:
                    return true;
                case BreakStatementSyntax or ContinueStatementSyntax:
                    if (!HasTargetWithin(node, block, node is BreakStatementSyntax))
                    {
                        return true;
                    }
                    break;
            }
        }
        return false;
    }

    private static bool HasTargetWithin(SyntaxNode jump, BlockSyntax block, bool isBreak)
    {
        for (SyntaxNode? current = jump.Parent; current is not null && current != block; current = current.Parent)
        {
            if (current is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax
                || isBreak && current is SwitchStatementSyntax)
            {
                return true;
            }
        }
        return false;
    }
}
