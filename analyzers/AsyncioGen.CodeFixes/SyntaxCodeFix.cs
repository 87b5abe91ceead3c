using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncioGen.CodeFixes;

/// <summary>
/// What every AsyncioGen code fix shares: the document's syntax root and semantic model are fetched
/// once per request, actions are offered diagnostic by diagnostic, and Fix All goes through the batch
/// fixer unless a fix needs its own.
/// </summary>
public abstract class SyntaxCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }
        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            RegisterFixes(context, root, model, diagnostic);
        }
    }

    /// <summary>Offers the fixes for one diagnostic (with <see cref="CodeFixContext.RegisterCodeFix(Microsoft.CodeAnalysis.CodeActions.CodeAction, Diagnostic)"/>).</summary>
    protected abstract void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic);
}
