using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.SourceGeneration;

/// <summary>Which shape a [Future] method has.</summary>
internal enum FutureShapeKind
{
    /// <summary>Completion callback(s); one delegate bound to the future per callback.</summary>
    Callback,

    /// <summary>A callback with a state parameter plus an <c>object? state</c> argument; a static cached delegate.</summary>
    StatePassing,

    /// <summary><c>BeginOp</c>/<c>EndOp</c>; a static AsyncCallback, the future as the state.</summary>
    Apm,

    /// <summary>Event-based: <c>OpAsync(args, object? userState)</c> + an <c>OpCompleted</c> event; the future as the user state.</summary>
    Eap,
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

    /// <summary>The state argument (state-passing, APM) or the user state (EAP): the future.</summary>
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

    /// <summary><c>(T1, T2, ...)</c>: success with several values, combined into one result.</summary>
    Values,

    /// <summary><c>(T1?, T2?, ..., Exception?)</c>.</summary>
    ValuesOutcome,

    /// <summary><c>(Exception?, T1?, T2?, ...)</c>.</summary>
    ErrorFirstValues,
}

/// <summary>What the callback form returns, and what the twin does with it.</summary>
internal enum ReturnKind
{
    /// <summary><c>void</c> (or the APM <c>IAsyncResult</c>, which the twin does not need).</summary>
    None,

    /// <summary><c>IDisposable</c>: a registration disposed when the future is cancelled.</summary>
    Registration,

    /// <summary>Any other type: a handle the future keeps (<c>Handle</c>); disposed on cancel when it is an <c>IDisposable</c>.</summary>
    Handle,
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

/// <summary>One value of a callback that reports several: its type and the name it gets in the result.</summary>
internal readonly struct ResultValue
{
    public ResultValue(ITypeSymbol type, string name)
    {
        Type = type;
        Name = name;
    }

    public ITypeSymbol Type { get; }

    /// <summary>The delegate parameter's name (<c>arg1</c> for <c>Action&lt;T1, T2&gt;</c>).</summary>
    public string Name { get; }
}

/// <summary>For EAP: the completion event and how its arguments map to the future.</summary>
internal sealed class EapEvent
{
    public EapEvent(IEventSymbol @event, ITypeSymbol argumentsType, string? resultProperty, IMethodSymbol? cancelMethod)
    {
        Event = @event;
        ArgumentsType = argumentsType;
        ResultProperty = resultProperty;
        CancelMethod = cancelMethod;
    }

    /// <summary>The <c>OpCompleted</c> event, on the type or a base type.</summary>
    public IEventSymbol Event { get; }

    /// <summary>The event's <c>AsyncCompletedEventArgs</c>-derived argument type.</summary>
    public ITypeSymbol ArgumentsType { get; }

    /// <summary>The property of the arguments that is the result; null when the arguments object itself is (or there is none).</summary>
    public string? ResultProperty { get; }

    /// <summary><c>[Future(Cancel = ...)]</c>: called when the future is cancelled; no parameter, or the user state.</summary>
    public IMethodSymbol? CancelMethod { get; }
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
        ReturnKind returnKind,
        IMethodSymbol? endMethod)
    {
        Method = method;
        Kind = kind;
        TwinName = twinName;
        ResultType = resultType;
        Parameters = parameters;
        ReturnKind = returnKind;
        EndMethod = endMethod;
    }

    public IMethodSymbol Method { get; }

    public FutureShapeKind Kind { get; }

    public string TwinName { get; }

    /// <summary>The future's result type; null for a result-less future or one made of <see cref="ResultValues"/>.</summary>
    public ITypeSymbol? ResultType { get; }

    /// <summary>Several callback values: the result is a value tuple of them, or the record struct <see cref="ResultTypeName"/>.</summary>
    public ImmutableArray<ResultValue> ResultValues { get; set; } = ImmutableArray<ResultValue>.Empty;

    /// <summary><c>[Future(ResultType = "...")]</c>: the record struct generated for <see cref="ResultValues"/>.</summary>
    public string? ResultTypeName { get; set; }

    public ImmutableArray<ClassifiedParameter> Parameters { get; }

    public ReturnKind ReturnKind { get; }

    /// <summary>For <see cref="FutureShapeKind.Apm"/>: the matching <c>EndOp</c>.</summary>
    public IMethodSymbol? EndMethod { get; }

    /// <summary>For <see cref="FutureShapeKind.Eap"/>: the completion event.</summary>
    public EapEvent? Eap { get; set; }

    /// <summary><c>[Future(ExplicitLoop = true)]</c>: also a twin that takes the <c>EventLoop</c> first.</summary>
    public bool ExplicitLoop { get; set; }
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
