using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Helpers;

/// <summary>Questions about the shape of code that every rule asks: which function encloses a node, what an argument holds.</summary>
internal static class CodeShape
{
    /// <summary>
    /// The syntax of the function (method, accessor, local function, lambda, anonymous method) whose
    /// body contains <paramref name="node"/>, or null at type level.
    /// </summary>
    public static SyntaxNode? EnclosingFunctionSyntax(SyntaxNode node)
    {
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                case PropertyDeclarationSyntax:
                case IndexerDeclarationSyntax:
                    return current;
                case BaseTypeDeclarationSyntax:
                case CompilationUnitSyntax:
                    return current is CompilationUnitSyntax ? current : null;
            }
        }
        return null;
    }

    /// <summary>The symbol of the function whose body contains <paramref name="node"/> (top-level statements: the synthesized Main).</summary>
    public static IMethodSymbol? EnclosingFunction(SyntaxNode node, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        SyntaxNode? function = EnclosingFunctionSyntax(node);
        switch (function)
        {
            case null:
                return null;
            case AnonymousFunctionExpressionSyntax lambda:
                return model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol;
            case CompilationUnitSyntax:
                return model.GetEnclosingSymbol(node.SpanStart, cancellationToken) as IMethodSymbol;
            case PropertyDeclarationSyntax property:
                return (model.GetDeclaredSymbol(property, cancellationToken) as IPropertySymbol)?.GetMethod;
            case IndexerDeclarationSyntax indexer:
                return (model.GetDeclaredSymbol(indexer, cancellationToken) as IPropertySymbol)?.GetMethod;
            default:
                return model.GetDeclaredSymbol(function, cancellationToken) as IMethodSymbol;
        }
    }

    /// <summary>The lambda or anonymous method an argument holds, looking through conversions and delegate creations.</summary>
    public static IAnonymousFunctionOperation? AsAnonymousFunction(IOperation? operation) =>
        DelegateTarget(operation) as IAnonymousFunctionOperation;

    /// <summary>The method group an argument holds (a delegate created from a method reference), if any.</summary>
    public static IMethodReferenceOperation? AsMethodReference(IOperation? operation) =>
        DelegateTarget(operation) as IMethodReferenceOperation;

    /// <summary>Where a lambda or method group is used: its parent above the delegate creations, conversions and parentheses.</summary>
    public static IOperation? UseOfDelegate(IOperation function)
    {
        IOperation? parent = function.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }
        return parent;
    }

    // What a delegate-typed argument is made from, below the conversions, delegate creations and parentheses.
    private static IOperation? DelegateTarget(IOperation? operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IDelegateCreationOperation creation:
                    operation = creation.Target;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>True when <paramref name="operation"/> sits inside a nameof(...).</summary>
    public static bool IsInNameOf(IOperation operation)
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The operations of a subtree, not descending into nested lambdas and local functions.</summary>
    public static System.Collections.Generic.IEnumerable<IOperation> DescendantsInSameFunction(IOperation root)
    {
        var stack = new System.Collections.Generic.Stack<IOperation>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            yield return current;
            foreach (IOperation child in current.ChildOperations.Reverse())
            {
                if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }
                stack.Push(child);
            }
        }
    }
}
