using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen.Analyzers;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncioGen.CodeFixes;

/// <summary>
/// AIO015 fixes: (1) add <c>throw;</c> at the end of the catch block (offered when the block only falls
/// off its end; a block that returns needs a human); (2) for <c>catch (Exception)</c>,
/// <c>catch (OperationCanceledException)</c> and bare <c>catch</c> without a filter, insert
/// <c>catch (CancelledError) { throw; }</c> before it, so other exceptions are still handled.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CancelledErrorSwallowedCodeFix)), Shared]
public sealed class CancelledErrorSwallowedCodeFix : SyntaxCodeFix
{
    public const string RethrowKey = "AIO015.Rethrow";
    public const string CatchCancelledFirstKey = "AIO015.CatchCancelledErrorFirst";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.CancelledErrorSwallowed);

    protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        INamedTypeSymbol? cancelledError = model.Compilation.GetTypeByMetadataName("AsyncioGen.CancelledError");
        CatchClauseSyntax? clause = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<CatchClauseSyntax>().FirstOrDefault();
        if (clause?.Block is null)
        {
            return;
        }
        if (!CatchExits.CanFinishWithoutPropagating(clause.Block, model, context.CancellationToken))
        {
            return;
        }
        ControlFlowAnalysis? flow = model.AnalyzeControlFlow(clause.Block);
        if (flow is { Succeeded: true, EndPointIsReachable: true } && flow.ExitPoints.IsEmpty)
        {
            context.RegisterCodeFix(CodeAction.Create("Rethrow at the end of the catch block",
                ct => RethrowAsync(context.Document, clause, ct), RethrowKey), diagnostic);
        }
        ITypeSymbol? caught = clause.Declaration is null ? null : model.GetTypeInfo(clause.Declaration.Type, context.CancellationToken).Type;
        if (clause.Filter is null && cancelledError is not null
            && (caught is null || !SymbolEqualityComparer.Default.Equals(caught, cancelledError)))
        {
            context.RegisterCodeFix(CodeAction.Create("Let CancelledError through (catch and rethrow it first)",
                ct => CatchCancelledFirstAsync(context.Document, clause, ct), CatchCancelledFirstKey), diagnostic);
        }
    }

    private static async Task<Document> RethrowAsync(Document document, CatchClauseSyntax clause, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SourceTextLines? lines = (await document.GetTextAsync(cancellationToken).ConfigureAwait(false)).Lines is var l ? new SourceTextLines(l) : null;
        if (root is null || lines is null)
        {
            return document;
        }
        BlockSyntax block = clause.Block;
        var rethrow = (ThrowStatementSyntax)SyntaxFactory.ParseStatement("throw;");
        BlockSyntax updated;
        bool singleLine = lines.Value.LineOf(block.OpenBraceToken.SpanStart) == lines.Value.LineOf(block.CloseBraceToken.SpanStart);
        if (singleLine)
        {
            updated = block.WithStatements(block.Statements.Add(rethrow.WithTrailingTrivia(SyntaxFactory.Space)));
            if (block.Statements.Count == 0 && !block.OpenBraceToken.TrailingTrivia.Any(SyntaxKind.WhitespaceTrivia))
            {
                updated = updated.WithOpenBraceToken(updated.OpenBraceToken.WithTrailingTrivia(SyntaxFactory.Space));
            }
        }
        else
        {
            SyntaxTriviaList indentation = block.Statements.Count > 0
                ? block.Statements.Last().GetLeadingTrivia()
                : SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(Indentation(block.CloseBraceToken) + "    "));
            SyntaxTrivia eol = block.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is var e && e.IsKind(SyntaxKind.EndOfLineTrivia) ? e : SyntaxFactory.EndOfLine("\n");
            updated = block.WithStatements(block.Statements.Add(rethrow.WithLeadingTrivia(indentation.Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia))).WithTrailingTrivia(eol)));
        }
        return document.WithSyntaxRoot(root.ReplaceNode(block, updated));
    }

    private static string Indentation(SyntaxToken token) =>
        string.Concat(token.LeadingTrivia.Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Select(t => t.ToString()));

    private static async Task<Document> CatchCancelledFirstAsync(Document document, CatchClauseSyntax clause, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || clause.Parent is not TryStatementSyntax tryStatement)
        {
            return document;
        }
        // Parsed, not built: built tokens carry elastic trivia the formatter would spread over several lines.
        CatchClauseSyntax cancelled = ((TryStatementSyntax)SyntaxFactory.ParseStatement("try { } catch (global::AsyncioGen.CancelledError) { throw; }")).Catches[0];
        cancelled = cancelled.ReplaceNode(cancelled.Declaration!.Type, cancelled.Declaration.Type.WithAdditionalAnnotations(Simplifier.Annotation))
            .WithLeadingTrivia(clause.GetLeadingTrivia())
            .WithTrailingTrivia(clause.Block.CloseBraceToken.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia)
                ? clause.Block.CloseBraceToken.TrailingTrivia
                : SyntaxFactory.TriviaList(SyntaxFactory.Space));
        if (!clause.GetLeadingTrivia().Any(SyntaxKind.WhitespaceTrivia) && !tryStatement.Block.CloseBraceToken.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia))
        {
            cancelled = cancelled.WithTrailingTrivia(SyntaxFactory.Space);
        }
        int index = tryStatement.Catches.IndexOf(clause);
        TryStatementSyntax updated = tryStatement.WithCatches(tryStatement.Catches.Insert(index, cancelled));
        return document.WithSyntaxRoot(root.ReplaceNode(tryStatement, updated));
    }

    private readonly struct SourceTextLines
    {
        private readonly Microsoft.CodeAnalysis.Text.TextLineCollection _lines;
        public SourceTextLines(Microsoft.CodeAnalysis.Text.TextLineCollection lines) => _lines = lines;
        public int LineOf(int position) => _lines.GetLineFromPosition(position).LineNumber;
    }
}
