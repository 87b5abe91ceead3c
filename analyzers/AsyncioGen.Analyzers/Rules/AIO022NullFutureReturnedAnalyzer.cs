using System.Collections.Generic;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO022 (VSTHRD114's counterpart): a null future returned from a method, local function, property or lambda
/// (not async) whose return type is a future or task of AsyncioGen: <c>return null;</c>, <c>return default;</c>,
/// <c>=&gt; null!</c>, and a null branch of what is returned (<c>ok ? f : null</c>, a switch expression arm,
/// <c>f ?? null</c>). Reported on each null. Quiet in async functions (there <c>return null</c> is the result) and
/// when the return type is annotated nullable (<c>Future&lt;T&gt;?</c>): the signature then says null is a
/// possible answer and the compiler warns the caller who awaits it unchecked (as VSTHRD114 does for <c>Task?</c>).
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
            if (returned.ReturnedValue is not { } value)
            {
                return;
            }
            List<IOperation>? nulls = null;
            CollectNulls(value, ref nulls, depth: 0);
            if (nulls is null)
            {
                return;
            }
            IMethodSymbol? function = ConfigureAwaitFalseAnalyzer.EnclosingFunction(returned, context.ContainingSymbol);
            if (function is null || function.IsAsync || !symbols.IsFuture(function.ReturnType)
                || function.ReturnType.NullableAnnotation == NullableAnnotation.Annotated)
            {
                return;
            }
            string kind = symbols.IsFutureTask(function.ReturnType) ? "task" : "future";
            string name = function switch
            {
                { MethodKind: MethodKind.AnonymousFunction } => "lambda",
                { AssociatedSymbol: IPropertySymbol property } => property.Name,
                _ => function.Name,
            };
            foreach (IOperation found in nulls)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO022, Where(found).GetLocation(), name, kind));
            }
        }, OperationKind.Return);
    }

    /// <summary>
    /// The null, default, null! and (Future&lt;T&gt;)null operands that can be the returned value, through
    /// conversions, conditionals, switch expressions and '??'.
    /// </summary>
    private static void CollectNulls(IOperation value, ref List<IOperation>? nulls, int depth)
    {
        while (value is IConversionOperation or IParenthesizedOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
        }
        if (depth > 16)
        {
            return;
        }
        switch (value)
        {
            case IDefaultValueOperation:
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
                (nulls ??= new List<IOperation>()).Add(value);
                break;
            case IConditionalOperation { WhenTrue: var whenTrue, WhenFalse: { } whenFalse }:
                CollectNulls(whenTrue, ref nulls, depth + 1);
                CollectNulls(whenFalse, ref nulls, depth + 1);
                break;
            case ISwitchExpressionOperation switchExpression:
                foreach (ISwitchExpressionArmOperation arm in switchExpression.Arms)
                {
                    CollectNulls(arm.Value, ref nulls, depth + 1);
                }
                break;
            case ICoalesceOperation coalesce:
                CollectNulls(coalesce.WhenNull, ref nulls, depth + 1);
                break;
        }
    }

    /// <summary>The null's syntax, with the null-forgiving '!' that the operation tree drops.</summary>
    private static SyntaxNode Where(IOperation found)
    {
        SyntaxNode syntax = found.Syntax;
        while (syntax.Parent is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } or CastExpressionSyntax
               && syntax.Parent is ExpressionSyntax parent)
        {
            syntax = parent;
        }
        return syntax;
    }
}
