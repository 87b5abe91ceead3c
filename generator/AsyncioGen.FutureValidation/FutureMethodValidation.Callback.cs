using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.SourceGeneration;

/// <summary>Callback shapes: completion callback(s) anywhere in the list, or a state-passing callback + state.</summary>
internal static partial class FutureMethodValidation
{
    private static FutureMethodShape? ClassifyCallback(IMethodSymbol method, FutureOptions options, List<FutureProblem> problems)
    {
        Location? where = NameLocation(method);
        if (ClassifyReturn(method, problems) is not { } returnKind)
        {
            return null;
        }
        ImmutableArray<IParameterSymbol> ps = method.Parameters;
        var roles = new ParameterRole[ps.Length];
        var kinds = new CallbackKind[ps.Length];
        var arities = new int[ps.Length];
        var rest = new List<int>(ps.Length);
        for (int i = 0; i < ps.Length; i++)
        {
            if (IsCancellationToken(ps[i]))
            {
                if (roles.Contains(ParameterRole.CancellationToken))
                {
                    problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "it has more than one CancellationToken parameter"));
                    return null;
                }
                roles[i] = ParameterRole.CancellationToken;
            }
            else
            {
                rest.Add(i);
            }
        }
        if (rest.Count == 0)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, NoCallback));
            return null;
        }

        int lastIndex = rest[rest.Count - 1];
        if (IsObject(ps[lastIndex]) && rest.Count > 1 && Invoke(ps[rest[rest.Count - 2]]) is { Parameters.Length: > 0 } stateInvoke
            && stateInvoke.Parameters[stateInvoke.Parameters.Length - 1].Type.SpecialType == SpecialType.System_Object)
        {
            return ClassifyStatePassing(method, options, ps, rest, roles, returnKind, problems);
        }

        // The completion callback is the last delegate parameter that returns void; what follows it
        // (options, a timeout) stays an argument of the twin.
        int position = -1;
        for (int k = rest.Count - 1; k >= 0; k--)
        {
            if (Invoke(ps[rest[k]]) is { ReturnsVoid: true })
            {
                position = k;
                break;
            }
        }
        if (position < 0)
        {
            foreach (int k in rest)
            {
                if (Invoke(ps[k]) is { } valued)
                {
                    CheckCallback(method, ps[k], valued, problems); // Reports "returns a value" at it.
                    return null;
                }
            }
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, NoCallback));
            return null;
        }
        int last = rest[position];
        if (position + 1 < rest.Count && IsObject(ps[rest[position + 1]]))
        {
            problems.Add(new FutureProblem(ShapeUnsupported, ParameterLocation(ps[rest[position + 1]]) ?? where, method.Name,
                "'" + ps[rest[position + 1]].Name + "' follows the callback '" + ps[last].Name + "' like a state, but the callback does not receive it; "
                + "a state-passing callback takes the state last (Action<T, object?>)"));
            return null;
        }
        IMethodSymbol lastInvoke = Invoke(ps[last])!;
        if (!CheckCallback(method, ps[last], lastInvoke, problems))
        {
            return null;
        }
        int previous = position > 0 ? rest[position - 1] : -1;
        IMethodSymbol? previousInvoke = previous >= 0 && Invoke(ps[previous]) is { ReturnsVoid: true } p ? p : null;
        bool lastIsError = IsErrorCallback(lastInvoke);
        bool previousIsError = previousInvoke is not null && IsErrorCallback(previousInvoke);
        ValueKind? previousSuccess = previousInvoke is not null && !previousIsError ? ClassifyValues(previousInvoke, alone: false) : null;

        ValueKind outcome;
        if (lastIsError && previousSuccess is { } successBefore)
        {
            if (!CheckCallback(method, ps[previous], previousInvoke!, problems))
            {
                return null;
            }
            roles[previous] = roles[last] = ParameterRole.Callback;
            kinds[previous] = successBefore.Kind;
            kinds[last] = CallbackKind.Error;
            arities[previous] = previousInvoke!.Parameters.Length;
            arities[last] = 1;
            outcome = successBefore;
        }
        else if (!lastIsError && previousIsError && ClassifyValues(lastInvoke, alone: false) is { } successAfter)
        {
            if (!CheckCallback(method, ps[previous], previousInvoke!, problems))
            {
                return null;
            }
            roles[previous] = roles[last] = ParameterRole.Callback;
            kinds[previous] = CallbackKind.Error;
            kinds[last] = successAfter.Kind;
            arities[previous] = 1;
            arities[last] = lastInvoke.Parameters.Length;
            outcome = successAfter;
        }
        else if (ClassifyValues(lastInvoke, alone: true) is { } single)
        {
            if (previousSuccess is not null && single.Kind is CallbackKind.Completed or CallbackKind.Result or CallbackKind.Values)
            {
                problems.Add(new FutureProblem(ShapeUnsupported, ParameterLocation(ps[previous]) ?? where, method.Name,
                    "it has two success callbacks ('" + ps[previous].Name + "' and '" + ps[last].Name + "'), and a future completes once; "
                    + "pass progress as an IProgress<T> or a non-delegate argument, or make one of them the error callback (Action<Exception>)"));
                return null;
            }
            roles[last] = ParameterRole.Callback;
            kinds[last] = single.Kind;
            arities[last] = lastInvoke.Parameters.Length;
            outcome = single;
        }
        else
        {
            problems.Add(new FutureProblem(ShapeUnsupported, ParameterLocation(ps[last]) ?? where, method.Name,
                "the callback '" + ps[last].Name + "' is neither (T result), (), (T1 result1, T2 result2, ...) with up to " + MaxValues + " values, "
                + "(T? result, Exception? error) nor an error callback next to a success callback"));
            return null;
        }

        var parameters = ImmutableArray.CreateBuilder<ClassifiedParameter>(ps.Length);
        for (int i = 0; i < ps.Length; i++)
        {
            parameters.Add(new ClassifiedParameter(ps[i], roles[i], kinds[i], arities[i]));
        }
        return new FutureMethodShape(method, FutureShapeKind.Callback, options.Name ?? method.Name + "Async", outcome.Result, parameters.MoveToImmutable(), returnKind, null)
        {
            ResultValues = outcome.Values,
            ResultTypeName = outcome.Values.IsEmpty ? null : options.ResultType,
        };
    }

    private const string NoCallback = "it has no completion callback parameter (a delegate such as Action<T> that the operation calls when it is done)";

    /// <summary>Shape 2: <c>(..., Callback callback, object? state)</c>; the callback's last parameter is the state.</summary>
    private static FutureMethodShape? ClassifyStatePassing(
        IMethodSymbol method, FutureOptions options, ImmutableArray<IParameterSymbol> ps, List<int> rest, ParameterRole[] roles, ReturnKind returnKind, List<FutureProblem> problems)
    {
        int state = rest[rest.Count - 1];
        int callback = rest[rest.Count - 2];
        IMethodSymbol invoke = Invoke(ps[callback])!;
        if (!CheckCallback(method, ps[callback], invoke, problems))
        {
            return null;
        }
        ImmutableArray<IParameterSymbol> values = invoke.Parameters.RemoveAt(invoke.Parameters.Length - 1);
        if (ClassifyValues(values, invoke, alone: true) is not { } outcome || outcome.Kind is CallbackKind.Values or CallbackKind.ValuesOutcome or CallbackKind.ErrorFirstValues)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, ParameterLocation(ps[callback]) ?? NameLocation(method), method.Name,
                "the state-passing callback '" + ps[callback].Name + "' must be (T result, object? state), (object? state), (T? result, Exception? error, object? state) or (Exception? error, object? state)"));
            return null;
        }
        var parameters = ImmutableArray.CreateBuilder<ClassifiedParameter>(ps.Length);
        for (int i = 0; i < ps.Length; i++)
        {
            ParameterRole role = i == state ? ParameterRole.State : i == callback ? ParameterRole.Callback : roles[i];
            parameters.Add(new ClassifiedParameter(ps[i], role, i == callback ? outcome.Kind : CallbackKind.None, i == callback ? invoke.Parameters.Length : 0));
        }
        return new FutureMethodShape(method, FutureShapeKind.StatePassing, options.Name ?? method.Name + "Async", outcome.Result, parameters.MoveToImmutable(), returnKind, null);
    }

    /// <summary>Checks a callback delegate: void, no by-ref, ref struct or pointer parameters (AIO104).</summary>
    private static bool CheckCallback(IMethodSymbol method, IParameterSymbol callback, IMethodSymbol invoke, List<FutureProblem> problems)
    {
        Location? where = ParameterLocation(callback) ?? NameLocation(method);
        if (callback.RefKind != RefKind.None)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "the callback '" + callback.Name + "' is passed by reference"));
            return false;
        }
        if (!invoke.ReturnsVoid)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "the callback '" + callback.Name + "' returns a value; completion callbacks return void"));
            return false;
        }
        foreach (IParameterSymbol parameter in invoke.Parameters)
        {
            if (parameter.RefKind != RefKind.None)
            {
                problems.Add(new FutureProblem(CallbackParameterUnsupported, where, method.Name, parameter.Type.ToDisplayString(), "passed by reference"));
                return false;
            }
            if (UnsupportedResult(parameter.Type) is { } why)
            {
                problems.Add(new FutureProblem(CallbackParameterUnsupported, where, method.Name, parameter.Type.ToDisplayString(), why));
                return false;
            }
        }
        return true;
    }

    private readonly struct ValueKind
    {
        public ValueKind(CallbackKind kind, ITypeSymbol? result, ImmutableArray<ResultValue> values)
        {
            Kind = kind;
            Result = result;
            Values = values;
        }

        public CallbackKind Kind { get; }

        public ITypeSymbol? Result { get; }

        /// <summary>For several values: each value (annotation stripped where an error may replace it).</summary>
        public ImmutableArray<ResultValue> Values { get; }
    }

    private static ValueKind? ClassifyValues(IMethodSymbol invoke, bool alone) => ClassifyValues(invoke.Parameters, invoke, alone);

    /// <summary>Classifies the value parameters of a callback (without a state parameter).</summary>
    private static ValueKind? ClassifyValues(ImmutableArray<IParameterSymbol> values, IMethodSymbol invoke, bool alone)
    {
        ImmutableArray<ResultValue> none = ImmutableArray<ResultValue>.Empty;
        int errors = values.Count(static v => IsException(v.Type));
        switch (values.Length)
        {
            case 0:
                return new ValueKind(CallbackKind.Completed, null, none);
            case 1 when errors == 1:
                return alone && values[0].Type.NullableAnnotation != NullableAnnotation.NotAnnotated
                    ? new ValueKind(CallbackKind.ResultlessOutcome, null, none)
                    : null;
            case 1:
                return new ValueKind(CallbackKind.Result, values[0].Type, none);
            case 2 when alone && errors == 1 && IsException(values[1].Type):
                return new ValueKind(CallbackKind.Outcome, StripAnnotation(values[0].Type), none);
            case 2 when alone && errors == 1 && IsException(values[0].Type):
                return new ValueKind(CallbackKind.ErrorFirstOutcome, StripAnnotation(values[1].Type), none);
        }
        if (errors == 0 && values.Length <= MaxValues)
        {
            return new ValueKind(CallbackKind.Values, null, Values(values, invoke, strip: false));
        }
        if (alone && errors == 1 && values.Length - 1 <= MaxValues)
        {
            if (IsException(values[values.Length - 1].Type))
            {
                return new ValueKind(CallbackKind.ValuesOutcome, null, Values(values.RemoveAt(values.Length - 1), invoke, strip: true));
            }
            if (IsException(values[0].Type))
            {
                return new ValueKind(CallbackKind.ErrorFirstValues, null, Values(values.RemoveAt(0), invoke, strip: true));
            }
        }
        return null;
    }

    /// <summary>
    /// The values of a multi-value callback; a custom delegate's parameter names name them (an <c>Action</c>'s
    /// <c>arg1</c>, <c>arg2</c> do not: the tuple then has unnamed elements).
    /// </summary>
    private static ImmutableArray<ResultValue> Values(ImmutableArray<IParameterSymbol> values, IMethodSymbol invoke, bool strip)
    {
        bool named = !(invoke.ContainingType is { } delegateType && IsType(delegateType.OriginalDefinition, "System", "Action"));
        return values.Select(v => new ResultValue(strip ? StripAnnotation(v.Type) : v.Type, named ? v.Name : "")).ToImmutableArray();
    }

    private static ITypeSymbol StripAnnotation(ITypeSymbol type) =>
        type.IsReferenceType || type.TypeKind == TypeKind.TypeParameter ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : type;

    private static bool IsErrorCallback(IMethodSymbol invoke) => invoke.Parameters.Length == 1 && IsException(invoke.Parameters[0].Type);
}
