using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Flow;

/// <summary>
/// A small forward dataflow over a <see cref="ControlFlowGraph"/>'s basic blocks, in the style of
/// roslyn-analyzers' DataFlowAnalysis but only as much as the flow rules need:
/// <list type="bullet">
/// <item>the operations of a block are visited in evaluation order (children before parents);</item>
/// <item>conditional branches refine the state (<see cref="OnCondition"/>), so
///   <c>if (!f.IsDone)</c> guards work on either edge;</item>
/// <item>a catch handler starts with the join of the states before every operation of its try
///   block that may throw; a finally starts with the join of every state of its try block, and
///   its effect is applied to the branches that leave through it (<see cref="ApplyFinally"/>);</item>
/// <item>nested lambdas and local functions have their own graphs and are not entered; the
///   subclass sees each <see cref="IFlowAnonymousFunctionOperation"/> as a node.</item>
/// </list>
/// States are immutable: every method returns a new state or the same one.
/// </summary>
internal abstract class ForwardFlowAnalysis<TState> where TState : class
{
    private const int MaxPasses = 64;

    /// <summary>True during the last pass, when the rule may report.</summary>
    protected bool Reporting { get; private set; }

    protected ControlFlowGraph Graph { get; private set; } = null!;

    protected abstract TState Join(TState a, TState b);

    protected abstract bool AreEqual(TState a, TState b);

    /// <summary>One operation node, after its children.</summary>
    protected abstract TState Visit(IOperation node, TState state);

    /// <summary>The state on the edge where <paramref name="condition"/> evaluated to <paramref name="value"/>.</summary>
    protected virtual TState OnCondition(IOperation condition, bool value, TState state) => state;

    /// <summary>A branch leaves the block <paramref name="from"/>; a chance to look at <see cref="ControlFlowBranch.LeavingRegions"/>.</summary>
    protected virtual TState OnEdge(BasicBlock from, ControlFlowBranch branch, TState state) => state;

    /// <summary>A branch that runs a finally: <paramref name="finallyExit"/> is the state at the end of that finally.</summary>
    protected virtual TState ApplyFinally(TState state, TState finallyEntry, TState finallyExit) => state;

    /// <summary>The state a catch handler sees when <paramref name="operation"/> throws (by default the state before it).</summary>
    protected virtual TState ThrowState(IOperation operation, TState state) => state;

    /// <summary>
    /// Called in the reporting pass with the state of every edge into the exit block (normal completion
    /// paths), after the finally blocks the edge runs; <paramref name="from"/> is the block the edge leaves
    /// (for a <c>return x;</c>, its <see cref="BasicBlock.BranchValue"/> is <c>x</c>).
    /// </summary>
    protected virtual void OnExit(BasicBlock from, TState state)
    {
    }

    /// <summary>Runs the analysis to a fixed point, then a reporting pass.</summary>
    public void Run(ControlFlowGraph graph, TState entry)
    {
        Graph = graph;
        var blocks = graph.Blocks;
        var input = new TState?[blocks.Length];
        var throwStates = new Dictionary<ControlFlowRegion, TState>();
        var tryStates = new Dictionary<ControlFlowRegion, TState>();
        var finallyExit = new Dictionary<ControlFlowRegion, TState>();
        input[0] = entry;

        for (int pass = 0; pass <= MaxPasses; pass++)
        {
            bool last = pass == MaxPasses;
            bool changed = false;
            Reporting = false;
            RunPass(blocks, input, throwStates, tryStates, finallyExit, ref changed);
            if (!changed || last)
            {
                Reporting = true;
                bool ignored = false;
                RunPass(blocks, input, throwStates, tryStates, finallyExit, ref ignored);
                Reporting = false;
                return;
            }
        }
    }

