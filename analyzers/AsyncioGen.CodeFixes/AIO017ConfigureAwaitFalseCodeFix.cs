using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AsyncioGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncioGen.CodeFixes;

/// <summary>AIO017: <c>await t.ConfigureAwait(false)</c> becomes <c>await t</c> (the coroutine stays on its loop).</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(ConfigureAwaitFalseCodeFix)), Shared]
public sealed class ConfigureAwaitFalseCodeFix : SyntaxCodeFix
{
    public const string Key = "AIO017.RemoveConfigureAwait";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.ConfigureAwaitFalseInCoroutine);

    protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation)
        {
            return;
        }
        context.RegisterCodeFix(CodeAction.Create("Remove ConfigureAwait(false)",
            _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, access.Expression.WithTriviaFrom(invocation)))), Key), diagnostic);
    }
}
