using AsyncioGen.Generator.Helpers;
using AsyncioGen.SourceGeneration;

namespace AsyncioGen.Generator.Models;

/// <summary>One [Future] method, reduced to what the emitter writes.</summary>
/// <param name="MethodName">The callback form's name.</param>
/// <param name="TwinName">The twin's name.</param>
/// <param name="Accessibility">The twin's accessibility keywords (the method's own).</param>
/// <param name="IsStatic">Static method (and so static twin).</param>
/// <param name="IsPublicApi">The twin is visible outside the assembly: it returns a <c>FutureAwaitable</c>.</param>
/// <param name="Shape">Callback, state-passing or APM.</param>
/// <param name="ResultType">The future's result type, fully qualified; null for a result-less future.</param>
/// <param name="Parameters">Every parameter of the callback form, in order.</param>
/// <param name="ReturnsDisposable">The callback form returns an <see cref="System.IDisposable"/> disposed on cancel.</param>
/// <param name="EndMethodName">For APM: <c>EndOp</c>.</param>
internal sealed record FutureMethodModel(
    string MethodName,
    string TwinName,
    string Accessibility,
    bool IsStatic,
    bool IsPublicApi,
    FutureShapeKind Shape,
    string? ResultType,
    EquatableArray<ParameterModel> Parameters,
    bool ReturnsDisposable,
    string? EndMethodName);