    private void RunPass(
        System.Collections.Immutable.ImmutableArray<BasicBlock> blocks,
        TState?[] input,
        Dictionary<ControlFlowRegion, TState> throwStates,
        Dictionary<ControlFlowRegion, TState> tryStates,
        Dictionary<ControlFlowRegion, TState> finallyExit,
        ref bool changed)
    {
        foreach (BasicBlock block in blocks)
        {
            // Handler entries: catch and filter start from the try block's throw points, finally from all of its states.
            if (HandlerTryRegion(block, out ControlFlowRegion? tryRegion, out bool isFinally))
            {
                Dictionary<ControlFlowRegion, TState> source = isFinally ? tryStates : throwStates;
                if (source.TryGetValue(tryRegion!, out TState? handlerEntry))
                {
                    TState merged = input[block.Ordinal] is { } old ? Join(old, handlerEntry) : handlerEntry;
                    if (input[block.Ordinal] is null || !AreEqual(input[block.Ordinal]!, merged))
                    {
                        input[block.Ordinal] = merged;
                        changed = true;
                    }
                }
            }

            TState? state = input[block.Ordinal];
            if (state is null)
            {
                FoldEndedTryRegions(block, throwStates);
                FoldEndedTryRegions(block, tryStates);
                continue;
            }

            Record(tryStates, block, state, tryOnly: true);
            foreach (IOperation operation in block.Operations)
            {
                if (MayThrow(operation))
                {
                    Record(throwStates, block, ThrowState(operation, state), tryOnly: true);
                }
                state = Walk(operation, state);
                Record(tryStates, block, state, tryOnly: true);
            }

            if (block.FallThroughSuccessor is { Semantics: ControlFlowBranchSemantics.Throw or ControlFlowBranchSemantics.Rethrow })
            {
                Record(throwStates, block, state, tryOnly: true);
            }

            TState whenTrue = state, whenFalse = state;
            if (block.BranchValue is { } branchValue)
            {
                if (MayThrow(branchValue))
                {
                    Record(throwStates, block, state, tryOnly: true);
                }
                state = Walk(branchValue, state);
                if (block.ConditionKind != ControlFlowConditionKind.None)
                {
                    whenTrue = OnCondition(branchValue, true, state);
                    whenFalse = OnCondition(branchValue, false, state);
                }
                else
                {
                    whenTrue = whenFalse = state;
                }
                Record(tryStates, block, state, tryOnly: true);
            }

            if (block.ConditionKind != ControlFlowConditionKind.None && block.ConditionalSuccessor is { } conditional)
            {
                bool conditionalValue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                Propagate(block, conditional, conditionalValue ? whenTrue : whenFalse, input, tryStates, finallyExit, ref changed);
                if (block.FallThroughSuccessor is { } fallThrough)
                {
                    Propagate(block, fallThrough, conditionalValue ? whenFalse : whenTrue, input, tryStates, finallyExit, ref changed);
                }
            }
            else if (block.FallThroughSuccessor is { } fallThrough)
            {
                Propagate(block, fallThrough, state, input, tryStates, finallyExit, ref changed);
            }

            // The end of a finally: remember its exit state for the branches that run it.
            if (block.FallThroughSuccessor is { Semantics: ControlFlowBranchSemantics.StructuredExceptionHandling }
                && block.EnclosingRegion is { } enclosing)
            {
                for (ControlFlowRegion? r = enclosing; r is not null; r = r.EnclosingRegion)
                {
                    if (r.Kind == ControlFlowRegionKind.Finally)
                    {
                        TState merged = finallyExit.TryGetValue(r, out TState? old) ? Join(old, state) : state;
                        if (old is null || !AreEqual(old, merged))
                        {
                            finallyExit[r] = merged;
                            changed = true;
                        }
                        break;
                    }
                }
            }

            FoldEndedTryRegions(block, throwStates);
            FoldEndedTryRegions(block, tryStates);
        }
    }

    private void Propagate(
        BasicBlock from,
        ControlFlowBranch branch,
        TState state,
        TState?[] input,
        Dictionary<ControlFlowRegion, TState> tryStates,
        Dictionary<ControlFlowRegion, TState> finallyExit,
        ref bool changed)
    {
        state = OnEdge(from, branch, state);
        foreach (ControlFlowRegion finallyRegion in branch.FinallyRegions)
        {
            if (!finallyExit.TryGetValue(finallyRegion, out TState? exit))
            {
                // The finally has not been analyzed yet (or never completes normally): nothing flows
                // through it for now; the pass that analyzes it will propagate.
                return;
            }
            if (finallyRegion.EnclosingRegion is { } tryAndFinally
                && tryAndFinally.NestedRegions.FirstOrDefault(r => r.Kind == ControlFlowRegionKind.Try) is { } tryRegion
                && tryStates.TryGetValue(tryRegion, out TState? entry))
            {
                state = ApplyFinally(state, entry, exit);
            }
        }
        BasicBlock? destination = branch.Destination;
        if (destination is null)
        {
            return;
        }
        if (Reporting && destination.Kind == BasicBlockKind.Exit)
        {
            OnExit(from, state);
        }
        TState? old = input[destination.Ordinal];
        TState merged = old is null ? state : Join(old, state);
        if (old is null || !AreEqual(old, merged))
        {
            input[destination.Ordinal] = merged;
            changed = true;
        }
    }

