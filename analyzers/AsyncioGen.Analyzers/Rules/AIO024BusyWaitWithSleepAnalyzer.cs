using System.Collections.Immutable;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO024 (flake8-async's ASYNC110): <c>while (cond) await Asyncio.Sleep(...);</c>, a loop whose body
/// does nothing but sleep, polls a condition an <c>Event</c> should signal. Quiet when the body does
/// anything else, for <c>while (true)</c> (a ticker, nothing is awaited), for do-while loops and for
/// sleeps other than AsyncioGen's.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BusyWaitWithSleepAnalyzer : AsyncioAnalyzer
{
    public BusyWaitWithSleepAnalyzer() : base(DiagnosticDescriptors.AIO024)
    {
    }

    private protected override void Register(RuleStart start)
    {
        INamedTypeSymbol? asyncio = start.Compilation.GetTypeByMetadataName("AsyncioGen.Asyncio");
        if (asyncio is null)
        {
            return;
        }
        start.RegisterOperationAction(c => Analyze(c, asyncio), OperationKind.Loop);
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol asyncio)
    {
        if (context.Operation is not IWhileLoopOperation { ConditionIsTop: true, ConditionIsUntil: false, Condition: { } condition } loop
            || loop.Syntax is not WhileStatementSyntax syntax
            || condition.ConstantValue.HasValue
            || !OnlySleeps(loop.Body, asyncio))
        {
            return;
        }
        Location location = Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(
            syntax.WhileKeyword.SpanStart, syntax.CloseParenToken.Span.End));
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO024, location, syntax.Condition.ToString()));
    }

    /// <summary>The body is one statement (or a block of one) that awaits <c>Asyncio.Sleep(...)</c>.</summary>
    private static bool OnlySleeps(IOperation? body, INamedTypeSymbol asyncio)
    {
        while (body is IBlockOperation { Operations.Length: 1 } block)
        {
            body = block.Operations[0];
        }
        if (body is not IExpressionStatementOperation { Operation: IAwaitOperation { Operation: { } awaited } })
        {
            return false;
        }
        while (awaited is IConversionOperation { IsImplicit: true } conversion)
        {
            awaited = conversion.Operand;
        }
        return awaited is IInvocationOperation invocation
            && invocation.TargetMethod.Name == "Sleep"
            && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, asyncio);
    }
}
