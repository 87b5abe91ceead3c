using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO021 (AsyncFixer05's counterpart): a future whose result is itself a future: declared (a method's,
/// local function's or property's type, a field, a parameter, a local) or produced by a call or a lambda
/// (<c>loop.RunInExecutor(() =&gt; loop.CreateTask(...))</c>). Reported once, where the type is written or the
/// value is produced.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NestedFutureAnalyzer : AsyncioAnalyzer
{
    public NestedFutureAnalyzer()
        : base(DiagnosticDescriptors.AIO021)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterSymbolAction(context =>
        {
            ITypeSymbol? type = context.Symbol switch
            {
                IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } method => method.ReturnType,
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                _ => null,
            };
            if (Describe(type, symbols) is { } shown && !context.Symbol.Locations.IsDefaultOrEmpty && context.Symbol.Locations[0].IsInSource)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO021, context.Symbol.Locations[0], context.Symbol.Name, shown));
            }
        }, SymbolKind.Method, SymbolKind.Property, SymbolKind.Field);
        start.RegisterOperationAction(context =>
        {
            switch (context.Operation)
            {
                case IVariableDeclaratorOperation declarator when Describe(declarator.Symbol.Type, symbols) is { } shown:
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO021, declarator.Symbol.Locations[0], declarator.Symbol.Name, shown));
                    break;
                case IInvocationOperation invocation when Describe(invocation.Type, symbols) is { } shown
                                                           && Describe(invocation.TargetMethod.OriginalDefinition.ReturnType, symbols) is null
                                                           && !ReportedOrUnwrappedElsewhere(invocation):
                    // A generic factory instantiated with a future (CreateTask(() => CreateTask(...))): the call makes the nesting.
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO021, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name, shown));
                    break;
            }
        }, OperationKind.VariableDeclarator, OperationKind.Invocation);
    }

    /// <summary>Awaited (unwrapped once, then visibly), returned (the method is reported) or initializing a local (the local is).</summary>
    private static bool ReportedOrUnwrappedElsewhere(IOperation value)
    {
        IOperation? parent = value.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }
        return parent is IAwaitOperation or IReturnOperation or IVariableInitializerOperation;
    }

    /// <summary>"FutureTask&lt;Future&lt;int&gt;&gt;" when <paramref name="type"/> is a future of a future, else null.</summary>
    private static string? Describe(ITypeSymbol? type, AsyncioSymbols symbols)
    {
        for (ITypeSymbol? current = type; current is INamedTypeSymbol named && symbols.IsFuture(named); current = current.BaseType)
        {
            if (named.IsGenericType && named.TypeArguments.Length == 1 && named.TypeArguments[0] is INamedTypeSymbol inner
                && inner.TypeKind != TypeKind.TypeParameter && symbols.IsFuture(inner))
            {
                return type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            }
        }
        return null;
    }
}