    /// <summary>
    /// Joins <paramref name="state"/> into the innermost try region around <paramref name="block"/>. The
    /// enclosing try regions get it when the inner one ends (<see cref="FoldEndedTryRegions"/>): recording
    /// into every enclosing region made nested try statements quadratic.
    /// </summary>
    private void Record(Dictionary<ControlFlowRegion, TState> states, BasicBlock block, TState state, bool tryOnly)
    {
        if (InnermostTry(block.EnclosingRegion) is { } r)
        {
            states[r] = states.TryGetValue(r, out TState? old) ? Join(old, state) : state;
        }
    }

    /// <summary>After the last block of a try region: its states join the next enclosing try region's.</summary>
    private void FoldEndedTryRegions(BasicBlock block, Dictionary<ControlFlowRegion, TState> states)
    {
        for (ControlFlowRegion? r = block.EnclosingRegion; r is not null && r.LastBlockOrdinal == block.Ordinal; r = r.EnclosingRegion)
        {
            if (r.Kind == ControlFlowRegionKind.Try && states.TryGetValue(r, out TState? inner) && InnermostTry(r.EnclosingRegion) is { } outer)
            {
                states[outer] = states.TryGetValue(outer, out TState? old) ? Join(old, inner) : inner;
            }
        }
    }

    private static ControlFlowRegion? InnermostTry(ControlFlowRegion? region)
    {
        for (ControlFlowRegion? r = region; r is not null; r = r.EnclosingRegion)
        {
            if (r.Kind == ControlFlowRegionKind.Try)
            {
                return r;
            }
        }
        return null;
    }

    /// <summary>The try region whose handler starts at <paramref name="block"/>, if it is the first block of a catch, filter or finally.</summary>
    private static bool HandlerTryRegion(BasicBlock block, out ControlFlowRegion? tryRegion, out bool isFinally)
    {
        tryRegion = null;
        isFinally = false;
        for (ControlFlowRegion? r = block.EnclosingRegion; r is not null; r = r.EnclosingRegion)
        {
            if (r.FirstBlockOrdinal != block.Ordinal)
            {
                return false;
            }
            if (r.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler or ControlFlowRegionKind.Finally)
            {
                ControlFlowRegion? parent = r.EnclosingRegion;
                if (parent?.Kind == ControlFlowRegionKind.FilterAndHandler)
                {
                    if (parent.FirstBlockOrdinal != block.Ordinal)
                    {
                        return false;
                    }
                    parent = parent.EnclosingRegion;
                }
                tryRegion = parent?.NestedRegions.FirstOrDefault(n => n.Kind == ControlFlowRegionKind.Try);
                isFinally = r.Kind == ControlFlowRegionKind.Finally;
                return tryRegion is not null;
            }
        }
        return false;
    }

    /// <summary>Visits <paramref name="operation"/>'s tree in evaluation order; lambdas are not entered.</summary>
    private TState Walk(IOperation operation, TState state)
    {
        if (operation is not IFlowAnonymousFunctionOperation)
        {
            foreach (IOperation child in operation.ChildOperations)
            {
                state = Walk(child, state);
            }
        }
        return Visit(operation, state);
    }

    /// <summary>Whether evaluating <paramref name="operation"/> may throw (calls, allocations, awaits, throws, member accesses...).</summary>
    protected static bool MayThrow(IOperation operation)
    {
        foreach (IOperation node in operation.DescendantsAndSelf())
        {
            switch (node)
            {
                case IInvocationOperation:
                case IObjectCreationOperation:
                case IAwaitOperation:
                case IThrowOperation:
                case IPropertyReferenceOperation:
                case IArrayElementReferenceOperation:
                case IDynamicInvocationOperation:
                case IDynamicMemberReferenceOperation:
                case IEventAssignmentOperation:
                case IConversionOperation { IsImplicit: false }:
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder }:
                    return true;
            }
        }
        return false;
    }
}
