using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Flow;

/// <summary>One executable body: a method's, a lambda's or a local function's, with its control-flow graph.</summary>
internal sealed class FunctionGraph
{
    public FunctionGraph(ControlFlowGraph graph, IMethodSymbol symbol, FunctionGraph? parent, IFlowAnonymousFunctionOperation? flowLambda, IAnonymousFunctionOperation? lambda)
    {
        Graph = graph;
        Symbol = symbol;
        Parent = parent;
        FlowLambda = flowLambda;
        Lambda = lambda;
    }

    public ControlFlowGraph Graph { get; }

    /// <summary>The method, lambda or local function symbol.</summary>
    public IMethodSymbol Symbol { get; }

    public FunctionGraph? Parent { get; }

    /// <summary>For a lambda: its node in the parent's graph.</summary>
    public IFlowAnonymousFunctionOperation? FlowLambda { get; }

    /// <summary>For a lambda: the bound lambda in the original operation tree (for its context), when found.</summary>
    public IAnonymousFunctionOperation? Lambda { get; }

    /// <summary>The flow lambdas directly in this graph.</summary>
    public IEnumerable<IFlowAnonymousFunctionOperation> FlowLambdas()
    {
        foreach (BasicBlock block in Graph.Blocks)
        {
            foreach (IOperation operation in block.Operations)
            {
                foreach (IOperation node in operation.DescendantsAndSelf())
                {
                    if (node is IFlowAnonymousFunctionOperation flow)
                    {
                        yield return flow;
                    }
                }
            }
            if (block.BranchValue is { } branch)
            {
                foreach (IOperation node in branch.DescendantsAndSelf())
                {
                    if (node is IFlowAnonymousFunctionOperation flow)
                    {
                        yield return flow;
                    }
                }
            }
        }
    }

    /// <summary>Every operation of the graph (block operations and branch values, with descendants; lambdas not entered).</summary>
    public IEnumerable<IOperation> Operations() => OperationsOf(Graph);

    /// <summary>Every operation of <paramref name="graph"/>; see <see cref="Operations"/>.</summary>
    public static IEnumerable<IOperation> OperationsOf(ControlFlowGraph graph)
    {
        foreach (BasicBlock block in graph.Blocks)
        {
            foreach (IOperation operation in block.Operations)
            {
                foreach (IOperation node in operation.DescendantsAndSelf())
                {
                    yield return node;
                }
            }
            if (block.BranchValue is { } branch)
            {
                foreach (IOperation node in branch.DescendantsAndSelf())
                {
                    yield return node;
                }
            }
        }
    }

    /// <summary>
    /// The graphs of the bodies of an operation block action, built only when some operation of the block
    /// (lambdas included) is one <paramref name="mentions"/> accepts: a walk of the operation tree is far
    /// cheaper than a control-flow graph, and most bodies never touch what a flow rule is about.
    /// </summary>
    public static IEnumerable<FunctionGraph> Roots(OperationBlockAnalysisContext context, System.Func<IOperation, bool> mentions)
    {
        foreach (IOperation block in context.OperationBlocks)
        {
            foreach (IOperation node in block.DescendantsAndSelf())
            {
                if (mentions(node))
                {
                    return Roots(context);
                }
            }
        }
        return System.Array.Empty<FunctionGraph>();
    }

    /// <summary>The graphs of the bodies of an operation block action (one per root: method body, constructor body...).</summary>
    public static IEnumerable<FunctionGraph> Roots(OperationBlockAnalysisContext context)
    {
        if (context.OwningSymbol is not IMethodSymbol method)
        {
            yield break;
        }
        var seen = new HashSet<IOperation>();
        foreach (IOperation block in context.OperationBlocks)
        {
            IOperation root = block;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }
            if (!seen.Add(root) || root is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation))
            {
                continue;
            }
            ControlFlowGraph? graph = context.GetControlFlowGraph(block);
            if (graph is not null)
            {
                yield return new FunctionGraph(graph, method, null, null, null);
            }
        }
    }

    /// <summary>The graphs of the lambdas and local functions directly inside this one.</summary>
    public IEnumerable<FunctionGraph> Children(Dictionary<SyntaxNode, IAnonymousFunctionOperation> lambdas)
    {
        foreach (IFlowAnonymousFunctionOperation flow in FlowLambdas())
        {
            if (IsExpressionTree(flow))
            {
                continue;
            }
            ControlFlowGraph graph = Graph.GetAnonymousFunctionControlFlowGraph(flow);
            lambdas.TryGetValue(flow.Syntax, out IAnonymousFunctionOperation? lambda);
            yield return new FunctionGraph(graph, flow.Symbol, this, flow, lambda);
        }
        foreach (IMethodSymbol localFunction in Graph.LocalFunctions)
        {
            ControlFlowGraph graph = Graph.GetLocalFunctionControlFlowGraph(localFunction);
            yield return new FunctionGraph(graph, localFunction, this, null, null);
        }
    }

    /// <summary>A lambda converted to an expression tree: it is data, not code that runs here.</summary>
    public static bool IsExpressionTree(IOperation lambda)
    {
        for (IOperation? parent = lambda.Parent; parent is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation; parent = parent.Parent)
        {
            for (ITypeSymbol? type = parent.Type; type is not null; type = type.BaseType)
            {
                if (type.Name is "Expression" or "LambdaExpression" && type.ContainingNamespace?.ToDisplayString() == "System.Linq.Expressions")
                {
                    return true;
                }
            }
        }
        return false;
    }
}
