using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncioGen.CodeFixes;

/// <summary>
/// Shared by the AIO001 and AIO004 fixes: wraps the statement <c>fut.SetResult(...);</c> reported
/// by the diagnostic in <c>if (!fut.&lt;Property&gt;) ...</c>. An expression-bodied lambda
/// (<c>() =&gt; fut.SetResult(1)</c>) gets a block body.
/// </summary>
public abstract class GuardCompletionCodeFix : SyntaxCodeFix
{
    private readonly string _diagnosticId;
    private readonly string _property;

    protected GuardCompletionCodeFix(string diagnosticId, string property)
    {
        _diagnosticId = diagnosticId;
        _property = property;
    }

    public sealed override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(_diagnosticId);

    /// <summary>The equivalence key of the fix (one per rule and property).</summary>
    protected string EquivalenceKey => _diagnosticId + ".GuardWith" + _property;

    protected sealed override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
            || invocation.Expression is not MemberAccessExpressionSyntax memberAccess)
        {
            return;
        }
        if (invocation.Parent is not ExpressionStatementSyntax && invocation.Parent is not LambdaExpressionSyntax)
        {
            return;
        }
        string receiver = memberAccess.Expression.WithoutTrivia().ToString();
        context.RegisterCodeFix(
            CodeAction.Create(
                $"Guard with 'if (!{receiver}.{_property})'",
                cancellationToken => GuardAsync(context.Document, invocation, memberAccess.Expression, cancellationToken),
                EquivalenceKey),
            diagnostic);
    }

    private async Task<Document> GuardAsync(Document document, InvocationExpressionSyntax invocation, ExpressionSyntax receiver, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        ExpressionSyntax target = receiver.WithoutTrivia();
        if (target is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or ThisExpressionSyntax or ElementAccessExpressionSyntax or InvocationExpressionSyntax))
        {
            target = SyntaxFactory.ParenthesizedExpression(target);
        }
        ExpressionSyntax condition = SyntaxFactory.PrefixUnaryExpression(
            SyntaxKind.LogicalNotExpression,
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, target, SyntaxFactory.IdentifierName(_property)));

        SyntaxNode newRoot;
        if (invocation.Parent is ExpressionStatementSyntax statement)
        {
            IfStatementSyntax guarded = SyntaxFactory.IfStatement(
                    SyntaxFactory.Token(SyntaxKind.IfKeyword).WithLeadingTrivia(statement.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.Token(SyntaxKind.OpenParenToken),
                    condition,
                    SyntaxFactory.Token(SyntaxKind.CloseParenToken).WithTrailingTrivia(SyntaxFactory.Space),
                    statement.WithoutLeadingTrivia(),
                    null);
            newRoot = root.ReplaceNode(statement, guarded);
        }
        else if (invocation.Parent is LambdaExpressionSyntax lambda && lambda.ExpressionBody == invocation)
        {
            // () => f.SetResult(1)  becomes  () => { if (!f.IsDone) f.SetResult(1); }
            string text = "{ if (" + condition.ToFullString() + ") " + invocation.WithoutTrivia().ToFullString() + "; }";
            BlockSyntax block = (BlockSyntax)SyntaxFactory.ParseStatement(text).WithTriviaFrom(invocation);
            LambdaExpressionSyntax newLambda = lambda.WithExpressionBody(null).WithBlock(block);
            newRoot = root.ReplaceNode(lambda, newLambda);
        }
        else
        {
            return document;
        }
        return document.WithSyntaxRoot(newRoot);
    }
}
