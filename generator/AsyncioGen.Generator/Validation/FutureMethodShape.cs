using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.SourceGeneration;

/// <summary>Which of the three DESIGN.md shapes a [Future] method has.</summary>
internal enum FutureShapeKind
{
    /// <summary>Trailing completion callback(s); one delegate bound to the future per callback.</summary>
    Callback,

    /// <summary>A callback with a state parameter plus an <c>object? state</c> argument; a static cached delegate.</summary>
    StatePassing,

    /// <summary><c>BeginOp</c>/<c>EndOp</c>; a static AsyncCallback, the future as the state.</summary>
    Apm,
}

/// <summary>What a parameter of the callback form becomes in the twin.</summary>
internal enum ParameterRole
{
    /// <summary>Kept: a parameter of the twin, passed through.</summary>
    Argument,

    /// <summary>Fed from the future's cancellation; not a parameter of the twin.</summary>
    CancellationToken,

    /// <summary>A completion callback (shape 1) or the state-passing callback (shape 2).</summary>
    Callback,

    /// <summary>The state argument (shapes 2 and 3): the future.</summary>
    State,

    /// <summary>The <c>AsyncCallback</c> of an APM pair.</summary>
    AsyncCallback,
}

/// <summary>How a callback delegate reports the outcome; names the support method it is bound to.</summary>
internal enum CallbackKind
{
    /// <summary>Not a callback.</summary>
    None,

    /// <summary><c>()</c>: success of a result-less operation.</summary>
    Completed,

    /// <summary><c>(T)</c>: success with a result.</summary>
    Result,

    /// <summary><c>(Exception)</c> next to a success callback.</summary>
    Error,

    /// <summary><c>(Exception?)</c> alone: the outcome of a result-less operation.</summary>
    ResultlessOutcome,

    /// <summary><c>(T?, Exception?)</c>.</summary>
    Outcome,

    /// <summary><c>(Exception?, T?)</c>.</summary>
    ErrorFirstOutcome,
}

/// <summary>One parameter of the callback form, classified.</summary>
internal readonly struct ClassifiedParameter
{
    public ClassifiedParameter(IParameterSymbol symbol, ParameterRole role, CallbackKind kind, int delegateArity)
    {
        Symbol = symbol;
        Role = role;
        Kind = kind;
        DelegateArity = delegateArity;
    }

    public IParameterSymbol Symbol { get; }

    public ParameterRole Role { get; }

    /// <summary>For <see cref="ParameterRole.Callback"/>: how it reports (for a state-passing callback, with the state last).</summary>
    public CallbackKind Kind { get; }

    /// <summary>For callbacks: the number of parameters of the delegate's Invoke.</summary>
    public int DelegateArity { get; }
}

/// <summary>A [Future] method the shared validation accepted: everything the generator needs, still as symbols.</summary>
internal sealed class FutureMethodShape
{
    public FutureMethodShape(
        IMethodSymbol method,
        FutureShapeKind kind,
        string twinName,
        ITypeSymbol? resultType,
        ImmutableArray<ClassifiedParameter> parameters,
        bool returnsDisposable,
        IMethodSymbol? endMethod)
    {
        Method = method;
        Kind = kind;
        TwinName = twinName;
        ResultType = resultType;
        Parameters = parameters;
        ReturnsDisposable = returnsDisposable;
        EndMethod = endMethod;
    }

    public IMethodSymbol Method { get; }

    public FutureShapeKind Kind { get; }

    public string TwinName { get; }

    /// <summary>The future's result type; null for a result-less future.</summary>
    public ITypeSymbol? ResultType { get; }

    public ImmutableArray<ClassifiedParameter> Parameters { get; }

    public bool ReturnsDisposable { get; }

    /// <summary>For <see cref="FutureShapeKind.Apm"/>: the matching <c>EndOp</c>.</summary>
    public IMethodSymbol? EndMethod { get; }
}

/// <summary>A problem the validation found: one AIO1xx diagnostic, not yet bound to a descriptor.</summary>
internal readonly struct FutureProblem
{
    public FutureProblem(string id, Location? location, params string[] arguments)
    {
        Id = id;
        Location = location;
        Arguments = arguments;
    }

    /// <summary>AIO101 … AIO105.</summary>
    public string Id { get; }

    public Location? Location { get; }

    /// <summary>The message format arguments, in the descriptor's order.</summary>
    public string[] Arguments { get; }
}
