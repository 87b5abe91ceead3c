using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO021 (AsyncFixer05's counterpart): a future whose result is itself awaitable work: a future or task of
/// AsyncioGen inside a future (<c>Future&lt;Future&lt;T&gt;&gt;</c>, <c>FutureTask&lt;FutureTask&lt;T&gt;&gt;</c>), a BCL task inside
/// a future (<c>Future&lt;Task&lt;T&gt;&gt;</c>) or a future inside a BCL task (<c>Task&lt;FutureTask&lt;T&gt;&gt;</c>); BCL tasks of
/// BCL tasks are AsyncFixer05's own. Found in a type's arguments and arrays too (<c>List&lt;Future&lt;Future&lt;T&gt;&gt;&gt;</c>).
/// Declared (a method's, local function's or property's type, a field, a parameter, a local) or produced by a call
/// (<c>loop.RunInExecutor(() =&gt; loop.CreateTask(...))</c>). Reported once, where the type is written or the
/// value is produced; overrides and interface implementations are not reported again.
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
            ISymbol member = context.Symbol;
            ITypeSymbol? type = member switch
            {
                IMethodSymbol { MethodKind: MethodKind.Ordinary } method => method.ReturnType,
                IPropertySymbol property => property.Type,
                IFieldSymbol field => field.Type,
                _ => null,
            };
            // Whether the member restates a contract is asked only once something nested is found (it walks interfaces).
            bool? restated = null;
            bool Restated() => restated ??= member.IsImplicitlyDeclared || IsImplementation(member);
            if (Describe(type, symbols) is { } shown && !Restated())
            {
                Report(context.ReportDiagnostic, member, shown);
            }
            if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.Constructor } withParameters)
            {
                foreach (IParameterSymbol parameter in withParameters.Parameters)
                {
                    if (Describe(parameter.Type, symbols) is { } parameterShown && !Restated())
                    {
                        Report(context.ReportDiagnostic, parameter, parameterShown);
                    }
                }
            }
        }, SymbolKind.Method, SymbolKind.Property, SymbolKind.Field);
        start.RegisterOperationAction(context =>
        {
            switch (context.Operation)
            {
                case ILocalFunctionOperation { Symbol: var local }:
                    // Local functions get no symbol action.
                    if (Describe(local.ReturnType, symbols) is { } returned)
                    {
                        Report(context.ReportDiagnostic, local, returned);
                    }
                    foreach (IParameterSymbol parameter in local.Parameters)
                    {
                        if (Describe(parameter.Type, symbols) is { } parameterShown)
                        {
                            Report(context.ReportDiagnostic, parameter, parameterShown);
                        }
                    }
                    break;
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
        }, OperationKind.VariableDeclarator, OperationKind.Invocation, OperationKind.LocalFunction);
    }

    private static void Report(System.Action<Diagnostic> report, ISymbol symbol, string shown)
    {
        if (!symbol.Locations.IsDefaultOrEmpty && symbol.Locations[0].IsInSource)
        {
            report(Diagnostic.Create(DiagnosticDescriptors.AIO021, symbol.Locations[0], symbol.Name, shown));
        }
    }

    /// <summary>An override or an interface implementation: the type was reported where it was first declared.</summary>
    private static bool IsImplementation(ISymbol symbol)
    {
        if (symbol.IsOverride)
        {
            return true;
        }
        switch (symbol)
        {
            case IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 }:
            case IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 }:
                return true;
        }
        INamedTypeSymbol? type = symbol.ContainingType;
        if (type is null || symbol.IsStatic || symbol is IFieldSymbol)
        {
            return false;
        }
        foreach (INamedTypeSymbol contract in type.AllInterfaces)
        {
            foreach (ISymbol member in contract.GetMembers(symbol.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(member), symbol))
                {
                    return true;
                }
            }
        }
        return false;
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

    /// <summary>"FutureTask&lt;Future&lt;int&gt;&gt;" when <paramref name="type"/> is or holds a future of a future, else null.</summary>
    private static string? Describe(ITypeSymbol? type, AsyncioSymbols symbols) =>
        type is not null && HoldsNested(type, symbols, depth: 0) ? type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) : null;

    private static bool HoldsNested(ITypeSymbol type, AsyncioSymbols symbols, int depth)
    {
        if (depth > 8)
        {
            return false;
        }
        switch (type)
        {
            case IArrayTypeSymbol array:
                return HoldsNested(array.ElementType, symbols, depth + 1);
            case INamedTypeSymbol named:
                if (IsNestedAwaitable(named, symbols))
                {
                    return true;
                }
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (HoldsNested(argument, symbols, depth + 1))
                    {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /// <summary>A future whose result type is a future or a BCL task, or a BCL task whose result type is a future.</summary>
    private static bool IsNestedAwaitable(INamedTypeSymbol type, AsyncioSymbols symbols)
    {
        bool outerIsFuture = symbols.IsFuture(type);
        if (!outerIsFuture && !symbols.IsBclTask(type))
        {
            return false;
        }
        for (ITypeSymbol? current = type; current is INamedTypeSymbol named; current = current.BaseType)
        {
            if (named.IsGenericType && named.TypeArguments.Length == 1 && named.TypeArguments[0] is INamedTypeSymbol inner && inner.TypeKind != TypeKind.TypeParameter)
            {
                if (symbols.IsFuture(inner) || outerIsFuture && symbols.IsBclTask(inner))
                {
                    return true;
                }
            }
            if (!outerIsFuture)
            {
                break;
            }
        }
        return false;
    }
}
