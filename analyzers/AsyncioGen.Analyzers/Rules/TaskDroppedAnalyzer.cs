using System.Collections.Immutable;
using AsyncioGen.Analyzers.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO006: the task returned by <c>CreateTask</c>, <c>Asyncio.EnsureFuture</c> or any call returning a
/// FutureTask is used as an expression statement (dropped). Quiet inside async functions, where the
/// compiler's CS4014 already reports the unawaited awaitable (as VSTHRD110 does), for explicit
/// discards (<c>_ = ...</c>, as CA2012/VSTHRD110/MA0134) and for <c>TaskGroup.CreateTask</c> (the group
/// keeps and awaits the task).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaskDroppedAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(DiagnosticDescriptors.AIO006);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            UsageSymbols? symbols = UsageSymbols.Create(start.Compilation);
            if (symbols is null)
            {
                return;
            }
            start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.ExpressionStatement);
        });
    }

    private static void Analyze(OperationAnalysisContext context, UsageSymbols symbols)
    {
        if (context.Operation is not IExpressionStatementOperation statement)
        {
            return;
        }
        IOperation? expression = statement.Operation;
        while (expression is IConversionOperation { IsImplicit: true } conversion)
        {
            expression = conversion.Operand;
        }
        if (expression is not IInvocationOperation invocation || invocation.TargetMethod is not { } method || invocation.Syntax is null)
        {
            return;
        }
        if (!IsTaskProducer(method, symbols) || ReturnsExistingFuture(invocation, symbols))
        {
            return;
        }
        // Inside an async function the compiler's CS4014 already reports the dropped awaitable.
        IMethodSymbol? function = UsageSymbols.EnclosingFunction(invocation.Syntax, invocation.SemanticModel!, context.CancellationToken);
        if (function is null || function.IsAsync)
        {
            return;
        }
        string name = method.ContainingType is { } type && method.MethodKind == MethodKind.Ordinary
            ? (method.IsStatic ? type.Name + "." + method.Name : method.Name)
            : method.Name;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO006, invocation.Syntax.GetLocation(), name));
    }

    /// <summary>EnsureFuture(existingFuture) returns that same future: nothing new is dropped.</summary>
    private static bool ReturnsExistingFuture(IInvocationOperation invocation, UsageSymbols symbols)
    {
        if (invocation.TargetMethod.Name != "EnsureFuture" || invocation.Arguments.Length == 0)
        {
            return false;
        }
        IOperation? argument = invocation.Arguments[0].Value;
        while (argument is IConversionOperation conversion)
        {
            argument = conversion.Operand;
        }
        return argument is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
            && UsageSymbols.DerivesFrom(argument.Type, symbols.Future);
    }

    private static bool IsTaskProducer(IMethodSymbol method, UsageSymbols symbols)
    {
        if (method.ReturnsVoid || method.ReturnType is null || method.ReturnType.TypeKind == TypeKind.Error)
        {
            return false;
        }
        // A TaskGroup keeps (and awaits) the tasks it creates: dropping the returned reference is fine.
        if (method.ContainingType?.Name == "TaskGroup")
        {
            return false;
        }
        if (symbols.IsFutureTask(method.ReturnType))
        {
            return true;
        }
        // EnsureFuture / CreateTask of the runtime may be typed as a Future.
        return method.Name is "EnsureFuture" or "CreateTask"
            && symbols.IsRuntimeType(method.ContainingType)
            && UsageSymbols.DerivesFrom(method.ReturnType, symbols.Future);
    }
}
