using AsyncioGen.Generator.Helpers;

namespace AsyncioGen.Generator.Models;

/// <summary>The type that gets the twins: where it lives and how to reopen it.</summary>
/// <param name="HintName">The file name: <c>Namespace.Outer+Inner{T}.g.cs</c>, unique per type.</param>
/// <param name="Namespace">The namespace, empty for the global namespace.</param>
/// <param name="FullyQualifiedName">The type with <c>global::</c> and its type parameters, for qualified calls.</param>
/// <param name="Types">Outermost first.</param>
internal sealed record HierarchyModel(string HintName, string Namespace, string FullyQualifiedName, EquatableArray<TypeDeclarationModel> Types);
