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
/// AIO019 (flake8-async's ASYNC100): <c>Asyncio.Timeout(delay, async ... =&gt; { ... })</c> whose async body
/// has no await (nested functions do not count): the timeout can never cancel it. Reported on the
/// <c>Timeout</c> call. Quiet for bodies that await, and for non-async bodies (<c>() =&gt; WorkAsync()</c>
/// returns a coroutine that has its own awaits).
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
            if (invocation.TargetMethod.Name != "Timeout" || !TypeHierarchy.IsType(invocation.TargetMethod.ContainingType, symbols.Asyncio))
            {
                return;
            }
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (CodeShape.AsAnonymousFunction(argument.Value) is { Symbol.IsAsync: true } body
                    && body.Syntax is AnonymousFunctionExpressionSyntax syntax
                    && !Awaits(syntax.Body))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO019, invocation.Syntax.GetLocation()));
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
