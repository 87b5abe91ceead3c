using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using AsyncioGen.Generator.Helpers;
using AsyncioGen.Generator.Models;
using AsyncioGen.SourceGeneration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncioGen.Generator.Pipeline;

/// <summary>The only place symbols are read: turns a validated [Future] method into equatable models.</summary>
internal static class ModelFactory
{
    /// <summary>Fully qualified, with nullable reference annotations.</summary>
    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The FAWMN transform: never throws except for cancellation.</summary>
    public static FutureMethodResult? Create(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not IMethodSymbol { ContainingType: { } type } method)
        {
            return null;
        }
        HierarchyModel? hierarchy = null;
        try
        {
            hierarchy = CreateHierarchy(type);
            cancellationToken.ThrowIfCancellationRequested();
            AttributeData? attribute = context.Attributes.IsDefaultOrEmpty ? null : context.Attributes[0];
            FutureMethodShape? shape = FutureMethodValidation.Validate(method, attribute, new List<FutureProblem>(), cancellationToken);
            if (shape is null)
            {
                return null; // The analyzer reports why (AIO101–AIO105), or the code is incomplete.
            }
            cancellationToken.ThrowIfCancellationRequested();
            return new FutureMethodResult(hierarchy, CreateMethod(shape), null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return hierarchy is null ? null : new FutureMethodResult(hierarchy, null, method.Name + ": " + ex.GetType().Name + ": " + ex.Message);
        }
    }

    public static HierarchyModel CreateHierarchy(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            chain.Insert(0, current);
        }
        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : "";
        var hint = new StringBuilder();
        if (ns.Length > 0)
        {
            hint.Append(ns).Append('.');
        }
        for (int i = 0; i < chain.Count; i++)
        {
            if (i > 0)
            {
                hint.Append('+');
            }
            hint.Append(chain[i].Name);
            if (chain[i].TypeParameters.Length > 0)
            {
                hint.Append('{').Append(string.Join(",", chain[i].TypeParameters.Select(static p => p.Name))).Append('}');
            }
        }
        hint.Append(".g.cs");
        return new HierarchyModel(
            hint.ToString(),
            ns,
            type.ToDisplayString(TypeFormat),
            EquatableArray<TypeDeclarationModel>.From(chain.Select(static t => CreateDeclaration(t))));
    }

    private static TypeDeclarationModel CreateDeclaration(INamedTypeSymbol type)
    {
        string modifiers = type.IsStatic ? "static " : "";
        if (type.TypeKind == TypeKind.Struct)
        {
            modifiers = (type.IsReadOnly ? "readonly " : "") + (type.IsRefLikeType ? "ref " : "");
        }
        string keyword = type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct } => "struct",
            { TypeKind: TypeKind.Interface } => "interface",
            _ => "class",
        };
        string name = EscapeIdentifier(type.Name);
        if (type.TypeParameters.Length > 0)
        {
            name += "<" + string.Join(", ", type.TypeParameters.Select(static p => p.Variance switch
            {
                VarianceKind.In => "in ",
                VarianceKind.Out => "out ",
                _ => "",
            } + EscapeIdentifier(p.Name))) + ">";
        }
        return new TypeDeclarationModel(modifiers, keyword, name);
    }

    private static FutureMethodModel CreateMethod(FutureMethodShape shape)
    {
        IMethodSymbol method = shape.Method;
        var parameters = shape.Parameters.Select(p => new ParameterModel(
            EscapeIdentifier(p.Symbol.Name),
            p.Symbol.Type.ToDisplayString(TypeFormat),
            Modifier(p.Symbol, method),
            p.Role == ParameterRole.Argument ? DefaultValue(p.Symbol) : null,
            p.Role,
            p.Kind,
            p.DelegateArity));
        return new FutureMethodModel(
            EscapeIdentifier(method.Name),
            EscapeIdentifier(shape.TwinName),
            AccessibilityText(method.DeclaredAccessibility),
            method.IsStatic,
            IsPublicApi(method),
            shape.Kind,
            shape.ResultType?.ToDisplayString(TypeFormat),
            EquatableArray<ParameterModel>.From(parameters),
            shape.ReturnsDisposable,
            shape.EndMethod is null ? null : EscapeIdentifier(shape.EndMethod.Name));
    }

    private static string Modifier(IParameterSymbol parameter, IMethodSymbol method)
    {
        if (parameter.Ordinal == 0 && method.IsExtensionMethod)
        {
            return parameter.RefKind switch
            {
                RefKind.Ref => "this ref ",
                RefKind.In => "this in ",
                _ => "this ",
            };
        }
        if (parameter.IsParams)
        {
            return "params ";
        }
        return parameter.RefKind switch
        {
            RefKind.Ref => "ref ",
            RefKind.Out => "out ",
            RefKind.In => "in ",
            _ => "",
        };
    }

    /// <summary>Visible outside the assembly: public/protected all the way up.</summary>
    private static bool IsPublicApi(IMethodSymbol method)
    {
        for (ISymbol? current = method; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Public:
                case Accessibility.Protected:
                case Accessibility.ProtectedOrInternal:
                    continue;
                default:
                    return false;
            }
        }
        return true;
    }

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Public => "public",
        Accessibility.Protected => "protected",
        Accessibility.Internal => "internal",
        Accessibility.ProtectedOrInternal => "protected internal",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    private static string? DefaultValue(IParameterSymbol parameter)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }
        object? value = parameter.ExplicitDefaultValue;
        ITypeSymbol type = parameter.Type;
        if (type.TypeKind == TypeKind.Enum && value is not null)
        {
            return "(" + type.ToDisplayString(TypeFormat) + ")(" + Literal(value) + ")";
        }
        if (value is null)
        {
            return "default";
        }
        string literal = Literal(value);
        return type.SpecialType == SpecialType.None ? "(" + type.ToDisplayString(TypeFormat) + ")(" + literal + ")" : literal;
    }

    private static string Literal(object value) => value switch
    {
        string s => SymbolDisplay.FormatLiteral(s, quote: true),
        char c => SymbolDisplay.FormatLiteral(c, quote: true),
        bool b => b ? "true" : "false",
        float f => float.IsNaN(f) ? "float.NaN" : float.IsPositiveInfinity(f) ? "float.PositiveInfinity" : float.IsNegativeInfinity(f) ? "float.NegativeInfinity" : f.ToString("R", CultureInfo.InvariantCulture) + "F",
        double d => double.IsNaN(d) ? "double.NaN" : double.IsPositiveInfinity(d) ? "double.PositiveInfinity" : double.IsNegativeInfinity(d) ? "double.NegativeInfinity" : d.ToString("R", CultureInfo.InvariantCulture) + "D",
        decimal m => m.ToString(CultureInfo.InvariantCulture) + "M",
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        ulong ul => ul.ToString(CultureInfo.InvariantCulture) + "UL",
        uint ui => ui.ToString(CultureInfo.InvariantCulture) + "U",
        int i => i.ToString(CultureInfo.InvariantCulture),
        IFormattable other => "(global::" + value.GetType().FullName + ")(" + other.ToString(null, CultureInfo.InvariantCulture) + ")",
        _ => value.ToString() ?? "default",
    };

    private static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) is SyntaxKind.AwaitKeyword
            ? "@" + name
            : name;
}
