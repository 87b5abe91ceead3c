using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Flow;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO012: SetResult/SetException on an expression whose static type is a FutureTask, or on a local typed
/// as a plain future whose only value is a task (<c>Future&lt;int&gt; f = loop.CreateTask(...)</c>, never
/// assigned again): both always throw.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CompletionOnTaskAnalyzer : AsyncioAnalyzer
{
    public CompletionOnTaskAnalyzer()
        : base(DiagnosticDescriptors.AIO012)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(operationContext =>
        {
            if (operationContext.Operation is IInvocationOperation invocation
                && symbols.IsSetCompletion(invocation)
                && invocation.Instance is { } instance
                && (symbols.IsFutureTask(instance.Type) || IsUpcastTask(instance, symbols, operationContext.CancellationToken)))
            {
                operationContext.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO012, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name));
            }
        }, OperationKind.Invocation);
    }

    /// <summary>A local whose declaration initializes it with a task and which is never assigned again.</summary>
    private static bool IsUpcastTask(IOperation receiver, AsyncioSymbols symbols, System.Threading.CancellationToken cancellationToken)
    {
        while (receiver is IConversionOperation { IsImplicit: true } conversion)
        {
            receiver = conversion.Operand;
        }
        if (receiver is not ILocalReferenceOperation { Local: { } local } || receiver.SemanticModel is not { } model
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } value } declarator)
        {
            return false;
        }
        IOperation? initial = model.GetOperation(value, cancellationToken);
        while (initial is IConversionOperation conversion)
        {
            initial = conversion.Operand;
        }
        if (initial is null || !symbols.IsFutureTask(initial.Type))
        {
            return false;
        }
        // Any later assignment (f = ..., ref/out) may give it a plain future.
        SyntaxNode scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax) ?? declarator;
        foreach (IdentifierNameSyntax name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText == local.Name
                && (name.Parent is AssignmentExpressionSyntax assignment && assignment.Left == name
                    || name.Parent is ArgumentSyntax { RefKindKeyword.RawKind: not 0 })
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local))
            {
                return false;
            }
        }
        return true;
    }
}
