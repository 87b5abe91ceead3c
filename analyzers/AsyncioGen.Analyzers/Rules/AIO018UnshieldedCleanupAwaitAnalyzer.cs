using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO018 (flake8-async's ASYNC102/ASYNC120): in a coroutine, an <c>await</c> inside a <c>finally</c> block or
/// inside a catch clause that catches CancelledError (<c>catch (CancelledError)</c>,
/// <c>catch (OperationCanceledException)</c>), unless what it awaits is <c>Asyncio.Shield(...)</c>. Catches of
/// <c>Exception</c> are left to AIO015. Reported on the await.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnshieldedCleanupAwaitAnalyzer : AsyncioAnalyzer
{
    public UnshieldedCleanupAwaitAnalyzer()
        : base(DiagnosticDescriptors.AIO018)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        if (symbols.CancelledError is null || symbols.OperationCanceledException is null)
        {
            return;
        }
        start.RegisterOperationAction(context =>
        {
            var await = (IAwaitOperation)context.Operation;
            if (IsShielded(await.Operation, symbols) || CleanupAround(await.Syntax, await.SemanticModel, symbols, context.CancellationToken) is not { } where)
            {
                return;
            }
            if (symbols.IsCoroutine(ConfigureAwaitFalseAnalyzer.EnclosingFunction(await, context.ContainingSymbol)))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO018, await.Syntax.GetLocation(), where));
            }
        }, OperationKind.Await);
    }

    private static bool IsShielded(IOperation awaited, AsyncioSymbols symbols)
    {
        while (awaited is IConversionOperation conversion)
        {
            awaited = conversion.Operand;
        }
        return awaited is IInvocationOperation { TargetMethod.Name: "Shield" } shield && TypeHierarchy.IsType(shield.TargetMethod.ContainingType, symbols.Asyncio);
    }

    /// <summary>"a finally block" or "a catch of CancelledError" when the await sits (in this function) in one.</summary>
    private static string? CleanupAround(SyntaxNode node, SemanticModel? model, AsyncioSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return null;
                case FinallyClauseSyntax:
                    return "a finally block";
                case CatchClauseSyntax { Declaration: { } declaration } when model is not null:
                    ITypeSymbol? caught = model.GetTypeInfo(declaration.Type, cancellationToken).Type;
                    if (TypeHierarchy.DerivesFrom(caught, symbols.OperationCanceledException))
                    {
                        return "a catch of " + caught!.Name;
                    }
                    break;
            }
        }
        return null;
    }
}
