using System.Collections.Immutable;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO013: an async lambda or anonymous method, or a method group of an async void method, converted to
/// the void-returning callback of CallSoon, CallSoonThreadsafe, CallLater, CallAt or AddDoneCallback
/// (and their state overloads): it becomes async void. Reported on the <c>async</c> keyword (or the
/// method group).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncLambdaAsCallbackAnalyzer : AsyncioAnalyzer
{
    public AsyncLambdaAsCallbackAnalyzer()
        : base(DiagnosticDescriptors.AIO013)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, AsyncioSymbols symbols)
    {
        if (context.Operation is not IInvocationOperation invocation || !symbols.IsLoopCallbackMethod(invocation.TargetMethod))
        {
            return;
        }
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { ReturnsVoid: true } })
            {
                continue;
            }
            if (CodeShape.AsAnonymousFunction(argument.Value) is { Symbol.IsAsync: true } lambda)
            {
                Location location = lambda.Syntax is AnonymousFunctionExpressionSyntax syntax && syntax.AsyncKeyword.Span.Length > 0
                    ? syntax.AsyncKeyword.GetLocation()
                    : lambda.Syntax.GetLocation();
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO013, location, invocation.TargetMethod.Name));
            }
            else if (CodeShape.AsMethodReference(argument.Value) is { Method: { IsAsync: true, ReturnsVoid: true } } reference && reference.Syntax is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO013, reference.Syntax.GetLocation(), invocation.TargetMethod.Name));
            }
        }
    }
}
