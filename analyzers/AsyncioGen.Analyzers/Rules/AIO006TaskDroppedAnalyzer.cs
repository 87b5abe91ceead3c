using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO006: the task returned by <c>CreateTask</c>, <c>Asyncio.EnsureFuture</c>, <c>Asyncio.Gather</c> or any call returning a
/// FutureTask is used as an expression statement (dropped), in async functions too (a coroutine call
/// nobody awaits still runs as a task); CS4014 on the same call is suppressed. Quiet for explicit
/// discards (<c>_ = ...</c>, as CA2012/VSTHRD110/MA0134) and for <c>TaskGroup.CreateTask</c> (the group
/// keeps and awaits the task). Also a task kept in a local that is never read afterwards (not awaited,
/// returned, passed, stored or captured: as dropped as a statement), reported on the local's name; quiet
/// for locals whose name starts with '_' (the named form of a discard: unused on purpose).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskDroppedAnalyzer : AsyncioAnalyzer
{
    public TaskDroppedAnalyzer()
        : base(DiagnosticDescriptors.AIO006)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.ExpressionStatement);
        start.RegisterOperationAction(c => AnalyzeLocal(c, symbols), OperationKind.VariableDeclarator);
    }

    /// <summary><c>var task = loop.CreateTask(...);</c> and the local never mentioned again in its function.</summary>
    private static void AnalyzeLocal(OperationAnalysisContext context, AsyncioSymbols symbols)
    {
        if (context.Operation is not IVariableDeclaratorOperation { Symbol: { } local } declarator
            || local.Name.Length == 0 || local.Name[0] == '_'
            || declarator.Parent?.Parent is not IVariableDeclarationGroupOperation { Parent: IBlockOperation or ISwitchCaseOperation }
            || declarator.Syntax is not VariableDeclaratorSyntax syntax
            || declarator.GetVariableInitializer()?.Value is not { } value)
        {
            return;
        }
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }
        if (value is not IInvocationOperation invocation || invocation.TargetMethod is not { } method
            || !IsTaskProducer(method, symbols) || ReturnsExistingFuture(invocation, symbols)
            || syntax.Ancestors().FirstOrDefault(a => a is BlockSyntax or SwitchStatementSyntax) is not { } scope
            || declarator.SemanticModel is not { } model)
        {
            return;
        }
        // The local's scope is its block (or the whole switch: sections share it); a mention can only follow the declarator. Any
        // mention (read, write, capture, ref) counts as use; only identifiers with the local's name are resolved.
        int after = syntax.Span.End;
        foreach (SyntaxNode node in scope.DescendantNodes(n => n.Span.End > after))
        {
            if (node is IdentifierNameSyntax identifier && identifier.SpanStart >= after && identifier.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, context.CancellationToken).Symbol, local))
            {
                return;
            }
        }
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO006, syntax.Identifier.GetLocation(), Describe(method)));
    }

    private static string Describe(IMethodSymbol method) =>
        method.ContainingType is { } type && method.MethodKind == MethodKind.Ordinary
            ? (method.IsStatic ? type.Name + "." + method.Name : method.Name)
            : method.Name;

    private static void Analyze(OperationAnalysisContext context, AsyncioSymbols symbols)
    {
        if (context.Operation is IExpressionStatementOperation statement && DroppedTask(statement, symbols) is { } invocation)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO006, invocation.Syntax.GetLocation(), Describe(invocation.TargetMethod)));
        }
    }

    /// <summary>
    /// The call whose task <paramref name="statement"/> drops, or null. Inside async functions too: a
    /// coroutine call nobody awaits still runs as a task (asyncio's "coroutine was never awaited"), and
    /// the compiler's CS4014 on the same call is suppressed by <see cref="Suppressors.TaskOwnedSuppressor"/>.
    /// </summary>
    internal static IInvocationOperation? DroppedTask(IExpressionStatementOperation statement, AsyncioSymbols symbols)
    {
        IOperation? expression = statement.Operation;
        while (expression is IConversionOperation { IsImplicit: true } conversion)
        {
            expression = conversion.Operand;
        }
        if (expression is not IInvocationOperation invocation || invocation.TargetMethod is not { } method || invocation.Syntax is null)
        {
            return null;
        }
        return IsTaskProducer(method, symbols) && !ReturnsExistingFuture(invocation, symbols) ? invocation : null;
    }

    /// <summary>
    /// EnsureFuture(existingFuture) returns that same future, and Gather(a, b) of futures held elsewhere
    /// creates no task: nothing new is dropped. True when every future argument is a local, parameter,
    /// field or property reference.
    /// </summary>
    private static bool ReturnsExistingFuture(IInvocationOperation invocation, AsyncioSymbols symbols)
    {
        if (invocation.TargetMethod.Name is not ("EnsureFuture" or "Gather") || invocation.Arguments.Length == 0)
        {
            return false;
        }
        bool any = false;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            IOperation? value = Unwrap(argument.Value);
            var values = value is IArrayCreationOperation { Initializer: { } initializer } && argument.ArgumentKind == ArgumentKind.ParamArray
                ? initializer.ElementValues.Select(Unwrap)
                : new[] { value };
            foreach (IOperation? element in values)
            {
                if (element is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation)
                {
                    any = true; // a future, or a collection of futures, held elsewhere
                }
                else if (element?.Type is null || element.Type.TypeKind == TypeKind.Error || TypeHierarchy.DerivesFrom(element.Type, symbols.Future)
                         || element.Type.AllInterfaces.Any(i => i.Name == "IEnumerable"))
                {
                    return false; // a new future or collection made here
                }
            }
        }
        return any;
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }
        return operation;
    }

    private static bool IsTaskProducer(IMethodSymbol method, AsyncioSymbols symbols)
    {
        if (method.ReturnsVoid || method.ReturnType is null || method.ReturnType.TypeKind == TypeKind.Error)
        {
            return false;
        }
        // A TaskGroup keeps (and awaits) the tasks it creates: dropping the returned reference is fine.
        if (TypeHierarchy.IsType(method.ContainingType, symbols.TaskGroup))
        {
            return false;
        }
        if (symbols.IsFutureTask(method.ReturnType))
        {
            return true;
        }
        // EnsureFuture / CreateTask of the runtime may be typed as a Future.
        return method.Name is "EnsureFuture" or "CreateTask" or "Gather"
            && symbols.IsRuntimeType(method.ContainingType)
            && TypeHierarchy.DerivesFrom(method.ReturnType, symbols.Future);
    }
}
