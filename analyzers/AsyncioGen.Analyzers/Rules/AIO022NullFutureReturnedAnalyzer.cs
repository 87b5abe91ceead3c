using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO022 (VSTHRD114's counterpart): <c>return null;</c>, <c>return default;</c> or <c>=&gt; null!</c> in a
/// method, local function or lambda (not async) whose return type is a future or task of AsyncioGen.
/// Reported on the returned value. Quiet in async functions (there <c>return null</c> is the result).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NullFutureReturnedAnalyzer : AsyncioAnalyzer
{
    public NullFutureReturnedAnalyzer()
        : base(DiagnosticDescriptors.AIO022)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(context =>
        {
            var returned = (IReturnOperation)context.Operation;
            if (returned.ReturnedValue is not { } value || !IsNull(value))
            {
                return;
            }
            IMethodSymbol? function = ConfigureAwaitFalseAnalyzer.EnclosingFunction(returned, context.ContainingSymbol);
            if (function is null || function.IsAsync || !symbols.IsFuture(function.ReturnType))
            {
                return;
            }
            string kind = symbols.IsFutureTask(function.ReturnType) ? "task" : "future";
            // The return statement's expression keeps a null-forgiving '!' that the operation tree drops.
            SyntaxNode at = returned.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax { Expression: { } expression } ? expression : returned.Syntax;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO022, at.GetLocation(),
                function.MethodKind == MethodKind.AnonymousFunction ? "lambda" : function.Name, kind));
        }, OperationKind.Return);
    }

    /// <summary>null, default, null! and (Future&lt;T&gt;)null, through conversions and suppressions.</summary>
    private static bool IsNull(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }
        return value is IDefaultValueOperation or ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };
    }
}
