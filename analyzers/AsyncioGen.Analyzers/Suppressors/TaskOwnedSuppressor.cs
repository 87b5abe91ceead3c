using System.Collections.Immutable;
using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Suppressors;

/// <summary>
/// Suppresses the compiler's CS4014 ("this call is not awaited") on two AsyncioGen statements:
/// <c>group.CreateTask(...)</c>, whose task the TaskGroup keeps and awaits (not awaiting it is the
/// point), and a dropped task AIO006 already reports on the same call (one warning, with advice that
/// fits tasks, instead of two). When AIO006 is switched off, CS4014 stays.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskOwnedSuppressor : DiagnosticSuppressor
{
    /// <summary>CS4014 on <c>TaskGroup.CreateTask</c>.</summary>
    public static readonly SuppressionDescriptor OwnedByTaskGroup = new(
        "AIOSP001", "CS4014", "The TaskGroup keeps the task and awaits it when its block ends; not awaiting it here is intended.");

    /// <summary>CS4014 where AIO006 reports the same dropped task.</summary>
    public static readonly SuppressionDescriptor ReportedByAio006 = new(
        "AIOSP002", "CS4014", "AIO006 reports this dropped task, with advice for tasks (keep a reference, await it, or use a TaskGroup).");

    public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(OwnedByTaskGroup, ReportedByAio006);

    public override void ReportSuppressions(SuppressionAnalysisContext context)
    {
        AsyncioSymbols? symbols = AsyncioSymbols.For(context.Compilation);
        if (symbols is null)
        {
            return;
        }
        foreach (Diagnostic diagnostic in context.ReportedDiagnostics)
        {
            if (diagnostic.Location.SourceTree is not { } tree)
            {
                continue;
            }
            SemanticModel model = context.GetSemanticModel(tree);
            SyntaxNode node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            IOperation? operation = model.GetOperation(node, context.CancellationToken);
            while (operation is not null and not IExpressionStatementOperation && operation.Parent is not null && operation.Syntax.Span == node.Span)
            {
                operation = operation.Parent;
            }
            if (operation is not IExpressionStatementOperation statement)
            {
                continue;
            }
            IOperation? call = statement.Operation;
            while (call is IConversionOperation { IsImplicit: true } conversion)
            {
                call = conversion.Operand;
            }
            if (call is IInvocationOperation { TargetMethod.Name: "CreateTask" } invocation && TypeHierarchy.IsType(invocation.TargetMethod.ContainingType, symbols.TaskGroup))
            {
                context.ReportSuppression(Suppression.Create(OwnedByTaskGroup, diagnostic));
            }
            else if (TaskDroppedAnalyzer.DroppedTask(statement, symbols) is not null && IsEnabled(context.Compilation, tree, DiagnosticIds.TaskDropped, context.CancellationToken))
            {
                context.ReportSuppression(Suppression.Create(ReportedByAio006, diagnostic));
            }
        }
    }

    /// <summary>False when the project or an .editorconfig switched the rule off (then CS4014 is the only warning left).</summary>
    private static bool IsEnabled(Compilation compilation, SyntaxTree tree, string id, System.Threading.CancellationToken cancellationToken)
    {
        if (compilation.Options.SyntaxTreeOptionsProvider is { } provider
            && provider.TryGetDiagnosticValue(tree, id, cancellationToken, out ReportDiagnostic treeSeverity))
        {
            return treeSeverity != ReportDiagnostic.Suppress;
        }
        return !compilation.Options.SpecificDiagnosticOptions.TryGetValue(id, out ReportDiagnostic severity) || severity != ReportDiagnostic.Suppress;
    }
}
