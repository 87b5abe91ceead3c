using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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

/// <summary>
/// AIO013 fix: <c>async (args) => body</c> → <c>(args) => _ = Asyncio.CreateTask(async () => body)</c>.
/// The callback stays synchronous and starts a real task on the running loop (every loop callback runs
/// on the loop): the task can be cancelled (it is in <c>Asyncio.AllTasks()</c>), and its failure goes to
/// the loop's exception handler instead of escaping as an async void exception. The discard marks the
/// fire-and-forget as intended (AIO006 stays quiet on it). Method groups get no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncLambdaAsCallbackCodeFix)), Shared]
public sealed class AsyncLambdaAsCallbackCodeFix : SyntaxCodeFix
{
    public const string Key = "AIO013.StartTask";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.AsyncLambdaAsCallback);

    protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        SyntaxToken token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        // A parameter named '_' would turn the discard into an assignment to it: no fix then.
        if (!token.IsKind(SyntaxKind.AsyncKeyword) || token.Parent is not AnonymousFunctionExpressionSyntax function || HasParameterNamedDiscard(function))
        {
            return;
        }
        if (function is not LambdaExpressionSyntax && function is not AnonymousMethodExpressionSyntax)
        {
            return;
        }
        context.RegisterCodeFix(CodeAction.Create("Start a task from a synchronous callback",
            ct => FixAsync(context.Document, function, ct), Key), diagnostic);
    }

    private static async Task<Document> FixAsync(Document document, AnonymousFunctionExpressionSyntax function, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        // The coroutine: the original body in a parameterless async lambda.
        CSharpSyntaxNode body = function.Body;
        ParenthesizedLambdaExpressionSyntax coroutine = SyntaxFactory.ParenthesizedLambdaExpression(
                SyntaxFactory.ParameterList(),
                body)
            .WithAsyncKeyword(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithArrowToken(SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithLeadingTrivia(SyntaxFactory.Space)
                .WithTrailingTrivia(function is LambdaExpressionSyntax lambda ? lambda.ArrowToken.TrailingTrivia : SyntaxFactory.TriviaList(SyntaxFactory.Space)))
            .WithParameterList(SyntaxFactory.ParameterList().WithTrailingTrivia());
        ExpressionSyntax start = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseName("global::AsyncioGen.Asyncio").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.IdentifierName("CreateTask")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(coroutine))));
        ExpressionSyntax discard = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression,
            SyntaxFactory.ParseExpression("_").WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
            start);

        SyntaxToken arrow = SyntaxFactory.Token(SyntaxKind.EqualsGreaterThanToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space);
        AnonymousFunctionExpressionSyntax replacement;
        switch (function)
        {
            case SimpleLambdaExpressionSyntax simple:
                replacement = SyntaxFactory.SimpleLambdaExpression(simple.Parameter.WithoutTrivia(), discard)
                    .WithModifiers(RemoveAsync(simple.Modifiers)).WithArrowToken(arrow);
                break;
            case ParenthesizedLambdaExpressionSyntax parenthesized:
                replacement = SyntaxFactory.ParenthesizedLambdaExpression(parenthesized.ParameterList.WithoutTrivia(), discard)
                    .WithModifiers(RemoveAsync(parenthesized.Modifiers)).WithArrowToken(arrow);
                break;
            case AnonymousMethodExpressionSyntax anonymous:
                replacement = anonymous
                    .WithAsyncKeyword(default)
                    .WithDelegateKeyword(anonymous.DelegateKeyword.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.Space))
                    .WithBody(SyntaxFactory.Block(
                        SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.SingletonList<StatementSyntax>(SyntaxFactory.ExpressionStatement(discard).WithTrailingTrivia(SyntaxFactory.Space)),
                        SyntaxFactory.Token(SyntaxKind.CloseBraceToken)));
                break;
            default:
                return document;
        }
        replacement = replacement.WithLeadingTrivia(function.GetLeadingTrivia()).WithTrailingTrivia(function.GetTrailingTrivia());
        return document.WithSyntaxRoot(root.ReplaceNode(function, replacement));
    }

    private static bool HasParameterNamedDiscard(AnonymousFunctionExpressionSyntax function)
    {
        var parameters = function switch
        {
            SimpleLambdaExpressionSyntax simple => new[] { simple.Parameter },
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.ToArray(),
            AnonymousMethodExpressionSyntax { ParameterList: { } list } => list.Parameters.ToArray(),
            _ => System.Array.Empty<ParameterSyntax>(),
        };
        return parameters.Any(p => p.Identifier.ValueText == "_");
    }

    private static SyntaxTokenList RemoveAsync(SyntaxTokenList modifiers) =>
        SyntaxFactory.TokenList(modifiers.Where(m => !m.IsKind(SyntaxKind.AsyncKeyword)));
}
