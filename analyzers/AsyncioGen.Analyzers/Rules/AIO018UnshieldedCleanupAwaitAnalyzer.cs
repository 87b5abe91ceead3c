using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO018 (flake8-async's ASYNC102/ASYNC120): in a coroutine, an <c>await</c> inside a <c>finally</c> block or
/// inside a catch clause that catches CancelledError (<c>catch (CancelledError)</c>,
/// <c>catch (OperationCanceledException)</c>), unless what it awaits is <c>Asyncio.Shield(...)</c>. Catches of
/// <c>Exception</c> are left to AIO015. The implicit awaits of <c>await using</c> and <c>await foreach</c> count too.
/// Shielded means awaiting <c>Asyncio.Shield(...)</c>, a local that holds one (never reassigned), or
/// <c>Asyncio.WaitFor</c> of either (the timeout cancels only the shield, the cleanup runs on). Reported on the
/// await (<c>await using</c>, <c>await foreach</c> for the implicit ones).
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
        // The awaits the compiler writes: DisposeAsync of 'await using', MoveNextAsync/DisposeAsync of 'await foreach'.
        start.RegisterOperationAction(context =>
        {
            SyntaxToken awaitKeyword = default;
            SyntaxToken keyword = default;
            switch (context.Operation)
            {
                case IUsingOperation { IsAsynchronous: true, Syntax: UsingStatementSyntax statement }:
                    (awaitKeyword, keyword) = (statement.AwaitKeyword, statement.UsingKeyword);
                    break;
                case IUsingDeclarationOperation { IsAsynchronous: true } usingDeclaration
                    when (usingDeclaration.Syntax as LocalDeclarationStatementSyntax ?? usingDeclaration.Syntax.Parent as LocalDeclarationStatementSyntax) is { } declaration:
                    (awaitKeyword, keyword) = (declaration.AwaitKeyword, declaration.UsingKeyword);
                    break;
                case IForEachLoopOperation { IsAsynchronous: true, Syntax: CommonForEachStatementSyntax loop }:
                    (awaitKeyword, keyword) = (loop.AwaitKeyword, loop.ForEachKeyword);
                    break;
                default:
                    return;
            }
            if (CleanupAround(context.Operation.Syntax, context.Operation.SemanticModel, symbols, context.CancellationToken) is { } where
                && symbols.IsCoroutine(ConfigureAwaitFalseAnalyzer.EnclosingFunction(context.Operation, context.ContainingSymbol)))
            {
                Location location = Location.Create(context.Operation.Syntax.SyntaxTree, TextSpan.FromBounds(awaitKeyword.SpanStart, keyword.Span.End));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO018, location, where));
            }
        }, OperationKind.Using, OperationKind.UsingDeclaration, OperationKind.Loop);
    }

    private static bool IsShielded(IOperation awaited, AsyncioSymbols symbols, int depth = 0)
    {
        while (awaited is IConversionOperation or IParenthesizedOperation)
        {
            awaited = awaited is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)awaited).Operand;
        }
        switch (awaited)
        {
            case IInvocationOperation { TargetMethod.Name: "Shield" } shield when TypeHierarchy.IsType(shield.TargetMethod.ContainingType, symbols.Asyncio):
                return true;
            case IInvocationOperation { TargetMethod.Name: "WaitFor", Arguments.Length: > 0 } waitFor
                when TypeHierarchy.IsType(waitFor.TargetMethod.ContainingType, symbols.Asyncio) && depth < 4:
                // WaitFor(Shield(cleanup), t): a timeout (or a cancellation of this await) cancels the shield, not the cleanup.
                return IsShielded(waitFor.Arguments[0].Value, symbols, depth + 1);
            case ILocalReferenceOperation local when depth < 4:
                return LocalHoldsShield(local, symbols, depth);
            default:
                return false;
        }
    }

    /// <summary>A local initialized with a shielded future and never assigned again in its function.</summary>
    private static bool LocalHoldsShield(ILocalReferenceOperation reference, AsyncioSymbols symbols, int depth)
    {
        IOperation root = reference;
        while (root.Parent is { } parent)
        {
            root = parent;
        }
        bool initializedShielded = false;
        foreach (IOperation node in root.Descendants())
        {
            switch (node)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    IOperation? initial = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                    initializedShielded = initial is not null && IsShielded(initial, symbols, depth + 1);
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, reference.Local):
                    return false;
                case IArgumentOperation { Value: ILocalReferenceOperation byRef, Parameter.RefKind: RefKind.Ref or RefKind.Out }
                    when SymbolEqualityComparer.Default.Equals(byRef.Local, reference.Local):
                    return false;
            }
        }
        return initializedShielded;
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
