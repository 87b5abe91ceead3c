using AsyncioGen.SourceGeneration;

namespace AsyncioGen.Generator.Models;

/// <summary>A parameter of the callback form and what the twin does with it.</summary>
/// <param name="Name">The parameter name, escaped (<c>@event</c>) when it is a keyword.</param>
/// <param name="Type">The fully qualified type, with nullable annotations.</param>
/// <param name="Modifier"><c>in </c>, <c>ref readonly </c>, <c>params </c>, <c>this </c>, <c>this ref </c>, <c>scoped </c>… or empty.</param>
/// <param name="DefaultValue">The default value expression, or null.</param>
/// <param name="Role">Kept by the twin, or supplied by it.</param>
/// <param name="Callback">For callbacks: how the delegate reports.</param>
/// <param name="DelegateArity">For callbacks: the number of parameters of the delegate.</param>
/// <param name="IsDynamic">Of type <c>dynamic</c>: passed as <c>object</c>, so the call stays statically bound.</param>
internal sealed record ParameterModel(
    string Name,
    string Type,
    string Modifier,
    string? DefaultValue,
    ParameterRole Role,
    CallbackKind Callback,
    int DelegateArity,
    bool IsDynamic);
