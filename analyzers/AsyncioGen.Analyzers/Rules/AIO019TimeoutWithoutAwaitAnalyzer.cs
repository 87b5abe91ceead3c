using System.Linq;
using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO019 (flake8-async's ASYNC100): <c>Asyncio.Timeout(delay, async ... =&gt; { ... })</c> (or
/// <c>Asyncio.TimeoutAt</c>) whose async body has no await of its own: awaits in nested lambdas and local
/// functions do not count (they run when, and if, something calls them); awaits in nested blocks, and the
/// implicit awaits of <c>await foreach</c> and <c>await using</c>, do. The timeout can never cancel such a body.
/// Reported on the call. Quiet for non-async bodies (<c>() =&gt; WorkAsync()</c> returns a coroutine that has
/// its own awaits) and method groups.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TimeoutWithoutAwaitAnalyzer : AsyncioAnalyzer
{
    public TimeoutWithoutAwaitAnalyzer()
        : base(DiagnosticDescriptors.AIO019)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(context =>
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name is not ("Timeout" or "TimeoutAt") || !TypeHierarchy.IsType(invocation.TargetMethod.ContainingType, symbols.Asyncio))
            {
                return;
            }
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (CodeShape.AsAnonymousFunction(argument.Value) is { Symbol.IsAsync: true } body
                    && body.Syntax is AnonymousFunctionExpressionSyntax syntax
                    && !Awaits(syntax.Body))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO019, invocation.Syntax.GetLocation(), "Asyncio." + invocation.TargetMethod.Name));
                }
            }
        }, OperationKind.Invocation);
    }

    private static bool Awaits(SyntaxNode body) =>
        body.DescendantNodesAndSelf(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
            .Any(n => n is AwaitExpressionSyntax
                || n is CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || n is UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                || n is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword });
}
