using System;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen.Analyzers;
using AsyncioGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncioGen.CodeFixes;

/// <summary>
/// AIO007 fixes: <c>Thread.Sleep(ms)</c> → <c>await Asyncio.Sleep(seconds)</c> (a literal when the
/// argument is constant, <c>ms / 1000.0</c> otherwise, the TimeSpan as is); <c>task.Wait()</c>,
/// <c>task.Result</c> and <c>task.GetAwaiter().GetResult()</c> → <c>await task</c>. Not offered inside
/// a <c>lock</c> (no await allowed) nor for WaitAll/WaitAny/WaitHandle/semaphores.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingCallInCoroutineCodeFix)), Shared]
public sealed class BlockingCallInCoroutineCodeFix : SyntaxCodeFix
{
    public const string SleepKey = "AIO007.AsyncioSleep";
    public const string AwaitKey = "AIO007.Await";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.BlockingCallInCoroutine);

    protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(BlockingCallInCoroutineAnalyzer.FixProperty, out string? kind) || kind is null)
        {
            return;
        }
        SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is not ExpressionSyntax expression || InLock(expression))
        {
            return;
        }
        if (kind == "Sleep" && expression is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } sleep)
        {
            ExpressionSyntax? seconds = Seconds(sleep.ArgumentList.Arguments[0].Expression, model, context.CancellationToken);
            if (seconds is not null)
            {
                context.RegisterCodeFix(CodeAction.Create("Use 'await Asyncio.Sleep(...)'",
                    ct => ReplaceAsync(context.Document, expression, SleepCall(seconds), ct), SleepKey), diagnostic);
            }
        }
        else if (kind == "Await" && TaskOf(expression) is { } task)
        {
            context.RegisterCodeFix(CodeAction.Create("Await the task",
                ct => ReplaceAsync(context.Document, expression, Await(task.WithoutTrivia()), ct), AwaitKey), diagnostic);
        }
    }

    internal static AwaitExpressionSyntax Await(ExpressionSyntax expression) =>
        SyntaxFactory.AwaitExpression(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space), expression);

    private static bool InLock(SyntaxNode node)
    {
        foreach (SyntaxNode ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case LockStatementSyntax:
                case CatchFilterClauseSyntax:
                case QueryExpressionSyntax:
                    return true;
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case MemberDeclarationSyntax:
                    return false;
            }
        }
        return false;
    }

    /// <summary>The task of <c>t.Wait()</c>, <c>t.Result</c>, <c>t.GetAwaiter().GetResult()</c>.</summary>
    private static ExpressionSyntax? TaskOf(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait } => wait.Expression,
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetResult", Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter } } } => getAwaiter.Expression,
        _ => null,
    };

    private static ExpressionSyntax SleepCall(ExpressionSyntax seconds) =>
        Await(SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseName("global::AsyncioGen.Asyncio").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.IdentifierName("Sleep")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(seconds)))));

    /// <summary>The argument of Asyncio.Sleep for Thread.Sleep's argument: a literal for constants, ms / 1000.0 otherwise, a TimeSpan as is.</summary>
    private static ExpressionSyntax? Seconds(ExpressionSyntax argument, SemanticModel model, CancellationToken cancellationToken)
    {
        ITypeSymbol? type = model.GetTypeInfo(argument, cancellationToken).Type;
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return null;
        }
        if (type.Name == "TimeSpan")
        {
            return argument.WithoutTrivia();
        }
        Optional<object?> constant = model.GetConstantValue(argument, cancellationToken);
        if (constant.HasValue && constant.Value is int milliseconds && milliseconds >= 0)
        {
            string text = (milliseconds / 1000.0).ToString("R", CultureInfo.InvariantCulture);
            if (text.IndexOfAny(new[] { '.', 'E' }) < 0)
            {
                text += ".0";
            }
            return SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(text, milliseconds / 1000.0));
        }
        ExpressionSyntax left = argument.WithoutTrivia();
        if (left is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or LiteralExpressionSyntax or ParenthesizedExpressionSyntax or ElementAccessExpressionSyntax))
        {
            left = SyntaxFactory.ParenthesizedExpression(left);
        }
        return SyntaxFactory.BinaryExpression(SyntaxKind.DivideExpression, left,
            SyntaxFactory.Token(SyntaxKind.SlashToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space),
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal("1000.0", 1000.0)));
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax original, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        if (original.Parent is MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax or ElementAccessExpressionSyntax
            or InvocationExpressionSyntax or PostfixUnaryExpressionSyntax)
        {
            replacement = SyntaxFactory.ParenthesizedExpression(replacement);
        }
        return document.WithSyntaxRoot(root.ReplaceNode(original, replacement.WithTriviaFrom(original)));
    }
}
