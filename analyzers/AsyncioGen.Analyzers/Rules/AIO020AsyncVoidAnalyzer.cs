using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO020 (VSTHRD100 narrowed to this library): an <c>async void</c> method or local function whose own body
/// (nested lambdas aside) awaits an AsyncioGen awaitable (a future, a task, <c>Asyncio.Sleep</c>) or calls
/// a member of an AsyncioGen type (a future, the loop, <c>Asyncio</c>). Reported on the name. Async lambdas passed as loop callbacks are AIO013's; async void methods
/// that touch nothing of AsyncioGen are left to VSTHRD100 and its kin.
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
                case IInvocationOperation call when symbols.IsRuntimeType(call.TargetMethod.ContainingType?.OriginalDefinition):
                    return "'" + call.TargetMethod.ContainingType!.Name + "." + call.TargetMethod.Name + "'";
            }
        }
        return null;
    }
}
