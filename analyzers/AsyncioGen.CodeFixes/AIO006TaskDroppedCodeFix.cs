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

namespace AsyncioGen.CodeFixes;

/// <summary>
/// AIO006 fixes: (1) keep the task in a new local, <c>var _task = loop.CreateTask(...);</c>, so it can be
/// awaited, cancelled or stored (offered for statements in a block or switch section; the '_' says it is not
/// read yet, which AIO006 accepts — rename it when you use it, or AIO006 reports a named local never read); (2) discard it
/// explicitly, <c>_ = loop.CreateTask(...);</c>, to say fire-and-forget is intended (the loop keeps live
/// tasks reachable and reports an unretrieved exception to its exception handler); (3) in async code,
/// await it (<c>await loop.CreateTask(...);</c> — this waits for the task, a change of behaviour, so it is
/// offered last).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TaskDroppedCodeFix)), Shared]
public sealed class TaskDroppedCodeFix : SyntaxCodeFix
{
    public const string LocalKey = "AIO006.StoreInLocal";
    public const string DiscardKey = "AIO006.Discard";
    public const string AwaitKey = "AIO006.Await";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.TaskDropped);

    /// <summary>
    /// Not the BatchFixer: fixes computed independently would all name their local 'task'. This one
    /// rewrites a document's occurrences together, numbering the locals (task, task2, ...).
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }
        bool local = context.CodeActionEquivalenceKey == LocalKey;
        var taken = new System.Collections.Generic.HashSet<string>();
        var replacements = new System.Collections.Generic.Dictionary<SyntaxNode, SyntaxNode>();
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
            {
                continue;
            }
            if (local && invocation.Parent is ExpressionStatementSyntax statement && statement.Parent is BlockSyntax or SwitchSectionSyntax)
            {
                string name = UniqueName(model, statement, "_task", taken);
                taken.Add(name);
                replacements[statement] = Declaration(statement, invocation, name);
            }
            else if (context.CodeActionEquivalenceKey == DiscardKey && invocation.Parent is ExpressionStatementSyntax or AnonymousFunctionExpressionSyntax)
            {
                replacements[invocation] = Discard(invocation);
            }
            else if (context.CodeActionEquivalenceKey == AwaitKey && CanAwait(invocation))
            {
                replacements[invocation] = Await(invocation);
            }
        }
        return document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
    }

    protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
        {
            return;
        }
        if (invocation.Parent is ExpressionStatementSyntax statement && statement.Parent is BlockSyntax or SwitchSectionSyntax)
        {
            context.RegisterCodeFix(CodeAction.Create("Keep the task in a local",
                ct => StoreInLocalAsync(context.Document, statement, invocation, ct), LocalKey), diagnostic);
        }
        if (invocation.Parent is ExpressionStatementSyntax or AnonymousFunctionExpressionSyntax)
        {
            context.RegisterCodeFix(CodeAction.Create("Discard the task explicitly (fire-and-forget)",
                ct => DiscardAsync(context.Document, invocation, ct), DiscardKey), diagnostic);
        }
        if (CanAwait(invocation))
        {
            context.RegisterCodeFix(CodeAction.Create("Await the task (waits for it here)",
                ct => AwaitAsync(context.Document, invocation, ct), AwaitKey), diagnostic);
        }
    }

    private static async Task<Document> StoreInLocalAsync(Document document, ExpressionStatementSyntax statement, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }
        string name = UniqueName(model, statement, "_task", null);
        return document.WithSyntaxRoot(root.ReplaceNode(statement, Declaration(statement, invocation, name)));
    }

    private static LocalDeclarationStatementSyntax Declaration(ExpressionStatementSyntax statement, InvocationExpressionSyntax invocation, string name) =>
        SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(SyntaxFactory.TriviaList(), SyntaxKind.VarKeyword, "var", "var", SyntaxFactory.TriviaList(SyntaxFactory.Space))),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name).WithTrailingTrivia(SyntaxFactory.Space))
                        .WithInitializer(SyntaxFactory.EqualsValueClause(
                            SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                            invocation.WithoutTrivia())))))
            .WithSemicolonToken(statement.SemicolonToken)
            .WithLeadingTrivia(statement.GetLeadingTrivia());

    /// <summary>A statement directly in an async function (not in a lock, where await is not allowed).</summary>
    private static bool CanAwait(InvocationExpressionSyntax invocation)
    {
        if (invocation.Parent is not ExpressionStatementSyntax)
        {
            return false;
        }
        foreach (SyntaxNode ancestor in invocation.Ancestors())
        {
            switch (ancestor)
            {
                case LockStatementSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax function:
                    return function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax localFunction:
                    return localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case BaseMethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MemberDeclarationSyntax:
                    return false;
            }
        }
        return false;
    }

    private static ExpressionSyntax Await(InvocationExpressionSyntax invocation) =>
        SyntaxFactory.AwaitExpression(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space), invocation.WithoutTrivia())
            .WithTriviaFrom(invocation);

    private static async Task<Document> AwaitAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(invocation, Await(invocation)));
    }

    private static async Task<Document> DiscardAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        return document.WithSyntaxRoot(root.ReplaceNode(invocation, Discard(invocation)));
    }

    private static ExpressionSyntax Discard(InvocationExpressionSyntax invocation) =>
        SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.ParseExpression("_").WithTrailingTrivia(SyntaxFactory.Space),
                SyntaxFactory.Token(SyntaxKind.EqualsToken).WithTrailingTrivia(SyntaxFactory.Space),
                invocation.WithoutTrivia())
            .WithTriviaFrom(invocation);

    internal static string UniqueName(SemanticModel model, SyntaxNode at, string baseName, System.Collections.Generic.ISet<string>? taken)
    {
        string name = baseName;
        int suffix = 2;
        SyntaxNode scope = at.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) ?? at;
        while ((taken?.Contains(name) ?? false) || !model.LookupSymbols(at.SpanStart, name: name).IsEmpty
               || scope.DescendantNodes().Any(n => n is VariableDeclaratorSyntax v && v.Identifier.ValueText == name
                                                  || n is SingleVariableDesignationSyntax d && d.Identifier.ValueText == name
                                                  || n is ParameterSyntax p && p.Identifier.ValueText == name))
        {
            name = baseName + suffix++.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return name;
    }
}
