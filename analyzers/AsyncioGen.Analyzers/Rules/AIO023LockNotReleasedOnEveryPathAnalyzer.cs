using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO023: <c>await lk.AcquireAsync();</c> as a statement, where the same block later releases the same
/// <c>AsyncioGen.Lock</c> with a plain <c>lk.Release()</c> but no later <c>try</c> of that block releases it in
/// its <c>finally</c>: an exception, a return or a cancellation in between leaves the lock held. Quiet when
/// a try/finally releases it, and when the block never releases it (the lock is handed on on purpose).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LockNotReleasedOnEveryPathAnalyzer : AsyncioAnalyzer
{
    public LockNotReleasedOnEveryPathAnalyzer() : base(DiagnosticDescriptors.AIO023)
    {
    }

    private protected override void Register(RuleStart start)
    {
        INamedTypeSymbol? lockType = start.Compilation.GetTypeByMetadataName("AsyncioGen.Lock");
        if (lockType is null)
        {
            return;
        }
        start.RegisterOperationAction(c => Analyze(c, lockType), OperationKind.Await);
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol lockType)
    {
        if (context.Operation is not IAwaitOperation { Operation: { } awaited } awaitOperation
            || awaitOperation.Parent is not IExpressionStatementOperation { Syntax: ExpressionStatementSyntax statement }
            || statement.Parent is not BlockSyntax block)
        {
            return;
        }
        while (awaited is IConversionOperation { IsImplicit: true } conversion)
        {
            awaited = conversion.Operand;
        }
        if (awaited is not IInvocationOperation { TargetMethod.Name: "AcquireAsync", Instance: { } receiver } acquire
            || !SymbolEqualityComparer.Default.Equals(acquire.TargetMethod.ContainingType, lockType)
            || LockReference.SymbolOf(receiver) is not { } lockSymbol)
        {
            return;
        }
        SemanticModel model = awaitOperation.SemanticModel!;
        var later = block.Statements.SkipWhile(s => s != statement).Skip(1).ToList();
        bool releasedInFinally = later.OfType<TryStatementSyntax>().Any(t => t.Finally is { } f && LockReference.Releases(f.Block, lockSymbol, model));
        bool releasedPlainly = later.Any(s => s is not TryStatementSyntax && LockReference.Releases(s, lockSymbol, model));
        if (releasedPlainly && !releasedInFinally)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO023, awaitOperation.Syntax.GetLocation(), receiver.Syntax.ToString()));
        }
    }
}

/// <summary>Which lock an expression names, and whether code releases it (shared with the AIO023 code fix).</summary>
public static class LockReference
{
    public static ISymbol? SymbolOf(IOperation receiver) => receiver switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
        IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property => property.Property,
        _ => null,
    };

    /// <summary>True if <paramref name="node"/> contains <c>x.Release()</c> on the lock <paramref name="lockSymbol"/>.</summary>
    public static bool Releases(SyntaxNode node, ISymbol lockSymbol, SemanticModel model) =>
        node.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any(invocation => IsRelease(invocation, lockSymbol, model));

    public static bool IsRelease(InvocationExpressionSyntax invocation, ISymbol lockSymbol, SemanticModel model) =>
        invocation.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Release" }
        && model.GetOperation(invocation) is IInvocationOperation { Instance: { } instance }
        && SymbolOf(instance) is { } symbol
        && SymbolEqualityComparer.Default.Equals(symbol, lockSymbol);
}
