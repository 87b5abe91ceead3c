using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.SourceGeneration;

/// <summary>AIO103: the names the generator would add (the twin, its explicit-loop overload, a result record) must be free.</summary>
internal static partial class FutureMethodValidation
{
    /// <summary>Describes the member the twin would clash with, or null.</summary>
    private static string? FindClash(FutureMethodShape shape, INamedTypeSymbol? futureAttribute, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = shape.Method.ContainingType;
        if (shape.TwinName == type.Name)
        {
            return "the type's own name";
        }
        if (shape.ResultTypeName is { } record && ResultTypeClash(shape, record, futureAttribute, cancellationToken) is { } recordClash)
        {
            return recordClash;
        }
        foreach (ITypeSymbol[] twinParameters in TwinSignatures(shape))
        {
            if (SignatureClash(shape, twinParameters, futureAttribute, cancellationToken) is { } clash)
            {
                return clash;
            }
        }
        return null;
    }

    private static string? SignatureClash(FutureMethodShape shape, ITypeSymbol[] twinParameters, INamedTypeSymbol? futureAttribute, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = shape.Method.ContainingType;
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            bool inherited = !SymbolEqualityComparer.Default.Equals(current, type);
            foreach (ISymbol member in current.GetMembers(shape.TwinName))
            {
                if (inherited && member.DeclaredAccessibility == Accessibility.Private)
                {
                    continue;
                }
                if (member is not IMethodSymbol other)
                {
                    return "the " + member.Kind.ToString().ToLowerInvariant() + " '" + member.ToDisplayString() + "'";
                }
                // The type's own generated twins are the output, not a clash; an inherited one would be hidden.
                if ((inherited || !IsGenerated(other)) && SameParameters(other.Parameters.Select(static p => p.Type).ToArray(), twinParameters))
                {
                    return "the method '" + other.ToDisplayString() + "'";
                }
            }
            if (inherited && futureAttribute is not null && current.DeclaringSyntaxReferences.Length > 0)
            {
                // A base type of this compilation: its twins are not generated yet when the generator runs.
                foreach (ISymbol member in current.GetMembers())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (member is IMethodSymbol { DeclaredAccessibility: not Accessibility.Private } baseMethod
                        && SameTwin(baseMethod, futureAttribute, shape.TwinName, twinParameters))
                    {
                        return "the twin of [Future] method '" + baseMethod.ToDisplayString() + "' in a base type";
                    }
                }
            }
        }
        if (futureAttribute is null)
        {
            return null;
        }
        // Another [Future] method declared before this one whose twin has the same name and parameters.
        foreach (IMethodSymbol sibling in EarlierSiblings(shape))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SameTwin(sibling, futureAttribute, shape.TwinName, twinParameters))
            {
                return "the twin of [Future] method '" + sibling.ToDisplayString() + "'";
            }
        }
        return null;
    }

    /// <summary>
    /// The [Future] method of a base type of this compilation whose event-based twin already subscribes to the
    /// same event (a second subscription would deliver every completion twice), or null.
    /// </summary>
    internal static string? BaseSubscriber(FutureMethodShape shape, EapEvent eap, INamedTypeSymbol futureAttribute, CancellationToken cancellationToken)
    {
        for (INamedTypeSymbol? current = shape.Method.ContainingType.BaseType; current is not null && current.DeclaringSyntaxReferences.Length > 0; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (member is IMethodSymbol baseMethod
                    && FindAttribute(baseMethod, futureAttribute) is { } attribute
                    && Classify(baseMethod, attribute, new List<FutureProblem>()) is { Eap: { } baseEap }
                    && SymbolEqualityComparer.Default.Equals(baseEap.Event.OriginalDefinition, eap.Event.OriginalDefinition))
                {
                    return baseMethod.ToDisplayString();
                }
            }
        }
        return null;
    }

    /// <summary>The generated record struct needs a free name in the type (an earlier [Future] method's record counts).</summary>
    private static string? ResultTypeClash(FutureMethodShape shape, string record, INamedTypeSymbol? futureAttribute, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = shape.Method.ContainingType;
        if (record == type.Name)
        {
            return "the type's own name (as ResultType)";
        }
        foreach (ISymbol member in type.GetMembers(record))
        {
            if (!IsGenerated(member))
            {
                return "the " + member.Kind.ToString().ToLowerInvariant() + " '" + member.ToDisplayString() + "' (as ResultType)";
            }
        }
        if (futureAttribute is not null)
        {
            foreach (IMethodSymbol sibling in EarlierSiblings(shape))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (FindAttribute(sibling, futureAttribute) is { } attribute && FutureOptions.Read(attribute).ResultType == record)
                {
                    return "the ResultType of [Future] method '" + sibling.ToDisplayString() + "'";
                }
            }
        }
        return null;
    }

    private static IEnumerable<IMethodSymbol> EarlierSiblings(FutureMethodShape shape)
    {
        foreach (ISymbol member in shape.Method.ContainingType.GetMembers())
        {
            if (SymbolEqualityComparer.Default.Equals(member, shape.Method))
            {
                yield break;
            }
            if (member is IMethodSymbol sibling)
            {
                yield return sibling;
            }
        }
    }

    private static bool SameTwin(IMethodSymbol other, INamedTypeSymbol futureAttribute, string twinName, ITypeSymbol[] twinParameters) =>
        FindAttribute(other, futureAttribute) is { } attribute
        && Classify(other, attribute, new List<FutureProblem>()) is { } otherShape
        && otherShape.TwinName == twinName
        && TwinSignatures(otherShape).Any(signature => SameParameters(signature, twinParameters));

    /// <summary>The parameter types of each twin: the plain one, and the explicit-loop overload (loop first).</summary>
    private static IEnumerable<ITypeSymbol[]> TwinSignatures(FutureMethodShape shape)
    {
        ITypeSymbol[] plain = shape.Parameters.Where(static p => p.Role == ParameterRole.Argument).Select(static p => p.Symbol.Type).ToArray();
        yield return plain;
        if (shape.ExplicitLoop)
        {
            ITypeSymbol? loop = shape.Method.ContainingAssembly is null ? null : FindLoopType(shape.Method);
            if (loop is not null)
            {
                yield return new[] { loop }.Concat(plain).ToArray();
            }
        }
    }

    /// <summary><c>AsyncioGen.EventLoop</c>, reached from the [Future] attribute's assembly.</summary>
    private static ITypeSymbol? FindLoopType(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "FutureAttribute" } futureAttribute
                && futureAttribute.ContainingAssembly?.GetTypeByMetadataName("AsyncioGen.EventLoop") is { } loop)
            {
                return loop;
            }
        }
        return null;
    }

    private static bool SameParameters(ITypeSymbol[] left, ITypeSymbol[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }
        for (int i = 0; i < left.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(left[i], right[i]))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Written by this generator (its <c>[GeneratedCode]</c>): the output, not a clash.</summary>
    private static bool IsGenerated(ISymbol symbol)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" }
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is GeneratorName)
            {
                return true;
            }
        }
        return false;
    }
}
