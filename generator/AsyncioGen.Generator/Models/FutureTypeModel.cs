using AsyncioGen.Generator.Helpers;

namespace AsyncioGen.Generator.Models;

/// <summary>Every accepted [Future] method of one type: the input of one generated file.</summary>
/// <param name="Hierarchy">The type.</param>
/// <param name="Methods">Its methods, in declaration order.</param>
/// <param name="InternalErrors">Transform failures for this type (reported as one AIO199).</param>
internal sealed record FutureTypeModel(HierarchyModel Hierarchy, EquatableArray<FutureMethodModel> Methods, EquatableArray<string> InternalErrors);
