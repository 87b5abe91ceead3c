using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncioGen.Generator.Helpers;
using AsyncioGen.Generator.Models;

namespace AsyncioGen.Generator.Pipeline;

/// <summary>Groups the collected methods by containing type, keeping the order of first appearance.</summary>
internal static class Grouping
{
    public static ImmutableArray<FutureTypeModel> ByType(ImmutableArray<FutureMethodResult> results)
    {
        var order = new List<HierarchyModel>();
        var methods = new Dictionary<HierarchyModel, List<FutureMethodModel>>();
        var errors = new Dictionary<HierarchyModel, List<string>>();
        foreach (FutureMethodResult result in results)
        {
            // Two types may differ only in modifiers (partial parts disagreeing): group on the hint name.
            HierarchyModel key = result.Hierarchy;
            if (!methods.ContainsKey(key))
            {
                order.Add(key);
                methods.Add(key, new List<FutureMethodModel>());
                errors.Add(key, new List<string>());
            }
            if (result.Method is not null)
            {
                methods[key].Add(result.Method);
            }
            if (result.InternalError is not null)
            {
                errors[key].Add(result.InternalError);
            }
        }
        var builder = ImmutableArray.CreateBuilder<FutureTypeModel>(order.Count);
        var hints = new HashSet<string>();
        foreach (HierarchyModel hierarchy in order)
        {
            if (!hints.Add(hierarchy.HintName))
            {
                continue; // Same hint, different declaration text: invalid code the compiler reports.
            }
            builder.Add(new FutureTypeModel(hierarchy, EquatableArray<FutureMethodModel>.From(methods[hierarchy]), EquatableArray<string>.From(errors[hierarchy])));
        }
        return builder.ToImmutable();
    }
}
