using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO017: <c>await x.ConfigureAwait(false)</c> (or <c>ConfigureAwaitOptions</c> without
/// <c>ContinueOnCapturedContext</c>) directly in a coroutine: the rest of the coroutine resumes on the
/// thread pool. Reported on the <c>ConfigureAwait(...)</c> call. Quiet for <c>ConfigureAwait(true)</c>,
/// outside coroutines (an <c>async Task</c> helper may leave the loop) and in lambdas that run elsewhere.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ConfigureAwaitFalseAnalyzer : AsyncioAnalyzer
{
    public ConfigureAwaitFalseAnalyzer()
        : base(DiagnosticDescriptors.AIO017)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(context =>
        {
            var await = (IAwaitOperation)context.Operation;
            if (Unwrap(await.Operation) is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Arguments.Length: 1 } configure
                && LeavesContext(configure.Arguments[0].Value)
                && symbols.IsCoroutine(EnclosingFunction(await, context.ContainingSymbol)))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO017, configure.Syntax.GetLocation()));
            }
        }, OperationKind.Await);
    }

    /// <summary><c>false</c>, or ConfigureAwaitOptions without the ContinueOnCapturedContext flag.</summary>
    private static bool LeavesContext(IOperation argument)
    {
        IOperation value = Unwrap(argument) ?? argument;
        if (value.ConstantValue is { HasValue: true, Value: bool continueOnContext })
        {
            return !continueOnContext;
        }
        if (value.Type is { TypeKind: TypeKind.Enum, Name: "ConfigureAwaitOptions" } && value.ConstantValue is { HasValue: true, Value: int flags })
        {
            return (flags & 1) == 0; // ConfigureAwaitOptions.ContinueOnCapturedContext = 1
        }
        return false;
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }
        return operation;
    }

    /// <summary>The lambda or local function around the operation, else the method being analyzed.</summary>
    internal static IMethodSymbol? EnclosingFunction(IOperation operation, ISymbol containing)
    {
        for (IOperation? node = operation.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IAnonymousFunctionOperation lambda:
                    return lambda.Symbol;
                case ILocalFunctionOperation local:
                    return local.Symbol;
            }
        }
        return containing as IMethodSymbol;
    }
}
