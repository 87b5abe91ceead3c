using AsyncioGen.Generator.Helpers;
using AsyncioGen.SourceGeneration;

namespace AsyncioGen.Generator.Models;

/// <summary>One [Future] method, reduced to what the emitter writes.</summary>
/// <param name="MethodName">The callback form's name.</param>
/// <param name="TwinName">The twin's name.</param>
/// <param name="Accessibility">The twin's accessibility keywords (the method's own).</param>
/// <param name="IsStatic">Static method (and so static twin).</param>
/// <param name="IsPublicApi">The twin is visible outside the assembly: it returns an awaitable, not a future.</param>
/// <param name="Shape">Callback, state-passing, APM or EAP.</param>
/// <param name="ResultType">The future's result type, fully qualified (a value tuple or the generated record for several values); null for a result-less future.</param>
/// <param name="Parameters">Every parameter of the callback form, in order.</param>
/// <param name="Return">What the callback form returns.</param>
/// <param name="HandleType">For <see cref="ReturnKind.Handle"/>: the handle's type, fully qualified.</param>
/// <param name="HandleIsDisposable">The handle is an <see cref="System.IDisposable"/>: disposed when the future is cancelled.</param>
/// <param name="EndMethodName">For APM: <c>EndOp</c>.</param>
/// <param name="TypeParameters">For a generic method: <c>&lt;T, U&gt;</c>; else empty.</param>
/// <param name="Constraints">For a generic method: its <c>where</c> clauses.</param>
/// <param name="Values">Several callback values: their types and names, in order.</param>
/// <param name="ResultRecord">The record struct generated for <paramref name="Values"/> (<c>[Future(ResultType = ...)]</c>), or null for a value tuple.</param>
/// <param name="Eap">For EAP: the completion event.</param>
/// <param name="ExplicitLoop">Also write the overload that takes the <c>EventLoop</c> first.</param>
internal sealed record FutureMethodModel(
    string MethodName,
    string TwinName,
    string Accessibility,
    bool IsStatic,
    bool IsPublicApi,
    FutureShapeKind Shape,
    string? ResultType,
    EquatableArray<ParameterModel> Parameters,
    ReturnKind Return,
    string? HandleType,
    bool HandleIsDisposable,
    string? EndMethodName,
    string TypeParameters,
    EquatableArray<string> Constraints,
    EquatableArray<ResultValueModel> Values,
    string? ResultRecord,
    EapModel? Eap,
    bool ExplicitLoop);
