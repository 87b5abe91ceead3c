using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using AsyncioGen.Analyzers;
using AsyncioGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AsyncioGen.CodeFixes;

/// <summary>
/// AIO023 fix: <c>await lk.AcquireAsync(); S1; ... Sn; lk.Release();</c> (the release a statement of the
/// same block) becomes <c>using (await lk.LockAsync()) { S1; ... Sn; }</c>, asyncio's <c>async with lk:</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LockNotReleasedOnEveryPathCodeFix)), Shared]
public sealed class LockNotReleasedOnEveryPathCodeFix : SyntaxCodeFix
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.LockNotReleasedOnEveryPath);

    protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not AwaitExpressionSyntax awaitExpression
            || awaitExpression.Parent is not ExpressionStatementSyntax acquire
            || acquire.Parent is not BlockSyntax block
            || awaitExpression.Expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            || model.GetOperation(access.Expression) is not { } receiver
            || LockReference.SymbolOf(receiver) is not { } lockSymbol)
        {
            return;
        }
        int first = block.Statements.IndexOf(acquire);
        int release = -1;
        for (int i = first + 1; i < block.Statements.Count; i++)
        {
            if (block.Statements[i] is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax invocation }
                && LockReference.IsRelease(invocation, lockSymbol, model))
            {
                release = i;
                break;
            }
        }
        if (release < 0)
        {
            return;
        }
        string lockText = access.Expression.ToString();
        context.RegisterCodeFix(
            CodeAction.Create(
                "Use 'using (await " + lockText + ".LockAsync())'",
                async cancellationToken =>
                {
                    SourceText text = await context.Document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    string indent = Indentation(acquire);
                    var body = new StringBuilder();
                    body.Append(indent).Append("using (await ").Append(lockText).Append(".LockAsync())\n");
                    body.Append(indent).Append("{\n");
                    for (int i = first + 1; i < release; i++)
                    {
                        foreach (string line in block.Statements[i].ToFullString().TrimEnd('\r', '\n').Split('\n'))
                        {
                            body.Append(line.Length == 0 ? "" : "    " + line.TrimEnd('\r')).Append('\n');
                        }
                    }
                    body.Append(indent).Append("}\n");
                    TextSpan span = TextSpan.FromBounds(acquire.FullSpan.Start, block.Statements[release].FullSpan.End);
                    return context.Document.WithText(text.WithChanges(new TextChange(span, body.ToString())));
                },
                equivalenceKey: "AIO023.UseLockAsync"),
            diagnostic);
    }

    private static string Indentation(SyntaxNode statement)
    {
        string leading = statement.GetLeadingTrivia().ToFullString();
        int newline = leading.LastIndexOf('\n');
        return newline < 0 ? leading : leading.Substring(newline + 1);
    }
}
