using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncioGen.SourceGeneration;

/// <summary>The APM shape: <c>IAsyncResult BeginOp(args..., AsyncCallback? callback, object? state)</c> + <c>EndOp(IAsyncResult)</c>.</summary>
internal static partial class FutureMethodValidation
{
    private static bool IsApmCandidate(IMethodSymbol method) =>
        method.Name.Length > 5 && method.Name.StartsWith("Begin", System.StringComparison.Ordinal) && IsType(method.ReturnType, "System", "IAsyncResult");

    private static FutureMethodShape? ClassifyApm(IMethodSymbol method, FutureOptions options, List<FutureProblem> problems)
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
        if (method.IsGenericMethod)
        {
            problems.Add(new FutureProblem(GenericMethod, where, method.Name, "a Begin/End pair's twin cannot be generic, because its static AsyncCallback calls End" + method.Name.Substring(5) + " without the type arguments; make the containing type generic"));
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
        if (ReadsAsyncState(end))
        {
            problems.Add(new FutureProblem(ShapeUnsupported, NameLocation(end) ?? where, method.Name,
                "End" + operation + " reads IAsyncResult.AsyncState, which the twin uses to carry its future (the caller's state would not be there); "
                + "keep what End" + operation + " needs in your IAsyncResult implementation instead of in AsyncState"));
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
        return new FutureMethodShape(method, FutureShapeKind.Apm, options.Name ?? operation + "Async", result, parameters.MoveToImmutable(), ReturnKind.None, end);
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

    /// <summary>An <c>EndOp</c> in source that reads <c>.AsyncState</c> (of its argument or anything else: a cheap, conservative syntax check).</summary>
    private static bool ReadsAsyncState(IMethodSymbol end)
    {
        foreach (SyntaxReference reference in end.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is MethodDeclarationSyntax declaration
                && declaration.DescendantNodes().OfType<SimpleNameSyntax>().Any(static name => name.Identifier.ValueText == "AsyncState"
                    && (name.Parent is MemberAccessExpressionSyntax access ? access.Name == name : name.Parent is MemberBindingExpressionSyntax)))
            {
                return true;
            }
        }
        return false;
    }
}
