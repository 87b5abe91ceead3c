using System.Collections.Immutable;
using System.Composition;
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
/// AIO003 fix: <c>new Future&lt;T&gt;(loop)</c> → <c>loop.CreateFuture&lt;T&gt;()</c>; without a loop
/// argument → <c>Asyncio.GetRunningLoop().CreateFuture&lt;T&gt;()</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCreateFutureCodeFix)), Shared]
public sealed class UseCreateFutureCodeFix : SyntaxCodeFix
{
    public const string Key = "AIO003.UseCreateFuture";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UseCreateFuture);

    protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax creation
            || model.GetTypeInfo(creation, context.CancellationToken).Type is not INamedTypeSymbol type)
        {
            return;
        }
        ExpressionSyntax? loop = null;
        if (diagnostic.Properties.TryGetValue(UseCreateFutureAnalyzer.HasLoopProperty, out string? hasLoop) && hasLoop == "true")
        {
            Location? location = diagnostic.AdditionalLocations.FirstOrDefault();
            SyntaxNode? found = location is null ? null : root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
            loop = found is ArgumentSyntax argument ? argument.Expression : found as ExpressionSyntax;
            if (loop is null)
            {
                return;
            }
        }
        string title = loop is null ? "Use Asyncio.GetRunningLoop().CreateFuture()" : "Use " + loop + ".CreateFuture()";
        context.RegisterCodeFix(CodeAction.Create(title, ct => FixAsync(context.Document, creation, loop, type, ct), Key), diagnostic);
    }

    private static async Task<Document> FixAsync(Document document, BaseObjectCreationExpressionSyntax creation, ExpressionSyntax? loop, INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        ExpressionSyntax receiver = loop is null
            ? SyntaxFactory.InvocationExpression(SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseName("global::AsyncioGen.Asyncio").WithAdditionalAnnotations(Simplifier.Annotation),
                SyntaxFactory.IdentifierName("GetRunningLoop")))
            : loop.WithoutTrivia();
        if (receiver is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ThisExpressionSyntax or ElementAccessExpressionSyntax))
        {
            receiver = SyntaxFactory.ParenthesizedExpression(receiver);
        }
        SimpleNameSyntax name = type.IsGenericType
            ? SyntaxFactory.GenericName(SyntaxFactory.Identifier("CreateFuture"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.ParseTypeName(type.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithAdditionalAnnotations(Simplifier.Annotation))))
            : SyntaxFactory.IdentifierName("CreateFuture");
        ExpressionSyntax call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, receiver, name))
            .WithTriviaFrom(creation);
        return document.WithSyntaxRoot(root.ReplaceNode(creation, call));
    }
}
