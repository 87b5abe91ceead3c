using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncioGen.SourceGeneration;

/// <summary>
/// The one validation routine for [Future] methods, compiled into the generator and (linked) into the
/// analyzers: the analyzer reports its problems as AIO101–AIO105, the generator emits a twin only for
/// the methods it accepts. Tolerates incomplete code: error types make it give up silently (the
/// compiler reports those), and it never throws on any symbol shape.
/// </summary>
internal static class FutureMethodValidation
{
    public const string FutureAttributeName = "AsyncioGen.FutureAttribute";
    public const string GeneratorName = "AsyncioGen.Generator";

    public const string TypeNotPartial = "AIO101";
    public const string ShapeUnsupported = "AIO102";
    public const string NameClash = "AIO103";
    public const string CallbackParameterUnsupported = "AIO104";
    public const string GenericMethod = "AIO105";

    /// <summary>
    /// Validates <paramref name="method"/>; returns its shape when a twin can be generated, else null, with
    /// the reasons in <paramref name="problems"/> (empty when the code is merely incomplete).
    /// </summary>
    public static FutureMethodShape? Validate(IMethodSymbol method, AttributeData? attribute, List<FutureProblem> problems, CancellationToken cancellationToken)
    {
        FutureMethodShape? shape = Classify(method, attribute, problems);
        if (shape is null)
        {
            return null;
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (FindClash(shape, attribute?.AttributeClass, cancellationToken) is { } clash)
        {
            problems.Add(new FutureProblem(NameClash, NameLocation(method), shape.TwinName, method.Name, clash));
            return null;
        }
        return shape;
    }

    /// <summary>The [Future] attribute on <paramref name="method"/>, if any.</summary>
    public static AttributeData? FindAttribute(IMethodSymbol method, INamedTypeSymbol futureAttribute)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, futureAttribute))
            {
                return attribute;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ classification

    private static FutureMethodShape? Classify(IMethodSymbol method, AttributeData? attribute, List<FutureProblem> problems)
    {
        INamedTypeSymbol? type = method.ContainingType;
        if (type is null || HasErrors(method))
        {
            return null;
        }
        Location? where = NameLocation(method);
        if (method.MethodKind != MethodKind.Ordinary)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "it is not an ordinary method (" + method.MethodKind + ")"));
            return null;
        }
        bool valid = true;
        if (FirstNonPartial(type) is { } notPartial)
        {
            problems.Add(new FutureProblem(TypeNotPartial, where, notPartial.Name, method.Name));
            valid = false;
        }
        if (method.IsGenericMethod)
        {
            problems.Add(new FutureProblem(GenericMethod, where, method.Name));
            return null;
        }
        if (type.IsFileLocal)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "its type is file-local, so no generated file can extend it"));
            return null;
        }
        string? explicitName = ReadName(attribute);
        if (explicitName is not null && !SyntaxFacts.IsValidIdentifier(explicitName))
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "Name = \"" + explicitName + "\" is not a valid identifier"));
            return null;
        }
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                problems.Add(new FutureProblem(ShapeUnsupported, ParameterLocation(parameter) ?? where, method.Name, "parameter '" + parameter.Name + "' is a pointer"));
                return null;
            }
        }
        FutureMethodShape? shape = IsApmCandidate(method)
            ? ClassifyApm(method, explicitName, problems)
            : ClassifyCallback(method, explicitName, problems);
        return valid ? shape : null;
    }

    private static bool IsApmCandidate(IMethodSymbol method) =>
        method.Name.Length > 5 && method.Name.StartsWith("Begin", System.StringComparison.Ordinal) && IsType(method.ReturnType, "System", "IAsyncResult");

    private static FutureMethodShape? ClassifyApm(IMethodSymbol method, string? explicitName, List<FutureProblem> problems)
    {
        Location? where = NameLocation(method);
        ImmutableArray<IParameterSymbol> ps = method.Parameters;
        int n = ps.Length;
        if (n < 2 || !IsType(ps[n - 2].Type, "System", "AsyncCallback") || ps[n - 1].Type.SpecialType != SpecialType.System_Object
            || ps[n - 2].RefKind != RefKind.None || ps[n - 1].RefKind != RefKind.None)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "a Begin method must end with (AsyncCallback? callback, object? state)"));
            return null;
        }
        string operation = method.Name.Substring(5);
        IMethodSymbol? end = FindEnd(method, "End" + operation);
        if (end is null)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "no matching End" + operation + "(IAsyncResult) with the same static-ness in the same type"));
            return null;
        }
        if (!method.IsStatic && method.ContainingType.TypeKind == TypeKind.Struct)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "an instance APM pair on a struct would call End" + operation + " on a copy"));
            return null;
        }
        if (end.ReturnsByRef || end.ReturnsByRefReadonly)
        {
            problems.Add(new FutureProblem(CallbackParameterUnsupported, NameLocation(end) ?? where, method.Name, end.ReturnType.ToDisplayString(), "returned by reference"));
            return null;
        }
        if (!end.ReturnsVoid && UnsupportedResult(end.ReturnType) is { } why)
        {
            problems.Add(new FutureProblem(CallbackParameterUnsupported, NameLocation(end) ?? where, method.Name, end.ReturnType.ToDisplayString(), why));
            return null;
        }
        var parameters = ImmutableArray.CreateBuilder<ClassifiedParameter>(n);
        bool sawToken = false;
        for (int i = 0; i < n; i++)
        {
            ParameterRole role = i == n - 2 ? ParameterRole.AsyncCallback : i == n - 1 ? ParameterRole.State : ParameterRole.Argument;
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
        ITypeSymbol? result = end.ReturnsVoid ? null : end.ReturnType;
        return new FutureMethodShape(method, FutureShapeKind.Apm, explicitName ?? operation + "Async", result, parameters.MoveToImmutable(), false, end);
    }

    private static IMethodSymbol? FindEnd(IMethodSymbol begin, string name)
    {
        foreach (ISymbol member in begin.ContainingType.GetMembers(name))
        {
            if (member is IMethodSymbol { IsGenericMethod: false, Parameters.Length: 1 } end
                && end.IsStatic == begin.IsStatic
                && end.Parameters[0].RefKind == RefKind.None
                && IsType(end.Parameters[0].Type, "System", "IAsyncResult"))
            {
                return end;
            }
        }
        return null;
    }

    private static FutureMethodShape? ClassifyCallback(IMethodSymbol method, string? explicitName, List<FutureProblem> problems)
    {
        Location? where = NameLocation(method);
        bool returnsDisposable = false;
        if (!method.ReturnsVoid)
        {
            if (method.ReturnsByRef || method.ReturnsByRefReadonly || !IsDisposable(method.ReturnType))
            {
                problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name,
                    "it returns '" + method.ReturnType.ToDisplayString() + "'; a callback form returns void, or an IDisposable that cancels the operation"));
                return null;
            }
            returnsDisposable = true;
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
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "it has no completion callback parameter"));
            return null;
        }
        int last = rest[rest.Count - 1];
        int previous = rest.Count > 1 ? rest[rest.Count - 2] : -1;
        ITypeSymbol? result;
        FutureShapeKind kind;

        if (ps[last].Type.SpecialType == SpecialType.System_Object && ps[last].RefKind == RefKind.None)
        {
            // Shape 2: (..., Callback callback, object? state); the callback's last parameter is the state.
            if (previous < 0 || Invoke(ps[previous]) is not { } invoke || invoke.Parameters.Length == 0
                || invoke.Parameters[invoke.Parameters.Length - 1].Type.SpecialType != SpecialType.System_Object)
            {
                problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name,
                    "it ends with an object state parameter, but the parameter before it is not a callback whose last parameter is the state"));
                return null;
            }
            if (!CheckCallback(method, ps[previous], invoke, problems))
            {
                return null;
            }
            ImmutableArray<IParameterSymbol> values = invoke.Parameters.RemoveAt(invoke.Parameters.Length - 1);
            if (ClassifyValues(values, alone: true) is not { } stateKind)
            {
                problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "the callback '" + ps[previous].Name + "' does not have the form (T result, object? state), (T? result, Exception? error, object? state) or (object? state)"));
                return null;
            }
            roles[last] = ParameterRole.State;
            roles[previous] = ParameterRole.Callback;
            kinds[previous] = stateKind.Kind;
            arities[previous] = invoke.Parameters.Length;
            result = stateKind.Result;
            kind = FutureShapeKind.StatePassing;
        }
        else
        {
            // Shape 1: one or two trailing callbacks.
            if (Invoke(ps[last]) is not { } lastInvoke)
            {
                problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "its last parameter '" + ps[last].Name + "' is not a completion callback"));
                return null;
            }
            if (!CheckCallback(method, ps[last], lastInvoke, problems))
            {
                return null;
            }
            IMethodSymbol? previousInvoke = previous >= 0 ? Invoke(ps[previous]) : null;
            if (previousInvoke is not null && !CheckCallback(method, ps[previous], previousInvoke, problems))
            {
                return null;
            }
            bool lastIsError = IsErrorCallback(lastInvoke);
            bool previousIsError = previousInvoke is not null && IsErrorCallback(previousInvoke);
            if (lastIsError && previousInvoke is not null && !previousIsError && ClassifyValues(previousInvoke.Parameters, alone: false) is { Kind: CallbackKind.Result or CallbackKind.Completed } success)
            {
                roles[previous] = roles[last] = ParameterRole.Callback;
                kinds[previous] = success.Kind;
                kinds[last] = CallbackKind.Error;
                arities[previous] = previousInvoke.Parameters.Length;
                arities[last] = 1;
                result = success.Result;
            }
            else if (!lastIsError && previousIsError && ClassifyValues(lastInvoke.Parameters, alone: false) is { Kind: CallbackKind.Result or CallbackKind.Completed } success2)
            {
                roles[previous] = roles[last] = ParameterRole.Callback;
                kinds[previous] = CallbackKind.Error;
                kinds[last] = success2.Kind;
                arities[previous] = 1;
                arities[last] = lastInvoke.Parameters.Length;
                result = success2.Result;
            }
            else if (ClassifyValues(lastInvoke.Parameters, alone: true) is { } single)
            {
                roles[last] = ParameterRole.Callback;
                kinds[last] = single.Kind;
                arities[last] = lastInvoke.Parameters.Length;
                result = single.Result;
            }
            else
            {
                problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name,
                    "the callback '" + ps[last].Name + "' is neither (T result), (), (T? result, Exception? error) nor an error callback next to a success callback"));
                return null;
            }
            kind = FutureShapeKind.Callback;
        }

        if (result is not null && UnsupportedResult(result) is { } why)
        {
            IParameterSymbol callback = ps[Array_LastIndexOf(roles, ParameterRole.Callback)];
            problems.Add(new FutureProblem(CallbackParameterUnsupported, ParameterLocation(callback) ?? where, method.Name, result.ToDisplayString(), why));
            return null;
        }
        var parameters = ImmutableArray.CreateBuilder<ClassifiedParameter>(ps.Length);
        for (int i = 0; i < ps.Length; i++)
        {
            parameters.Add(new ClassifiedParameter(ps[i], roles[i], kinds[i], arities[i]));
        }
        return new FutureMethodShape(method, kind, explicitName ?? method.Name + "Async", result, parameters.MoveToImmutable(), returnsDisposable, null);
    }

    private static int Array_LastIndexOf(ParameterRole[] roles, ParameterRole role)
    {
        for (int i = roles.Length - 1; i >= 0; i--)
        {
            if (roles[i] == role)
            {
                return i;
            }
        }
        return 0;
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

    private static string? UnsupportedResult(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Pointer or TypeKind.FunctionPointer } => "a pointer",
        { IsRefLikeType: true } => "a ref struct",
        { SpecialType: SpecialType.System_Void } => "void",
        _ => null,
    };

    private readonly struct ValueKind
    {
        public ValueKind(CallbackKind kind, ITypeSymbol? result)
        {
            Kind = kind;
            Result = result;
        }

        public CallbackKind Kind { get; }

        public ITypeSymbol? Result { get; }
    }

    /// <summary>Classifies the value parameters of a callback (without a state parameter).</summary>
    private static ValueKind? ClassifyValues(ImmutableArray<IParameterSymbol> values, bool alone)
    {
        switch (values.Length)
        {
            case 0:
                return new ValueKind(CallbackKind.Completed, null);
            case 1 when IsException(values[0].Type):
                return alone && values[0].Type.NullableAnnotation != NullableAnnotation.NotAnnotated
                    ? new ValueKind(CallbackKind.ResultlessOutcome, null)
                    : null;
            case 1:
                return new ValueKind(CallbackKind.Result, values[0].Type);
            case 2 when alone && IsException(values[1].Type) && !IsException(values[0].Type):
                return new ValueKind(CallbackKind.Outcome, StripAnnotation(values[0].Type));
            case 2 when alone && IsException(values[0].Type) && !IsException(values[1].Type):
                return new ValueKind(CallbackKind.ErrorFirstOutcome, StripAnnotation(values[1].Type));
            default:
                return null;
        }
    }

    private static ITypeSymbol StripAnnotation(ITypeSymbol type) =>
        type.IsReferenceType || type.TypeKind == TypeKind.TypeParameter ? type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : type;

    private static bool IsErrorCallback(IMethodSymbol invoke) => invoke.Parameters.Length == 1 && IsException(invoke.Parameters[0].Type);

    private static IMethodSymbol? Invoke(IParameterSymbol parameter) =>
        parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } ? invoke : null;

    // ------------------------------------------------------------------ name clashes (AIO103)

    /// <summary>Describes the member the twin would clash with, or null.</summary>
    private static string? FindClash(FutureMethodShape shape, INamedTypeSymbol? futureAttribute, CancellationToken cancellationToken)
    {
        INamedTypeSymbol type = shape.Method.ContainingType;
        if (shape.TwinName == type.Name)
        {
            return "the type's own name";
        }
        ITypeSymbol[] twinParameters = TwinParameterTypes(shape);
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            bool inherited = !SymbolEqualityComparer.Default.Equals(current, type);
            foreach (ISymbol member in current.GetMembers(shape.TwinName))
            {
                if (inherited && member.DeclaredAccessibility == Accessibility.Private)
                {
                    continue;
                }
                if (member is not IMethodSymbol other)
                {
                    return "the " + member.Kind.ToString().ToLowerInvariant() + " '" + member.ToDisplayString() + "'";
                }
                // The type's own generated twins are the output, not a clash; an inherited one would be hidden.
                if ((inherited || !IsGeneratedTwin(other)) && SameParameters(other.Parameters.Select(static p => p.Type).ToArray(), twinParameters))
                {
                    return "the method '" + other.ToDisplayString() + "'";
                }
            }
            if (inherited && futureAttribute is not null && current.DeclaringSyntaxReferences.Length > 0)
            {
                // A base type of this compilation: its twins are not generated yet when the generator runs.
                foreach (ISymbol member in current.GetMembers())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (member is IMethodSymbol { DeclaredAccessibility: not Accessibility.Private } baseMethod
                        && SameTwin(baseMethod, futureAttribute, shape.TwinName, twinParameters))
                    {
                        return "the twin of [Future] method '" + baseMethod.ToDisplayString() + "' in a base type";
                    }
                }
            }
        }
        if (futureAttribute is null)
        {
            return null;
        }
        // Another [Future] method declared before this one whose twin has the same name and parameters.
        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (SymbolEqualityComparer.Default.Equals(member, shape.Method))
            {
                break;
            }
            if (member is IMethodSymbol sibling && SameTwin(sibling, futureAttribute, shape.TwinName, twinParameters))
            {
                return "the twin of [Future] method '" + sibling.ToDisplayString() + "'";
            }
        }
        return null;
    }

    private static bool SameTwin(IMethodSymbol other, INamedTypeSymbol futureAttribute, string twinName, ITypeSymbol[] twinParameters) =>
        FindAttribute(other, futureAttribute) is { } attribute
        && Classify(other, attribute, new List<FutureProblem>()) is { } otherShape
        && otherShape.TwinName == twinName
        && SameParameters(TwinParameterTypes(otherShape), twinParameters);

    private static ITypeSymbol[] TwinParameterTypes(FutureMethodShape shape) =>
        shape.Parameters.Where(static p => p.Role == ParameterRole.Argument).Select(static p => p.Symbol.Type).ToArray();

    private static bool SameParameters(ITypeSymbol[] left, ITypeSymbol[] right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }
        for (int i = 0; i < left.Length; i++)
        {
            if (!SymbolEqualityComparer.Default.Equals(left[i], right[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsGeneratedTwin(IMethodSymbol method)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "GeneratedCodeAttribute" }
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0].Value is GeneratorName)
            {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>The first type of the containing chain not declared partial, or null.</summary>
    private static INamedTypeSymbol? FirstNonPartial(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            foreach (SyntaxReference reference in current.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is TypeDeclarationSyntax declaration && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return current;
                }
            }
        }
        return null;
    }

    private static string? ReadName(AttributeData? attribute)
    {
        if (attribute is null)
        {
            return null;
        }
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == "Name" && argument.Value.Value is string name && name.Length > 0)
            {
                return name;
            }
        }
        return null;
    }

    private static bool HasErrors(IMethodSymbol method)
    {
        if (IsBroken(method.ReturnType))
        {
            return true;
        }
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (IsBroken(parameter.Type))
            {
                return true;
            }
            if (parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke }
                && (IsBroken(invoke.ReturnType) || invoke.Parameters.Any(static p => IsBroken(p.Type))))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsBroken(ITypeSymbol? type) => type switch
    {
        null => true,
        { TypeKind: TypeKind.Error } => true,
        INamedTypeSymbol named => named.TypeArguments.Any(static t => IsBroken(t)),
        IArrayTypeSymbol array => IsBroken(array.ElementType),
        _ => false,
    };

    private static bool IsException(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (IsType(current, "System", "Exception"))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsDisposable(ITypeSymbol type) =>
        IsType(type, "System", "IDisposable") || type.AllInterfaces.Any(static i => IsType(i, "System", "IDisposable"));

    private static bool IsCancellationToken(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None && IsType(parameter.Type, "System.Threading", "CancellationToken");

    private static bool IsType(ITypeSymbol type, string ns, string name) =>
        type.Name == name && type.ContainingType is null && type.ContainingNamespace?.ToDisplayString() == ns;

    private static Location? NameLocation(IMethodSymbol method) => method.Locations.FirstOrDefault();

    private static Location? ParameterLocation(IParameterSymbol parameter) => parameter.Locations.FirstOrDefault();
}
