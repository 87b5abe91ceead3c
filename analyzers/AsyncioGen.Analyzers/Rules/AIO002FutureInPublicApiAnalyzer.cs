using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO002: a Future/Future&lt;T&gt; (or a derived type that is not a FutureTask) in the signature of a
/// member visible outside the assembly: return type, parameter, property, indexer, field, event,
/// directly or as a type argument / array element. Overrides, interface implementations and
/// [Future] methods are not reported (the original declaration is).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class FutureInPublicApiAnalyzer : AsyncioAnalyzer
{
    /// <summary>Property set on the diagnostic: "Return" when the exposed type is the member's own (return/property) type.</summary>
    public const string KindProperty = "Kind";

    public FutureInPublicApiAnalyzer()
        : base(DiagnosticDescriptors.AIO002)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        INamedTypeSymbol? futureAttribute = start.Compilation.GetTypeByMetadataName("AsyncioGen.FutureAttribute");
        start.RegisterSymbolAction(c => Analyze(c, symbols, futureAttribute),
            SymbolKind.Method, SymbolKind.Property, SymbolKind.Field, SymbolKind.Event);
    }

    private static void Analyze(SymbolAnalysisContext context, AsyncioSymbols symbols, INamedTypeSymbol? futureAttribute)
    {
        ISymbol symbol = context.Symbol;
        if (symbol.IsImplicitlyDeclared || symbol.IsOverride || !IsExternallyVisible(symbol) || ImplementsInterfaceMember(symbol))
        {
            return;
        }
        switch (symbol)
        {
            case IMethodSymbol method:
                if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.Constructor or MethodKind.UserDefinedOperator or MethodKind.Conversion))
                {
                    return; // accessors are reported through their property or event
                }
                if (futureAttribute is not null && method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, futureAttribute)))
                {
                    return;
                }
                if (!method.ReturnsVoid && Exposes(method.ReturnType, symbols) is { } returned)
                {
                    Report(context, method, returned, ReturnTypeLocation(method, context.CancellationToken), "Return");
                }
                AnalyzeParameters(context, symbols, method.Parameters, method);
                break;
            case IPropertySymbol property:
                if (Exposes(property.Type, symbols) is { } propertyType)
                {
                    Report(context, property, propertyType, TypeLocation(property, context.CancellationToken), property.IsIndexer ? "Indexer" : "Return");
                }
                AnalyzeParameters(context, symbols, property.Parameters, property);
                break;
            case IFieldSymbol field:
                if (Exposes(field.Type, symbols) is { } fieldType)
                {
                    Report(context, field, fieldType, field.Locations.FirstOrDefault(), "Field");
                }
                break;
            case IEventSymbol @event:
                if (Exposes(@event.Type, symbols) is { } eventType)
                {
                    Report(context, @event, eventType, TypeLocation(@event, context.CancellationToken), "Event");
                }
                break;
        }
    }

    private static void AnalyzeParameters(SymbolAnalysisContext context, AsyncioSymbols symbols, ImmutableArray<IParameterSymbol> parameters, ISymbol member)
    {
        foreach (IParameterSymbol parameter in parameters)
        {
            if (Exposes(parameter.Type, symbols) is { } exposed)
            {
                Location? location = parameter.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(context.CancellationToken) is ParameterSyntax { Type: { } type }
                    ? type.GetLocation()
                    : parameter.Locations.FirstOrDefault();
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO002, location,
                    ImmutableDictionary<string, string?>.Empty.Add(KindProperty, "Parameter"),
                    Display(member) + " (parameter '" + parameter.Name + "')", exposed.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
            }
        }
    }

    private static void Report(SymbolAnalysisContext context, ISymbol member, ITypeSymbol exposed, Location? location, string kind)
    {
        if (location is null || !location.IsInSource)
        {
            return;
        }
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO002, location,
            ImmutableDictionary<string, string?>.Empty.Add(KindProperty, kind),
            Display(member), exposed.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
    }

    private static string Display(ISymbol member) =>
        member.ContainingType is null ? member.Name : member.ContainingType.Name + "." + (member is IMethodSymbol { MethodKind: MethodKind.Constructor } ? member.ContainingType.Name : member.Name);

    /// <summary>The future type <paramref name="type"/> is or mentions (type argument, array element, pointer), or null.</summary>
    internal static ITypeSymbol? Exposes(ITypeSymbol? type, AsyncioSymbols symbols)
    {
        switch (type)
        {
            case null:
                return null;
            case IErrorTypeSymbol:
                return null;
            case IArrayTypeSymbol array:
                return Exposes(array.ElementType, symbols);
            case INamedTypeSymbol named:
                if (symbols.IsPlainFuture(named))
                {
                    return named;
                }
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (Exposes(argument, symbols) is { } inner)
                    {
                        return inner;
                    }
                }
                return named.ContainingType is { } outer && !outer.Equals(named, SymbolEqualityComparer.Default) ? Exposes(outer, symbols) : null;
            default:
                return null;
        }
    }

    /// <summary>public/protected/protected internal on a chain of public/protected types (protected in sealed types excluded).</summary>
    internal static bool IsExternallyVisible(ISymbol symbol)
    {
        for (ISymbol? current = symbol; current is not null && current.Kind != SymbolKind.Namespace; current = current.ContainingSymbol)
        {
            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    break;
                case Accessibility.Protected:
                case Accessibility.ProtectedOrInternal:
                    if (current.ContainingType is { IsSealed: true } || current.ContainingType?.TypeKind == TypeKind.Struct)
                    {
                        return false;
                    }
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    private static bool ImplementsInterfaceMember(ISymbol symbol)
    {
        switch (symbol)
        {
            case IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 }:
            case IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 }:
            case IEventSymbol { ExplicitInterfaceImplementations.Length: > 0 }:
                return true;
        }
        INamedTypeSymbol? type = symbol.ContainingType;
        if (type is null || type.TypeKind == TypeKind.Interface)
        {
            return false;
        }
        foreach (INamedTypeSymbol @interface in type.AllInterfaces)
        {
            foreach (ISymbol member in @interface.GetMembers(symbol.Name))
            {
                ISymbol? implementation = type.FindImplementationForInterfaceMember(member);
                if (SymbolEqualityComparer.Default.Equals(implementation, symbol))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static Location? ReturnTypeLocation(IMethodSymbol method, System.Threading.CancellationToken cancellationToken) =>
        method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) switch
        {
            MethodDeclarationSyntax m => m.ReturnType.GetLocation(),
            OperatorDeclarationSyntax o => o.ReturnType.GetLocation(),
            ConversionOperatorDeclarationSyntax c => c.Type.GetLocation(),
            _ => method.Locations.FirstOrDefault(),
        };

    private static Location? TypeLocation(ISymbol symbol, System.Threading.CancellationToken cancellationToken) =>
        symbol.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) switch
        {
            BasePropertyDeclarationSyntax p => p.Type.GetLocation(),
            VariableDeclaratorSyntax v => v.GetLocation(),
            _ => symbol.Locations.FirstOrDefault(),
        };
}
