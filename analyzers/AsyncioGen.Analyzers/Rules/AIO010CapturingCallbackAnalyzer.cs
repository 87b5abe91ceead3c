using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO010: a lambda that captures locals, parameters or <c>this</c> passed to CallSoon,
/// CallSoonThreadsafe, CallLater, CallAt or AddDoneCallback, whose state overload
/// (<c>Method&lt;TState&gt;(..., Action&lt;TState&gt;, TState)</c>) would avoid the closure. Quiet when a
/// captured variable is written anywhere after its declaration (the closure shares the variable; a state
/// is a copy taken at scheduling time), for static or non-capturing lambdas, method groups, and calls
/// passing an explicit ExecutionContext.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CapturingCallbackAnalyzer : AsyncioAnalyzer
{
    public CapturingCallbackAnalyzer()
        : base(DiagnosticDescriptors.AIO010)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationBlockAction(block => AnalyzeBlock(block, symbols));
    }

    /// <summary>
    /// One walk finds the candidate calls; the captures of every lambda of the body come from one
    /// <see cref="CaptureIndex"/>, built only when there is a candidate (linear in the body's size).
    /// </summary>
    private static void AnalyzeBlock(OperationBlockAnalysisContext context, AsyncioSymbols symbols)
    {
        List<(IInvocationOperation Call, IAnonymousFunctionOperation Lambda)>? candidates = null;
        foreach (IOperation root in context.OperationBlocks)
        {
            foreach (IOperation node in root.DescendantsAndSelf())
            {
                if (node is IInvocationOperation invocation && Candidate(invocation, symbols) is { } lambda)
                {
                    (candidates ??= new()).Add((invocation, lambda));
                }
            }
        }
        if (candidates is null)
        {
            return;
        }
        CaptureIndex index = CaptureIndex.Build(context.OperationBlocks);
        foreach ((IInvocationOperation call, IAnonymousFunctionOperation lambda) in candidates)
        {
            if (index.Of(lambda) is not { } captures || captures.Variables.Any(index.IsWritten))
            {
                continue; // a captured variable written later: a state (a copy) would change what the callback sees
            }
            var shown = new List<ISymbol>(captures.Variables);
            if (captures.UsesThis && call.SemanticModel?.GetEnclosingSymbol(lambda.Syntax.SpanStart, context.CancellationToken)?.ContainingType is INamedTypeSymbol containing)
            {
                shown.Insert(0, containing);
            }
            if (shown.Count > 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO010, lambda.Syntax.GetLocation(), call.TargetMethod.Name, Describe(shown)));
            }
        }
    }

    /// <summary>The inline lambda of a loop-callback call that has a state overload, if it is one the rule looks at.</summary>
    private static IAnonymousFunctionOperation? Candidate(IInvocationOperation invocation, AsyncioSymbols symbols)
    {
        if (!symbols.IsLoopCallbackMethod(invocation.TargetMethod))
        {
            return null;
        }
        IMethodSymbol method = invocation.TargetMethod;
        if (method.IsGenericMethod || !HasStateOverload(method))
        {
            return null;
        }
        IAnonymousFunctionOperation? lambda = null;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is null)
            {
                return null;
            }
            if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter.Type.Name == "ExecutionContext")
            {
                return null; // the state overloads of CallLater/CallAt/AddDoneCallback take no context
            }
            if (argument.Parameter.Type.TypeKind == TypeKind.Delegate)
            {
                lambda = CodeShape.AsAnonymousFunction(argument.Value);
            }
        }
        if (lambda?.Syntax is not AnonymousFunctionExpressionSyntax syntax)
        {
            return null;
        }
        if (syntax.Modifiers.Any(SyntaxKind.StaticKeyword) || syntax.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
        {
            return null; // static lambdas capture nothing; async lambdas are AIO013's
        }
        return lambda;
    }

    private static string Describe(IReadOnlyList<ISymbol> captures)
    {
        var names = captures.Select(c => "'" + (c is IParameterSymbol { IsThis: true } || c is INamedTypeSymbol ? "this" : c.Name) + "'").ToList();
        return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
    }

    private static bool HasStateOverload(IMethodSymbol method) =>
        method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().Any(m => m.IsGenericMethod && m.TypeParameters.Length == 1
            && m.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, m.TypeParameters[0])));

    /// <summary>
    /// What <paramref name="lambda"/> captures, in order of first use: locals and parameters declared outside
    /// it, and its containing type (standing for <c>this</c>) when it uses instance members. Null when a
    /// captured variable is written after its declaration (a state overload would change what the callback sees)
    /// or the code is broken.
    /// </summary>
    internal static IReadOnlyList<ISymbol>? GetCaptures(AnonymousFunctionExpressionSyntax lambda, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        DataFlowAnalysis? flow;
        try
        {
            flow = model.AnalyzeDataFlow(lambda);
        }
        catch (System.ArgumentException)
        {
            return null; // not an analyzable region (broken code)
        }
        if (flow is null || !flow.Succeeded)
        {
            return null;
        }
        var captured = flow.CapturedInside
            .Where(s => s is ILocalSymbol or IParameterSymbol { IsThis: false }
                && !s.Locations.Any(l => l.IsInSource && l.SourceTree == lambda.SyntaxTree && lambda.Span.Contains(l.SourceSpan)))
            .ToImmutableHashSet<ISymbol>(SymbolEqualityComparer.Default);
        var ordered = new List<ISymbol>();
        bool usesThis = false;
        foreach (SyntaxNode node in lambda.Body.DescendantNodesAndSelf())
        {
            if (node is IdentifierNameSyntax identifier)
            {
                ISymbol? symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol;
                if (symbol is not null && captured.Contains(symbol) && !ordered.Contains(symbol, SymbolEqualityComparer.Default))
                {
                    ordered.Add(symbol);
                }
            }
        }
        if (model.GetOperation(lambda, cancellationToken) is IOperation operation)
        {
            foreach (IOperation descendant in operation.Descendants())
            {
                if (descendant is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance })
                {
                    usesThis = true;
                    break;
                }
            }
        }
        if (ordered.Count != captured.Count)
        {
            // Captured through something other than a simple name (should not happen): give up rather than guess.
            return null;
        }
        foreach (ISymbol symbol in ordered)
        {
            if (IsWrittenAfterDeclaration(symbol, lambda, model, cancellationToken))
            {
                return null;
            }
        }
        if (usesThis && model.GetEnclosingSymbol(lambda.SpanStart, cancellationToken)?.ContainingType is INamedTypeSymbol containing)
        {
            ordered.Insert(0, containing);
        }
        return ordered;
    }

    private static bool IsWrittenAfterDeclaration(ISymbol symbol, SyntaxNode lambda, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        SyntaxNode? scope = lambda.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax and not GlobalStatementSyntax) ?? lambda.SyntaxTree.GetRoot(cancellationToken);
        foreach (IdentifierNameSyntax identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != symbol.Name || !IsWrite(identifier))
            {
                continue;
            }
            if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, symbol))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsWrite(ExpressionSyntax expression)
    {
        SyntaxNode? parent = expression.Parent;
        while (parent is ParenthesizedExpressionSyntax or TupleExpressionSyntax or ArgumentSyntax { Parent: TupleExpressionSyntax })
        {
            expression = (ExpressionSyntax?)(parent as ExpressionSyntax) ?? (ExpressionSyntax)parent.Parent!;
            parent = expression.Parent;
        }
        return parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == expression,
            PrefixUnaryExpressionSyntax prefix => prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression),
            PostfixUnaryExpressionSyntax postfix => postfix.IsKind(SyntaxKind.PostIncrementExpression) || postfix.IsKind(SyntaxKind.PostDecrementExpression),
            ArgumentSyntax argument => argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword),
            RefExpressionSyntax => true,
            _ => false,
        };
    }
}
