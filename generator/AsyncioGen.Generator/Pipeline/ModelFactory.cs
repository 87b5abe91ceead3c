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
            return new FutureMethodResult(hierarchy, CreateMethod(shape, hierarchy), null);
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
        // Only characters every file system and Roslyn's hint-name check accept (a type in invalid code may be named <...>).
        for (int i = 0; i < hint.Length; i++)
        {
            if (!(char.IsLetterOrDigit(hint[i]) || hint[i] is '.' or '_' or '+' or '{' or '}' or ',' or '-'))
            {
                hint[i] = '_';
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

    private static FutureMethodModel CreateMethod(FutureMethodShape shape, HierarchyModel hierarchy)
    {
        IMethodSymbol method = shape.Method;
        var parameters = shape.Parameters.Select(p => new ParameterModel(
            EscapeIdentifier(p.Symbol.Name),
            p.Symbol.Type.ToDisplayString(TypeFormat),
            Modifier(p.Symbol, method),
            p.Role == ParameterRole.Argument ? DefaultValue(p.Symbol) : null,
            p.Role,
            p.Kind,
            p.DelegateArity,
            p.Symbol.Type.TypeKind == TypeKind.Dynamic));
        EquatableArray<ResultValueModel> values = ResultValues(shape);
        string? record = shape.ResultTypeName is null ? null : EscapeIdentifier(shape.ResultTypeName);
        string? result = shape.ResultType?.ToDisplayString(TypeFormat);
        if (values.Length > 0)
        {
            result = record is not null
                ? hierarchy.FullyQualifiedName + "." + record
                : "(" + string.Join(", ", values.Select(static v => v.Type + (v.Name.Length > 0 ? " " + v.Name : ""))) + ")";
        }
        EapModel? eap = shape.Eap is { } e
            ? new EapModel(
                EscapeIdentifier(e.Event.Name),
                e.ArgumentsType.ToDisplayString(TypeFormat),
                e.ResultProperty is null ? null : EscapeIdentifier(e.ResultProperty),
                e.CancelMethod is null ? null : EscapeIdentifier(e.CancelMethod.Name),
                e.CancelMethod is { Parameters.Length: 1 })
            : null;
        return new FutureMethodModel(
            EscapeIdentifier(method.Name),
            EscapeIdentifier(shape.TwinName),
            AccessibilityText(EffectiveAccessibility(method)),
            method.IsStatic,
            IsPublicApi(method),
            shape.Kind,
            result,
            EquatableArray<ParameterModel>.From(parameters),
            shape.ReturnKind,
            shape.ReturnKind == ReturnKind.Handle ? method.ReturnType.ToDisplayString(TypeFormat) : null,
            shape.ReturnKind == ReturnKind.Handle && IsDisposable(method.ReturnType),
            shape.EndMethod is null ? null : EscapeIdentifier(shape.EndMethod.Name),
            method.TypeParameters.Length == 0 ? "" : "<" + string.Join(", ", method.TypeParameters.Select(static t => EscapeIdentifier(t.Name))) + ">",
            EquatableArray<string>.From(method.TypeParameters.Select(static t => Constraint(t)).Where(static c => c is not null).Select(static c => c!)),
            values,
            record,
            eap,
            shape.ExplicitLoop);
    }

    /// <summary>
    /// The values of a multi-value callback, named for the result: tuple element names from a custom delegate
    /// (dropped where C# reserves them), record property names in PascalCase (<c>Item1</c>… for an <c>Action</c>).
    /// </summary>
    private static EquatableArray<ResultValueModel> ResultValues(FutureMethodShape shape)
    {
        var names = new List<string>();
        for (int i = 0; i < shape.ResultValues.Length; i++)
        {
            string name = shape.ResultValues[i].Name;
            if (shape.ResultTypeName is not null)
            {
                name = name.Length == 0 ? "Item" + (i + 1) : char.ToUpperInvariant(name[0]) + name.Substring(1);
                if (name == shape.ResultTypeName || names.Contains(name))
                {
                    name += "Value" + (i + 1);
                }
            }
            names.Add(name);
        }
        if (shape.ResultTypeName is null && names.Any(static n => n.Length == 0 || IsReservedTupleName(n)))
        {
            names = names.Select(static _ => "").ToList(); // Unnamed (an Action), or a reserved name: plain Item1, Item2.
        }
        return EquatableArray<ResultValueModel>.From(shape.ResultValues.Select((v, i) =>
            new ResultValueModel(v.Type.ToDisplayString(TypeFormat), names[i].Length == 0 ? "" : EscapeIdentifier(names[i]))));
    }

    private static bool IsReservedTupleName(string name) =>
        name is "CompareTo" or "Deconstruct" or "Equals" or "GetHashCode" or "Rest" or "ToString" or "GetType"
        || (name.StartsWith("Item", StringComparison.Ordinal) && name.Length > 4 && name.Substring(4).All(char.IsDigit));

    /// <summary>The <c>where</c> clause a twin repeats for one type parameter, or null when it has no constraint.</summary>
    private static string? Constraint(ITypeParameterSymbol parameter)
    {
        var parts = new List<string>();
        if (parameter.HasReferenceTypeConstraint)
        {
            parts.Add(parameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
        }
        else if (parameter.HasUnmanagedTypeConstraint)
        {
            parts.Add("unmanaged");
        }
        else if (parameter.HasValueTypeConstraint)
        {
            parts.Add("struct");
        }
        else if (parameter.HasNotNullConstraint)
        {
            parts.Add("notnull");
        }
        parts.AddRange(parameter.ConstraintTypes.Select(static t => t.ToDisplayString(TypeFormat)));
        if (parameter.HasConstructorConstraint && !parameter.HasValueTypeConstraint)
        {
            parts.Add("new()");
        }
        return parts.Count == 0 ? null : "where " + EscapeIdentifier(parameter.Name) + " : " + string.Join(", ", parts);
    }

    private static bool IsDisposable(ITypeSymbol type) =>
        (type.Name == "IDisposable" && type.ContainingNamespace?.ToDisplayString() == "System")
        || type.AllInterfaces.Any(static i => i.Name == "IDisposable" && i.ContainingNamespace?.ToDisplayString() == "System");

    private static string Modifier(IParameterSymbol parameter, IMethodSymbol method)
    {
        if (parameter.Ordinal == 0 && method.IsExtensionMethod)
        {
            return parameter.RefKind switch
            {
                RefKind.Ref => "this ref ",
                RefKind.In => "this in ",
                RefKind.RefReadOnlyParameter => "this ref readonly ",
                _ => "this ",
            };
        }
        if (parameter.IsParams)
        {
            return "params ";
        }
        return parameter.RefKind switch
        {
            RefKind.In => "in ",
            RefKind.RefReadOnlyParameter => "ref readonly ",
            _ => "",
        };
    }

    /// <summary>
    /// The method's accessibility, with 'protected' dropped in a type nobody can derive from (sealed, static,
    /// a struct): the same meaning, without the CS0628 warning a twin would otherwise repeat.
    /// </summary>
    private static Accessibility EffectiveAccessibility(IMethodSymbol method)
    {
        bool sealedType = method.ContainingType is { IsSealed: true } or { IsStatic: true } or { TypeKind: TypeKind.Struct };
        return (method.DeclaredAccessibility, sealedType) switch
        {
            (Accessibility.Protected or Accessibility.ProtectedAndInternal, true) => Accessibility.Private,
            (Accessibility.ProtectedOrInternal, true) => Accessibility.Internal,
            _ => method.DeclaredAccessibility,
        };
    }

    /// <summary>Visible outside the assembly: public/protected all the way up.</summary>
    private static bool IsPublicApi(IMethodSymbol method)
    {
        for (ISymbol? current = method; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            switch (current is IMethodSymbol self ? EffectiveAccessibility(self) : current.DeclaredAccessibility)
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
