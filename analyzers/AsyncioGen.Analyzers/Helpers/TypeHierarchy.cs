using Microsoft.CodeAnalysis;

namespace AsyncioGen.Analyzers.Helpers;

/// <summary>Type tests shared by every rule.</summary>
internal static class TypeHierarchy
{
    /// <summary>True when <paramref name="type"/> or one of its base types is <paramref name="target"/> (compared by original definition, so <c>Future&lt;int&gt;</c> derives from <c>Future`1</c>).</summary>
    public static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol? target)
    {
        if (target is null)
        {
            return false;
        }
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when <paramref name="type"/> is <paramref name="target"/> (by original definition).</summary>
    public static bool IsType(ITypeSymbol? type, INamedTypeSymbol? target) =>
        type is not null && target is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, target);
}
