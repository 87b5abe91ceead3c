using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO020 (VSTHRD100 narrowed to this library): an <c>async void</c> method, local function or lambda whose own
/// body (nested functions aside) awaits an AsyncioGen awaitable (a future, a task, <c>Asyncio.Sleep</c>) or calls
/// a member of an AsyncioGen type (a future, the loop, <c>Asyncio</c>). Event handlers and overrides are
/// reported too: their signature must stay void, but the body belongs in a coroutine that a synchronous
/// handler starts as a task. The thread-safe entries (<c>CallSoonThreadsafe</c>, <c>RunCoroutineThreadsafe</c>)
/// do not count: they are how code that is not on the loop (a UI handler) hands work to it. Reported on the
/// name (the <c>async</c> keyword of a lambda). Async lambdas passed as loop callbacks are AIO013's; async void
/// code that touches nothing of AsyncioGen is left to VSTHRD100 and its kin.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AsyncVoidAnalyzer : AsyncioAnalyzer
{
    public AsyncVoidAnalyzer()
        : base(DiagnosticDescriptors.AIO020)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationBlockAction(context =>
        {
            if (context.OwningSymbol is IMethodSymbol { IsAsync: true, ReturnsVoid: true } method)
            {
                foreach (IOperation block in context.OperationBlocks)
                {
                    if (Touch(block, symbols) is { } what)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO020, method.Locations[0], method.Name, what));
                        return;
                    }
                }
            }
            foreach (IOperation block in context.OperationBlocks)
            {
                foreach (IOperation node in block.Descendants())
                {
                    if (node is ILocalFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } local, Body: { } body } && Touch(body, symbols) is { } what)
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO020, local.Locations[0], local.Name, what));
                    }
                    else if (node is IAnonymousFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } } lambda
                             && !IsLoopCallback(lambda, symbols)
                             && Touch(lambda.Body, symbols) is { } used)
                    {
                        Location location = lambda.Syntax is AnonymousFunctionExpressionSyntax { AsyncKeyword.RawKind: not 0 } syntax
                            ? syntax.AsyncKeyword.GetLocation()
                            : lambda.Syntax.GetLocation();
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO020, location, "lambda", used));
                    }
                }
            }
        });
    }

    /// <summary>What of AsyncioGen the body uses ("future 'f'", "the loop"...), not looking into nested functions.</summary>
    private static string? Touch(IOperation body, AsyncioSymbols symbols)
    {
        foreach (IOperation node in Helpers.CodeShape.DescendantsInSameFunction(body))
        {
            switch (node)
            {
                case IAwaitOperation await when symbols.IsRuntimeType(await.Operation.Type?.OriginalDefinition):
                    return "an await of '" + await.Operation.Type!.Name + "'";
                case IInvocationOperation call when symbols.IsRuntimeType(call.TargetMethod.ContainingType?.OriginalDefinition) && !IsThreadSafeEntry(call.TargetMethod, symbols):
                    return "'" + call.TargetMethod.ContainingType!.Name + "." + call.TargetMethod.Name + "'";
            }
        }
        return null;
    }

    /// <summary>CallSoonThreadsafe, RunCoroutineThreadsafe: meant to be called from off the loop.</summary>
    private static bool IsThreadSafeEntry(IMethodSymbol method, AsyncioSymbols symbols) =>
        symbols.RoleOf(method) == MemberRole.ThreadSafeEntry || method.Name.EndsWith("Threadsafe", System.StringComparison.Ordinal);

    /// <summary>The lambda is the callback argument of CallSoon, AddDoneCallback...: AIO013 reports it.</summary>
    private static bool IsLoopCallback(IAnonymousFunctionOperation lambda, AsyncioSymbols symbols) =>
        CodeShape.UseOfDelegate(lambda) is IArgumentOperation { Parent: IInvocationOperation invocation } && symbols.IsLoopCallbackMethod(invocation.TargetMethod);
}
