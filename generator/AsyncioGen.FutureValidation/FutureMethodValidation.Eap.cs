using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.SourceGeneration;

/// <summary>
/// The event-based asynchronous pattern: <c>void OpAsync(args..., object? userState)</c> + an
/// <c>OpCompleted</c> event whose arguments derive from <c>AsyncCompletedEventArgs</c>. The twin passes its
/// future as the user state and completes it from the event.
/// </summary>
internal static partial class FutureMethodValidation
{
    /// <summary>Ends with an <c>object</c> user state that no callback receives.</summary>
    private static bool IsEapCandidate(IMethodSymbol method)
    {
        ImmutableArray<IParameterSymbol> ps = method.Parameters;
        return ps.Length > 0 && IsObject(ps[ps.Length - 1]) && !ps.Any(static p => Invoke(p) is not null);
    }

    /// <summary>The completion events the method could report through: same static-ness, <c>(object sender, TArgs e)</c> with <c>TArgs : AsyncCompletedEventArgs</c>.</summary>
    private static List<IEventSymbol> FindCompletionEvents(IMethodSymbol method)
    {
        var events = new List<IEventSymbol>();
        var names = new HashSet<string>();
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
        {
            bool inherited = !SymbolEqualityComparer.Default.Equals(type, method.ContainingType);
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IEventSymbol { IsStatic: var isStatic } candidate && isStatic == method.IsStatic
                    && !(inherited && candidate.DeclaredAccessibility == Accessibility.Private)
                    && CompletionArguments(candidate) is not null
                    && names.Add(candidate.Name))
                {
                    events.Add(candidate);
                }
            }
        }
        return events;
    }

    private static ITypeSymbol? CompletionArguments(IEventSymbol @event) =>
        @event.Type is INamedTypeSymbol { DelegateInvokeMethod: { ReturnsVoid: true, Parameters.Length: 2 } invoke }
        && invoke.Parameters[0].Type.SpecialType == SpecialType.System_Object
        && invoke.Parameters.All(static p => p.RefKind == RefKind.None)
        && DerivesFromAsyncCompletedEventArgs(invoke.Parameters[1].Type)
            ? invoke.Parameters[1].Type
            : null;

    private static bool DerivesFromAsyncCompletedEventArgs(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (IsType(current, "System.ComponentModel", "AsyncCompletedEventArgs"))
            {
                return true;
            }
        }
        return false;
    }

    private static FutureMethodShape? ClassifyEap(IMethodSymbol method, List<IEventSymbol> events, FutureOptions options, List<FutureProblem> problems)
    {
        Location? where = NameLocation(method);
        string operation = method.Name.EndsWith("Async", System.StringComparison.Ordinal) && method.Name.Length > 5
            ? method.Name.Substring(0, method.Name.Length - 5)
            : method.Name;
        IEventSymbol? @event = events.FirstOrDefault(e => e.Name == operation + "Completed") ?? (events.Count == 1 ? events[0] : null);
        if (@event is null)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name,
                "it looks event-based, but the type has several completion events (" + string.Join(", ", events.Select(static e => e.Name)) + ") and none is named "
                + operation + "Completed; name the method after its event (OpAsync for OpCompleted)"));
            return null;
        }
        if (!method.ReturnsVoid)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "an event-based method returns void (its outcome comes through " + @event.Name + ")"));
            return null;
        }
        if (method.IsGenericMethod)
        {
            problems.Add(new FutureProblem(GenericMethod, where, method.Name, "an event-based twin cannot be generic, because the " + @event.Name + " handler it subscribes once serves every call"));
            return null;
        }
        if (method.ContainingType.TypeKind != TypeKind.Class)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "an event-based twin subscribes to " + @event.Name + " once per instance, which needs a class"));
            return null;
        }
        ITypeSymbol arguments = CompletionArguments(@event)!;
        string? resultProperty = null;
        ITypeSymbol? result = null;
        if (!IsType(arguments, "System.ComponentModel", "AsyncCompletedEventArgs"))
        {
            IPropertySymbol? property = ResultPropertyOf(arguments);
            resultProperty = property?.Name;
            result = property?.Type ?? arguments;
            if (UnsupportedResult(result) is { } why)
            {
                problems.Add(new FutureProblem(CallbackParameterUnsupported, where, method.Name, result.ToDisplayString(), why));
                return null;
            }
        }
        IMethodSymbol? cancel = null;
        if (options.Cancel is { } cancelName)
        {
            cancel = FindCancel(method, cancelName);
            if (cancel is null)
            {
                problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name,
                    "Cancel = \"" + cancelName + "\" names no method " + cancelName + "() or " + cancelName + "(object? userState) of the same static-ness in '" + method.ContainingType.Name + "' or its base types"));
                return null;
            }
        }
        ImmutableArray<IParameterSymbol> ps = method.Parameters;
        var parameters = ImmutableArray.CreateBuilder<ClassifiedParameter>(ps.Length);
        bool sawToken = false;
        for (int i = 0; i < ps.Length; i++)
        {
            ParameterRole role = i == ps.Length - 1 ? ParameterRole.State : ParameterRole.Argument;
            if (role == ParameterRole.Argument && IsCancellationToken(ps[i]))
            {
                if (sawToken)
                {
                    problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "it has more than one CancellationToken parameter"));
                    return null;
                }
                sawToken = true;
                role = ParameterRole.CancellationToken;
            }
            parameters.Add(new ClassifiedParameter(ps[i], role, CallbackKind.None, 0));
        }
        return new FutureMethodShape(method, FutureShapeKind.Eap, options.Name ?? operation + "FutureAsync", result, parameters.MoveToImmutable(), ReturnKind.None, null)
        {
            Eap = new EapEvent(@event, arguments, resultProperty, cancel),
        };
    }

    /// <summary>
    /// The result of a completion: the arguments' <c>Result</c> property, or their only own public property
    /// (<c>PingCompletedEventArgs.Reply</c>); null when the arguments object itself is the result.
    /// </summary>
    private static IPropertySymbol? ResultPropertyOf(ITypeSymbol arguments)
    {
        var own = new List<IPropertySymbol>();
        for (ITypeSymbol? type = arguments; type is not null && !IsType(type, "System.ComponentModel", "AsyncCompletedEventArgs"); type = type.BaseType)
        {
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property
                    && !own.Any(p => p.Name == property.Name))
                {
                    own.Add(property);
                }
            }
        }
        return own.FirstOrDefault(static p => p.Name == "Result") ?? (own.Count == 1 ? own[0] : null);
    }

    private static IMethodSymbol? FindCancel(IMethodSymbol method, string name)
    {
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.BaseType)
        {
            bool inherited = !SymbolEqualityComparer.Default.Equals(type, method.ContainingType);
            foreach (ISymbol member in type.GetMembers(name))
            {
                if (member is IMethodSymbol { IsGenericMethod: false, MethodKind: MethodKind.Ordinary } cancel
                    && cancel.IsStatic == method.IsStatic
                    && !(inherited && cancel.DeclaredAccessibility == Accessibility.Private)
                    && (cancel.Parameters.Length == 0 || (cancel.Parameters.Length == 1 && IsObject(cancel.Parameters[0]))))
                {
                    return cancel;
                }
            }
        }
        return null;
    }
}
