using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.Analyzers.Flow;

/// <summary>What the flow rules know about one future variable at a program point.</summary>
[Flags]
internal enum FutureFacts
{
    None = 0,

    // "May" facts: true if true on some path (joined with OR).
    /// <summary>SetResult, SetException or Cancel may have run on some path (AIO001).</summary>
    MayBeCompleted = 1 << 0,
    /// <summary>Some path left a catch handler without completing the future (AIO011).</summary>
    LeftCatchUncompleted = 1 << 1,

    // "Must" facts: true only if true on every path (joined with AND).
    /// <summary>Known done: awaited, completed here, or checked with IsDone/IsCancelled (AIO005).</summary>
    KnownDone = 1 << 8,
    /// <summary>An IsCancelled/IsDone check was made (AIO004).</summary>
    Checked = 1 << 9,
    /// <summary>Completed, handed off, or known done (AIO011).</summary>
    Handled = 1 << 10,
    /// <summary>The variable holds a future this code created (AIO011).</summary>
    Created = 1 << 11,

    MayMask = 0xFF,
    MustMask = 0xFF00,
}

/// <summary>An immutable map from a future variable (local, parameter or field) to its <see cref="FutureFacts"/>.</summary>
internal sealed class FactMap
{
    public static readonly FactMap Empty = new(ImmutableDictionary.Create<ISymbol, FutureFacts>(SymbolEqualityComparer.Default));

    private readonly ImmutableDictionary<ISymbol, FutureFacts> _facts;

    private FactMap(ImmutableDictionary<ISymbol, FutureFacts> facts) => _facts = facts;

    public FutureFacts this[ISymbol symbol] => _facts.TryGetValue(symbol, out FutureFacts f) ? f : FutureFacts.None;

    public bool Has(ISymbol symbol, FutureFacts fact) => (this[symbol] & fact) == fact;

    public IEnumerable<ISymbol> Symbols => _facts.Keys;

    public FactMap With(ISymbol symbol, FutureFacts facts)
    {
        if (this[symbol] == facts)
        {
            return this;
        }
        return new FactMap(facts == FutureFacts.None ? _facts.Remove(symbol) : _facts.SetItem(symbol, facts));
    }

    public FactMap Add(ISymbol symbol, FutureFacts facts) => With(symbol, this[symbol] | facts);

    public FactMap Remove(ISymbol symbol, FutureFacts facts) => With(symbol, this[symbol] & ~facts);

    /// <summary>Removes <paramref name="facts"/> from every variable that satisfies <paramref name="predicate"/>.</summary>
    public FactMap RemoveWhere(Func<ISymbol, bool> predicate, FutureFacts facts)
    {
        FactMap result = this;
        foreach (KeyValuePair<ISymbol, FutureFacts> pair in _facts)
        {
            if (predicate(pair.Key))
            {
                result = result.Remove(pair.Key, facts);
            }
        }
        return result;
    }

    public static FactMap Join(FactMap a, FactMap b)
    {
        if (ReferenceEquals(a, b))
        {
            return a;
        }
        ImmutableDictionary<ISymbol, FutureFacts>.Builder builder = ImmutableDictionary.CreateBuilder<ISymbol, FutureFacts>(SymbolEqualityComparer.Default);
        foreach (KeyValuePair<ISymbol, FutureFacts> pair in a._facts)
        {
            FutureFacts other = b[pair.Key];
            FutureFacts joined = ((pair.Value | other) & FutureFacts.MayMask) | (pair.Value & other & FutureFacts.MustMask);
            if (joined != FutureFacts.None)
            {
                builder[pair.Key] = joined;
            }
        }
        foreach (KeyValuePair<ISymbol, FutureFacts> pair in b._facts)
        {
            if (!a._facts.ContainsKey(pair.Key))
            {
                FutureFacts joined = pair.Value & FutureFacts.MayMask;
                if (joined != FutureFacts.None)
                {
                    builder[pair.Key] = joined;
                }
            }
        }
        return new FactMap(builder.ToImmutable());
    }

    public static bool AreEqual(FactMap a, FactMap b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }
        if (a._facts.Count != b._facts.Count)
        {
            return false;
        }
        foreach (KeyValuePair<ISymbol, FutureFacts> pair in a._facts)
        {
            if (!b._facts.TryGetValue(pair.Key, out FutureFacts other) || other != pair.Value)
            {
                return false;
            }
        }
        return true;
    }
}
