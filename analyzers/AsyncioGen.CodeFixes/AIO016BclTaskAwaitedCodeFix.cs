using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncioGen.CodeFixes;

/// <summary>AIO016 fix: <c>await expr</c> → <c>await Asyncio.WrapFuture(expr)</c> (Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BclTaskAwaitedCodeFix)), Shared]
public sealed class BclTaskAwaitedCodeFix : SyntaxCodeFix
{
    public const string Key = "AIO016.WrapFuture";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.BclTaskAwaitedInCoroutine);

    protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AwaitExpressionSyntax awaitExpression)
        {
            return;
        }
        context.RegisterCodeFix(CodeAction.Create("Wrap with Asyncio.WrapFuture",
            ct => FixAsync(context.Document, awaitExpression, ct), Key), diagnostic);
    }

    private static async Task<Document> FixAsync(Document document, AwaitExpressionSyntax awaitExpression, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        ExpressionSyntax operand = awaitExpression.Expression;
        InvocationExpressionSyntax wrapped = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.ParseName("global::AsyncioGen.Asyncio").WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.IdentifierName("WrapFuture")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(operand.WithoutTrivia()))))
            .WithTriviaFrom(operand);
        return document.WithSyntaxRoot(root.ReplaceNode(operand, wrapped));
    }
}
