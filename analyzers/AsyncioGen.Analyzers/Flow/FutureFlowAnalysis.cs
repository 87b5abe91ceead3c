using AsyncioGen.Analyzers.Family;
using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Flow;

/// <summary>
/// The common part of the future rules' dataflow: facts per future variable, reset when the variable
/// is assigned (a new instance), and IsDone/IsCancelled conditions handed to <see cref="OnCheck"/>.
/// </summary>
internal abstract class FutureFlowAnalysis : ForwardFlowAnalysis<FactMap>
{
    protected FutureFlowAnalysis(AsyncioSymbols symbols) => Symbols = symbols;

    protected AsyncioSymbols Symbols { get; }

    protected override FactMap Join(FactMap a, FactMap b) => FactMap.Join(a, b);

    protected override bool AreEqual(FactMap a, FactMap b) => FactMap.AreEqual(a, b);

    protected sealed override FactMap Visit(IOperation node, FactMap state)
    {
        if (TracksAccessPaths && node is IFlowCaptureOperation capture)
        {
            (_captures ??= new())[capture.Id] = capture.Value;
        }
        switch (node)
        {
            case ISimpleAssignmentOperation assignment when FlowHelpers.GetVariable(assignment.Target) is { } target:
                return OnAssigned(target, assignment.Value, state);
            case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument when FlowHelpers.GetVariable(argument.Value) is { } target:
                return OnAssigned(target, null, state);
            case IInvocationOperation invocation:
                if (invocation.Instance is { } instance && Symbols.IsFuture(instance.Type) && ReceiverKey(instance) is { } receiver)
                {
                    state = OnFutureCall(invocation, receiver, state);
                }
                state = OnCall(invocation, invocation.Arguments, state);
                // Debug.Assert(f.IsDone), Assert.True(f.IsCancelled), Assert.False(f.IsDone): the code after holds the condition.
                if (AssertedCondition(invocation) is { } asserted)
                {
                    state = OnCondition(asserted.Condition, asserted.Value, state);
                }
                return state;
            case IObjectCreationOperation creation:
                return OnCall(creation, creation.Arguments, state);
            case IAwaitOperation await:
                return OnAwait(await, FlowHelpers.GetVariable(await.Operation), state);
            case IFlowAnonymousFunctionOperation lambda:
                return OnLambda(lambda, state);
            default:
                return OnOther(node, state);
        }
    }

    /// <summary>
    /// When true, a future reached through a member or indexer (<c>_pending[id].SetResult(..)</c>) is
    /// tracked under <see cref="FlowHelpers.GetAccessKey"/>; otherwise only locals, parameters and this
    /// instance's fields are.
    /// </summary>
    protected virtual bool TracksAccessPaths => false;

    private ISymbol? ReceiverKey(IOperation instance)
    {
        if (!TracksAccessPaths)
        {
            return FlowHelpers.GetVariable(instance);
        }
        return FlowHelpers.GetAccessKey(ResolveCapture(instance));
    }

    /// <summary>x?.SetResult(v): the graph captures x and calls through the capture; this gives x back.</summary>
    protected IOperation ResolveCapture(IOperation operation) =>
        operation is IFlowCaptureReferenceOperation reference && _captures is not null && _captures.TryGetValue(reference.Id, out IOperation? captured)
            ? captured
            : operation;

    /// <summary>The values of the graph's flow captures, when <see cref="TracksAccessPaths"/>.</summary>
    private System.Collections.Generic.Dictionary<CaptureId, IOperation>? _captures;

    protected virtual FactMap OnAssigned(ISymbol variable, IOperation? value, FactMap state) => state.With(variable, FutureFacts.None);

    /// <summary>A method called on a future variable (receiver).</summary>
    protected virtual FactMap OnFutureCall(IInvocationOperation invocation, ISymbol receiver, FactMap state) => state;

    /// <summary>Any call or object creation, after its arguments.</summary>
    protected virtual FactMap OnCall(IOperation call, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, FactMap state) => state;

    protected virtual FactMap OnAwait(IAwaitOperation await, ISymbol? awaited, FactMap state) => state;

    protected virtual FactMap OnLambda(IFlowAnonymousFunctionOperation lambda, FactMap state) => state;

    protected virtual FactMap OnOther(IOperation node, FactMap state) => state;

    /// <summary>On an edge where <paramref name="property"/> (IsDone or IsCancelled) of <paramref name="variable"/> has <paramref name="value"/>.</summary>
    protected virtual FactMap OnCheck(ISymbol variable, string property, bool value, FactMap state) => state;

    protected sealed override FactMap OnCondition(IOperation condition, bool value, FactMap state)
    {
        if (FlowHelpers.TryParseFutureCheck(condition, Symbols, out ISymbol variable, out string property, out bool propertyValue, TracksAccessPaths))
        {
            return OnCheck(variable, property, value ? propertyValue : !propertyValue, state);
        }
        return state;
    }

    private static (IOperation Condition, bool Value)? AssertedCondition(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (invocation.Arguments.Length == 0 || invocation.Arguments[0].Value.Type?.SpecialType != SpecialType.System_Boolean)
        {
            return null;
        }
        string type = method.ContainingType?.Name ?? "";
        bool value;
        if (method.Name == "Assert" && type is "Debug" or "Trace")
        {
            value = true;
        }
        else if (type is "Assert" or "ClassicAssert" && method.Name is "True" or "IsTrue")
        {
            value = true;
        }
        else if (type is "Assert" or "ClassicAssert" && method.Name is "False" or "IsFalse")
        {
            value = false;
        }
        else
        {
            return null;
        }
        return (invocation.Arguments[0].Value, value);
    }

    /// <summary>The future variables passed by value as arguments (hand-offs).</summary>
    protected System.Collections.Generic.IEnumerable<ISymbol> FutureArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.RefKind is RefKind.None or RefKind.In or null
                && FlowHelpers.GetVariable(argument.Value) is { } variable
                && Symbols.IsFuture(FlowHelpers.StripConversions(argument.Value)?.Type))
            {
                yield return variable;
            }
        }
    }

    protected static Location LocationOf(IOperation operation) => operation.Syntax.GetLocation();

    protected static int LineOf(IOperation operation) => operation.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    protected static bool Is(IInvocationOperation invocation, params string[] names) => Array.IndexOf(names, invocation.TargetMethod.Name) >= 0;
}
