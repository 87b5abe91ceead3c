using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncioGen.SourceGeneration;

/// <summary>
/// The one validation routine for [Future] methods, compiled into the generator and into the analyzers
/// (shared source project): the analyzer reports its problems as AIO101–AIO105, the generator emits a
/// twin only for the methods it accepts. Tolerates incomplete code: error types and syntax errors in the
/// declaration make it give up silently (the compiler reports those), and it never throws on any symbol
/// shape. The shapes are classified in the other parts of this class (callback, APM, EAP).
/// </summary>
internal static partial class FutureMethodValidation
{
    public const string FutureAttributeName = "AsyncioGen.FutureAttribute";
    public const string GeneratorName = "AsyncioGen.Generator";

    /// <summary>Values a callback may report at once (<c>Action&lt;T1, T2, T3, T4&gt;</c>, with or without an error).</summary>
    public const int MaxValues = 4;

    private const string TypeNotPartial = FutureDiagnosticIds.TypeNotPartial;
    private const string ShapeUnsupported = FutureDiagnosticIds.ShapeUnsupported;
    private const string NameClash = FutureDiagnosticIds.NameClash;
    private const string CallbackParameterUnsupported = FutureDiagnosticIds.CallbackParameterUnsupported;
    private const string GenericMethod = FutureDiagnosticIds.GenericMethodUnsupported;

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
        if (shape.Eap is { } eap && attribute?.AttributeClass is { } futureAttribute
            && BaseSubscriber(shape, eap, futureAttribute, cancellationToken) is { } subscriber)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, NameLocation(method), method.Name,
                "the event-based twin of '" + subscriber + "' in a base type already subscribes to " + eap.Event.Name
                + ", and a second subscription would deliver every completion twice; call that twin, or remove [Future] from one of them"));
            return null;
        }
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
        if (type is null || HasErrors(method) || HasSyntaxErrors(method) || type.IsImplicitlyDeclared || !SyntaxFacts.IsValidIdentifier(type.Name))
        {
            return null; // Incomplete or misplaced code (top-level code, a broken declaration): the compiler speaks.
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
        if (type.IsFileLocal)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, "its type is file-local, so no generated file can extend it"));
            return null;
        }
        FutureOptions options = FutureOptions.Read(attribute);
        foreach ((string property, string? value) in new[] { ("Name", options.Name), ("ResultType", options.ResultType) })
        {
            if (value is not null && !SyntaxFacts.IsValidIdentifier(value))
            {
                problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name, property + " = \"" + value + "\" is not a valid identifier"));
                return null;
            }
        }
        if (!CheckParameters(method, problems))
        {
            return null;
        }
        FutureMethodShape? shape;
        if (IsApmCandidate(method))
        {
            shape = ClassifyApm(method, options, problems);
        }
        else if (IsEapCandidate(method) && FindCompletionEvents(method) is { Count: > 0 } events)
        {
            shape = ClassifyEap(method, events, options, problems);
        }
        else
        {
            shape = ClassifyCallback(method, options, problems);
        }
        if (shape is null)
        {
            return null;
        }
        if (options.ResultType is not null && shape.ResultValues.IsEmpty)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name,
                "ResultType = \"" + options.ResultType + "\" names the record generated for a callback with several values (Action<T1, T2>), and this callback reports one; remove it"));
            return null;
        }
        if (shape.ReturnKind == ReturnKind.Handle && !shape.ResultValues.IsEmpty)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name,
                "it returns a handle and its callback reports several values, which one future cannot carry together; report one value (a type of your own) or return void"));
            return null;
        }
        if (options.Cancel is not null && shape.Kind != FutureShapeKind.Eap)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, where, method.Name,
                "Cancel = \"" + options.Cancel + "\" applies to event-based methods (OpAsync(..., object? userState) + OpCompleted); take a CancellationToken parameter or return an IDisposable to make this one cancellable"));
            return null;
        }
        shape.ExplicitLoop = options.ExplicitLoop;
        return valid ? shape : null;
    }

    /// <summary>
    /// Parameters every shape rejects: pointers, and <c>ref</c>/<c>out</c> ones (the twin returns before the
    /// operation completes, so a by-reference output would be written while the caller awaits something else).
    /// <c>in</c> and <c>ref readonly</c> are passed through with their modifier.
    /// </summary>
    private static bool CheckParameters(IMethodSymbol method, List<FutureProblem> problems)
    {
        Location? where = NameLocation(method);
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            Location? at = ParameterLocation(parameter) ?? where;
            if (parameter.Type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer)
            {
                problems.Add(new FutureProblem(ShapeUnsupported, at, method.Name, "parameter '" + parameter.Name + "' is a pointer"));
                return false;
            }
            bool receiver = parameter.Ordinal == 0 && method.IsExtensionMethod;
            if (!receiver && parameter.RefKind is RefKind.Ref or RefKind.Out)
            {
                string modifier = parameter.RefKind == RefKind.Ref ? "ref" : "out";
                problems.Add(new FutureProblem(ShapeUnsupported, at, method.Name,
                    "parameter '" + parameter.Name + "' is '" + modifier + "': the twin returns before the operation completes, so an output by reference would be written beside the future; "
                    + "pass it by value (or 'in'), or report it through the callback"));
                return false;
            }
        }
        return true;
    }

    /// <summary>What the callback form returns: nothing, a registration to dispose on cancel, or a handle the future keeps.</summary>
    private static ReturnKind? ClassifyReturn(IMethodSymbol method, List<FutureProblem> problems)
    {
        if (method.ReturnsVoid)
        {
            return ReturnKind.None;
        }
        if (method.ReturnsByRef || method.ReturnsByRefReadonly || UnsupportedResult(method.ReturnType) is not null)
        {
            problems.Add(new FutureProblem(ShapeUnsupported, NameLocation(method), method.Name,
                "it returns '" + method.ReturnType.ToDisplayString() + "'" + (method.ReturnsByRef || method.ReturnsByRefReadonly ? " by reference" : "")
                + ", which the future cannot keep as its handle; return void, an IDisposable that cancels the operation, or a regular type"));
            return null;
        }
        return IsType(method.ReturnType, "System", "IDisposable") ? ReturnKind.Registration : ReturnKind.Handle;
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

    /// <summary>A declaration (not a body) with syntax errors: a twin would repeat them.</summary>
    private static bool HasSyntaxErrors(IMethodSymbol method)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is MethodDeclarationSyntax declaration
                && (declaration.Identifier.IsMissing
                    || declaration.ReturnType.ContainsDiagnostics
                    || declaration.ParameterList.ContainsDiagnostics
                    || declaration.TypeParameterList?.ContainsDiagnostics == true
                    || declaration.ConstraintClauses.Any(static c => c.ContainsDiagnostics)
                    || declaration.AttributeLists.Any(static a => a.ContainsDiagnostics)))
            {
                return true;
            }
        }
        return false;
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

    private static string? UnsupportedResult(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Pointer or TypeKind.FunctionPointer } => "a pointer",
        { IsRefLikeType: true } => "a ref struct",
        { SpecialType: SpecialType.System_Void } => "void",
        _ => null,
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

    private static bool IsObject(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None && parameter.Type.SpecialType == SpecialType.System_Object;

    private static bool IsCancellationToken(IParameterSymbol parameter) =>
        parameter.RefKind == RefKind.None && IsType(parameter.Type, "System.Threading", "CancellationToken");

    private static bool IsType(ITypeSymbol type, string ns, string name) =>
        type.Name == name && type.ContainingType is null && type.ContainingNamespace?.ToDisplayString() == ns;

    private static IMethodSymbol? Invoke(IParameterSymbol parameter) =>
        parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } ? invoke : null;

    private static Location? NameLocation(IMethodSymbol method) => method.Locations.FirstOrDefault();

    private static Location? ParameterLocation(IParameterSymbol parameter) => parameter.Locations.FirstOrDefault();
}
