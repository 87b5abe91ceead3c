using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncioGen.Analyzers.Flow;
using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO005: GetResult()/GetException() on a future not known to be done. A forward "must be done"
/// dataflow: a future is known done after it is awaited, run to completion, completed here, on the
/// true edge of IsDone/IsCancelled, and inside its own done callback. A lambda starts with the facts
/// known where it is created (done is permanent).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResultOfFutureNotKnownDoneAnalyzer : AsyncioAnalyzer
{
    public ResultOfFutureNotKnownDoneAnalyzer()
        : base(DiagnosticDescriptors.AIO005)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationBlockAction(block =>
        {
            Dictionary<SyntaxNode, IAnonymousFunctionOperation>? lambdas = null;
            if (!BodyIndex.For(block, symbols).HasResultRead)
            {
                return;
            }
            foreach (FunctionGraph root in FunctionGraph.Roots(block))
            {
                lambdas ??= FlowHelpers.IndexLambdas(block.OperationBlocks);
                Analyze(root, FactMap.Empty, symbols, lambdas, block.ReportDiagnostic, block.CancellationToken);
            }
        });
    }

    private static void Analyze(FunctionGraph function, FactMap entry, AsyncioSymbols symbols, Dictionary<SyntaxNode, IAnonymousFunctionOperation> lambdas,
        Action<Diagnostic> report, System.Threading.CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var analysis = new Analysis(symbols, report, lambdas);
        analysis.Run(function.Graph, entry);
        foreach (FunctionGraph child in function.Children(lambdas))
        {
            FactMap childEntry = FactMap.Empty;
            if (child.FlowLambda is not null && analysis.LambdaStates.TryGetValue(child.FlowLambda, out FactMap? atCreation))
            {
                // Done is permanent: what is known done where the lambda is created stays known done (for
                // variables the lambda does not assign).
                foreach (ISymbol variable in atCreation.Symbols)
                {
                    if (atCreation.Has(variable, FutureFacts.KnownDone))
                    {
                        childEntry = childEntry.Add(variable, FutureFacts.KnownDone);
                    }
                }
            }
            LambdaContext lambdaContext = child.Lambda is null ? default : FlowHelpers.ClassifyLambda(child.Lambda, symbols);
            // A callback the loop runs later (CallSoon, CallLater, CallAt, CallSoonThreadsafe, AddDoneCallback) is
            // handed its state argument as it was when scheduled, done or not: only the done callback's own
            // future is done. Any other callback that receives a future (a completion handler) is handed it done.
            bool scheduled = lambdaContext.Kind is LambdaContextKind.LoopCallback or LambdaContextKind.ThreadsafeLoopCallback or LambdaContextKind.DoneCallback;
            if (child.FlowLambda is not null && !scheduled)
            {
                foreach (IParameterSymbol parameter in child.Symbol.Parameters)
                {
                    if (symbols.IsFuture(parameter.Type))
                    {
                        childEntry = childEntry.Add(parameter, FutureFacts.KnownDone);
                    }
                }
            }
            if (lambdaContext.Kind == LambdaContextKind.DoneCallback)
            {
                // Inside a done callback both the callback's future parameter and the receiver are done.
                if (!child.Symbol.Parameters.IsEmpty && symbols.IsFuture(child.Symbol.Parameters[0].Type))
                {
                    childEntry = childEntry.Add(child.Symbol.Parameters[0], FutureFacts.KnownDone);
                }
                if (FlowHelpers.DoneCallbackReceiver(lambdaContext) is { } receiver)
                {
                    childEntry = childEntry.Add(receiver, FutureFacts.KnownDone);
                }
            }
            if (scheduled && StateArgument(lambdaContext) is { } state && !child.Symbol.Parameters.IsEmpty
                && child.FlowLambda is not null && analysis.LambdaStates.TryGetValue(child.FlowLambda, out FactMap? scheduledWith)
                && scheduledWith.Has(state, FutureFacts.KnownDone))
            {
                // loop.CallSoon(static f => f.GetResult(), done): the state parameter is the future, done when scheduled.
                childEntry = childEntry.Add(child.Symbol.Parameters[child.Symbol.Parameters.Length - 1], FutureFacts.KnownDone);
            }
            Analyze(child, childEntry, symbols, lambdas, report, cancellationToken);
        }
    }

    /// <summary>The variable passed as the <c>state</c> argument of the loop method a callback was given to, if any.</summary>
    private static ISymbol? StateArgument(LambdaContext context)
    {
        if (context.Call is IInvocationOperation invocation)
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "state")
                {
                    return FlowHelpers.GetVariable(argument.Value);
                }
            }
        }
        return null;
    }

    private sealed class Analysis : FutureFlowAnalysis
    {
        private readonly Action<Diagnostic> _report;

        /// <summary>The bound lambdas of the body by syntax (operations of a control-flow graph have no semantic model).</summary>
        private readonly Dictionary<SyntaxNode, IAnonymousFunctionOperation> _lambdas;

        public Analysis(AsyncioSymbols symbols, Action<Diagnostic> report, Dictionary<SyntaxNode, IAnonymousFunctionOperation> lambdas) : base(symbols)
        {
            _report = report;
            _lambdas = lambdas;
        }

        public Dictionary<IFlowAnonymousFunctionOperation, FactMap> LambdaStates { get; } = new();

        /// <summary>Flow captures holding an enumerator over a collection of done futures (foreach after Gather/Wait).</summary>
        private readonly HashSet<CaptureId> _doneEnumerators = new();

        protected override FactMap OnAssigned(ISymbol variable, IOperation? value, FactMap state)
        {
            // var g = f; keeps what is known of f.
            if (FlowHelpers.GetVariable(value) is { } source && state.Has(source, FutureFacts.KnownDone))
            {
                return state.With(variable, FutureFacts.KnownDone);
            }
            // foreach (var f in done): the loop variable is an element of a collection of done futures.
            if (FlowHelpers.StripConversions(value) is IPropertyReferenceOperation { Property.Name: "Current" } current
                && FlowHelpers.StripConversions(current.Instance) is IFlowCaptureReferenceOperation enumerator
                && _doneEnumerators.Contains(enumerator.Id))
            {
                return state.With(variable, FutureFacts.KnownDone);
            }
            return state.With(variable, FutureFacts.None);
        }

        protected override FactMap OnOther(IOperation node, FactMap state)
        {
            switch (node)
            {
                case IFlowCaptureOperation capture
                    when FlowHelpers.StripConversions(capture.Value) is IInvocationOperation { TargetMethod.Name: "GetEnumerator" or "GetAsyncEnumerator" } getEnumerator
                         && (FlowHelpers.GetVariable(getEnumerator.Instance) is { } collection && state.Has(collection, FutureFacts.KnownDone)
                             // await foreach (var f in Asyncio.AsCompletedAsync(...)): the futures come out finished.
                             || FlowHelpers.StripConversions(getEnumerator.Instance) is IInvocationOperation { TargetMethod.Name: "AsCompletedAsync" } asCompleted
                                && TypeHierarchy.DerivesFrom(asCompleted.TargetMethod.ContainingType, Symbols.Asyncio)):
                    _doneEnumerators.Add(capture.Id);
                    break;
                case IDeconstructionAssignmentOperation deconstruction
                    when FlowHelpers.StripConversions(deconstruction.Value) is IAwaitOperation { Operation: var awaited }
                         && FlowHelpers.StripConversions(awaited) is IInvocationOperation { TargetMethod.Name: "Wait" } wait
                         && TypeHierarchy.DerivesFrom(wait.TargetMethod.ContainingType, Symbols.Asyncio):
                    // var (done, pending) = await Asyncio.Wait(fs): every element of done is done.
                    IOperation target = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
                    if (target is ITupleOperation { Elements.Length: > 0 } tuple
                        && FlowHelpers.GetVariable(tuple.Elements[0] is IDeclarationExpressionOperation d ? d.Expression : tuple.Elements[0]) is { } done)
                    {
                        state = state.With(done, FutureFacts.KnownDone);
                    }
                    break;
            }
            return state;
        }

        private static bool WaitsForAll(IInvocationOperation wait)
        {
            if (wait.Arguments.Length == 0)
            {
                return false;
            }
            foreach (IArgumentOperation argument in wait.Arguments)
            {
                if (argument.Parameter is null || argument.Parameter.Ordinal == 0 || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }
                IOperation? value = FlowHelpers.StripConversions(argument.Value);
                bool allCompleted = argument.Parameter.Name == "returnWhen"
                    ? value is IFieldReferenceOperation { Field.Name: "AllCompleted" }
                    : value is { ConstantValue: { HasValue: true, Value: null } } || value is IDefaultValueOperation;
                if (!allCompleted)
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>Future variables among the arguments, including the elements of a params array and a collection argument.</summary>
        private IEnumerable<ISymbol> DoneArguments(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (IArgumentOperation argument in arguments)
            {
                IOperation? value = FlowHelpers.StripConversions(argument.Value);
                if (value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (IOperation element in initializer.ElementValues)
                    {
                        if (FlowHelpers.GetVariable(element) is { } variable)
                        {
                            yield return variable;
                        }
                    }
                }
                else if (FlowHelpers.GetVariable(value) is { } variable)
                {
                    yield return variable;
                }
            }
        }

        protected override FactMap OnFutureCall(IInvocationOperation invocation, ISymbol receiver, FactMap state)
        {
            if (Symbols.IsAnyCompletion(invocation))
            {
                return state.Add(receiver, FutureFacts.KnownDone);
            }
            if (Reporting && Is(invocation, "GetResult", "GetException") && !state.Has(receiver, FutureFacts.KnownDone))
            {
                _report(Diagnostic.Create(DiagnosticDescriptors.AIO005, LocationOf(invocation), invocation.TargetMethod.Name, FlowHelpers.Describe(receiver)));
            }
            return state;
        }

        protected override FactMap OnCall(IOperation call, ImmutableArray<IArgumentOperation> arguments, FactMap state)
        {
            // loop.RunUntilComplete(f) and Asyncio.Run(f) return when f is done.
            if (call is IInvocationOperation invocation
                && (Symbols.IsLoopMethod(invocation.TargetMethod, "RunUntilComplete")
                    || invocation.TargetMethod.Name == "Run" && TypeHierarchy.DerivesFrom(invocation.TargetMethod.ContainingType, Symbols.Asyncio)))
            {
                foreach (ISymbol variable in FutureArguments(arguments))
                {
                    state = state.Add(variable, FutureFacts.KnownDone);
                }
            }
            return state;
        }

        protected override FactMap OnAwait(IAwaitOperation await, ISymbol? awaited, FactMap state)
        {
            if (awaited is not null)
            {
                return state.Add(awaited, FutureFacts.KnownDone);
            }
            // await Asyncio.Gather(a, b) / Asyncio.WaitFor(f, ...): the futures passed are done when it returns.
            if (FlowHelpers.StripConversions(await.Operation) is IInvocationOperation invocation
                && TypeHierarchy.DerivesFrom(invocation.TargetMethod.ContainingType, Symbols.Asyncio)
                && invocation.TargetMethod.Name is "Gather" or "WaitFor" or "Shield")
            {
                foreach (ISymbol variable in DoneArguments(invocation.Arguments))
                {
                    state = state.Add(variable, FutureFacts.KnownDone);
                }
            }
            // await TaskGroup.RunAsync(body): every task the body created in the group is done when it returns;
            // await Asyncio.Timeout(delay, body) returned normally: what the body awaited is done.
            if (FlowHelpers.StripConversions(await.Operation) is IInvocationOperation scope)
            {
                foreach (ISymbol variable in DoneAfterScope(scope))
                {
                    state = state.Add(variable, FutureFacts.KnownDone);
                }
            }
            // await Asyncio.Wait(fs) with no timeout and ReturnWhen.AllCompleted: every future passed is done.
            if (FlowHelpers.StripConversions(await.Operation) is IInvocationOperation { TargetMethod.Name: "Wait" } wait
                && TypeHierarchy.DerivesFrom(wait.TargetMethod.ContainingType, Symbols.Asyncio)
                && WaitsForAll(wait))
            {
                foreach (ISymbol variable in DoneArguments(ImmutableArray.Create(wait.Arguments[0])))
                {
                    state = state.Add(variable, FutureFacts.KnownDone);
                }
            }
            return state;
        }

        /// <summary>
        /// The variables of the enclosing body that a scope's body (a lambda passed to TaskGroup.RunAsync or
        /// Asyncio.Timeout) leaves done: for a task group, those assigned a task of the group (and collections
        /// the group's tasks are added to); for a timeout, those the body awaits.
        /// </summary>
        private IEnumerable<ISymbol> DoneAfterScope(IInvocationOperation scope)
        {
            bool group = scope.TargetMethod.Name == "RunAsync" && TypeHierarchy.IsType(scope.TargetMethod.ContainingType, Symbols.TaskGroup);
            bool timeout = scope.TargetMethod.Name == "Timeout" && TypeHierarchy.IsType(scope.TargetMethod.ContainingType, Symbols.Asyncio);
            if (!group && !timeout)
            {
                yield break;
            }
            foreach (IArgumentOperation argument in scope.Arguments)
            {
                IOperation? value = FlowHelpers.StripConversions(argument.Value);
                while (value is IDelegateCreationOperation creation)
                {
                    value = FlowHelpers.StripConversions(creation.Target);
                }
                SyntaxNode? body = value switch
                {
                    IFlowAnonymousFunctionOperation flow => flow.Syntax,
                    IAnonymousFunctionOperation lambda => lambda.Syntax,
                    _ => null,
                };
                if (body is null || !_lambdas.TryGetValue(body, out IAnonymousFunctionOperation? function))
                {
                    continue;
                }
                foreach (IOperation node in function.Body.Descendants())
                {
                    if (group && node is IInvocationOperation { TargetMethod.Name: "CreateTask" } create
                        && TypeHierarchy.IsType(create.TargetMethod.ContainingType, Symbols.TaskGroup))
                    {
                        IOperation use = create;
                        while (use.Parent is IConversionOperation or IParenthesizedOperation)
                        {
                            use = use.Parent;
                        }
                        if (use.Parent is ISimpleAssignmentOperation assignment && FlowHelpers.GetVariable(assignment.Target) is { } target)
                        {
                            yield return target;
                        }
                        else if (use.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add" } add }
                                 && FlowHelpers.GetVariable(add.Instance) is { } collection)
                        {
                            yield return collection; // tasks.Add(group.CreateTask(...)): the collection's elements are done
                        }
                    }
                    else if (timeout && node is IAwaitOperation awaited && FlowHelpers.GetVariable(awaited.Operation) is { } variable)
                    {
                        yield return variable;
                    }
                }
            }
        }

        protected override FactMap ThrowState(IOperation operation, FactMap state)
        {
            // `await f;` or `x = await f;` that throws: f is done (it failed, or it was cancelled with the awaiting task).
            IOperation? value = operation is IExpressionStatementOperation statement ? statement.Operation : operation;
            if (value is ISimpleAssignmentOperation assignment)
            {
                value = assignment.Value;
            }
            if (FlowHelpers.StripConversions(value) is IAwaitOperation await && FlowHelpers.GetVariable(await.Operation) is { } awaited)
            {
                return state.Add(awaited, FutureFacts.KnownDone);
            }
            return state;
        }

        protected override FactMap OnLambda(IFlowAnonymousFunctionOperation lambda, FactMap state)
        {
            if (Reporting)
            {
                LambdaStates[lambda] = state;
            }
            return state;
        }

        protected override FactMap OnCheck(ISymbol variable, string property, bool value, FactMap state) =>
            value ? state.Add(variable, FutureFacts.KnownDone) : state;

        protected override FactMap ApplyFinally(FactMap state, FactMap finallyEntry, FactMap finallyExit)
        {
            // Done at the end of the finally on every path through it: done after it.
            foreach (ISymbol variable in finallyExit.Symbols)
            {
                if (finallyExit.Has(variable, FutureFacts.KnownDone))
                {
                    state = state.Add(variable, FutureFacts.KnownDone);
                }
            }
            return state;
        }
    }
}
