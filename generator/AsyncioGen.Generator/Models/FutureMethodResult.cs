namespace AsyncioGen.Generator.Models;

/// <summary>
/// What the transform yields for one [Future] method: the type it belongs to, and the method model, or
/// the text of an internal error (reported once per type by the emit step, never thrown).
/// </summary>
internal sealed record FutureMethodResult(HierarchyModel Hierarchy, FutureMethodModel? Method, string? InternalError);
