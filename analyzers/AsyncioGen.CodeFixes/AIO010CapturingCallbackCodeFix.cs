using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen.Analyzers;
using AsyncioGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncioGen.CodeFixes;

/// <summary>
/// AIO010 fix: rewrite to the state overload with a static lambda. One captured variable travels as the
/// state under its own name (<c>loop.CallSoon(static x => Use(x), x)</c>); <c>this</c> travels as
/// <c>self</c>; several captures travel as a tuple deconstructed in the lambda
/// (<c>static state => { var (a, b) = state; ... }</c>, state <c>(a, b)</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CapturingCallbackCodeFix)), Shared]
public sealed class CapturingCallbackCodeFix : SyntaxCodeFix
{
    public const string Key = "AIO010.UseStateOverload";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.CapturingCallback);

    protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LambdaExpressionSyntax lambda
            || lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax } } argument
            || lambda.DescendantNodes().Any(n => n is BaseExpressionSyntax))
        {
            return;
        }
        IReadOnlyList<ISymbol>? captures = CapturingCallbackAnalyzer.GetCaptures(lambda, model, context.CancellationToken);
        if (captures is null || captures.Count == 0 || !CanBecomeStatic(lambda, captures, model, context.CancellationToken))
        {
            return;
        }
        context.RegisterCodeFix(CodeAction.Create("Use the state overload with a static lambda",
            ct => FixAsync(context.Document, lambda, argument, captures, ct), Key), diagnostic);
    }

    /// <summary>
    /// Whether the rewrite compiles: a static lambda cannot call a local function that captures (CS8820),
    /// and a typed state parameter cannot name an anonymous type.
    /// </summary>
    private static bool CanBecomeStatic(LambdaExpressionSyntax lambda, IReadOnlyList<ISymbol> captures, SemanticModel model, CancellationToken cancellationToken)
    {
        foreach (SimpleNameSyntax name in lambda.Body.DescendantNodesAndSelf().OfType<SimpleNameSyntax>())
        {
            if (model.GetSymbolInfo(name, cancellationToken).Symbol is IMethodSymbol { MethodKind: MethodKind.LocalFunction, IsStatic: false } local
                && !local.Locations.Any(l => lambda.Span.Contains(l.SourceSpan)))
            {
                return false;
            }
        }
        bool typed = lambda is ParenthesizedLambdaExpressionSyntax p && p.ParameterList.Parameters.Any(x => x.Type is not null);
        return !typed || !captures.Any(c => c is not INamedTypeSymbol && ContainsAnonymousType(TypeOf(c)));
    }

    private static bool ContainsAnonymousType(ITypeSymbol type) => type switch
    {
        { IsAnonymousType: true } => true,
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsAnonymousType),
        IArrayTypeSymbol array => ContainsAnonymousType(array.ElementType),
        _ => false,
    };

    private static async Task<Document> FixAsync(Document document, LambdaExpressionSyntax lambda, ArgumentSyntax argument, IReadOnlyList<ISymbol> captures, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }
        var usedNames = new HashSet<string>(lambda.DescendantNodesAndTokens().Where(t => t.IsToken && t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.AsToken().ValueText));
        string Unique(string name)
        {
            string candidate = name;
            for (int i = 2; usedNames.Contains(candidate) || captures.Any(c => c.Name == candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            usedNames.Add(candidate);
            return candidate;
        }

        bool usesThis = captures[0] is INamedTypeSymbol;
        string self = usesThis ? Unique("self") : "";
        var names = captures.Select(c => c is INamedTypeSymbol ? self : c.Name).ToList();
        string parameterName = captures.Count == 1 ? names[0] : Unique("state");

        // 1. The body: 'this' and implicit instance members go through 'self'.
        CSharpSyntaxNode body = lambda.Body;
        if (usesThis)
        {
            body = RewriteThis(body, self, model, cancellationToken);
        }
        // 2. Several captures: deconstruct the tuple state first.
        if (captures.Count > 1)
        {
            StatementSyntax deconstruction = SyntaxFactory.ParseStatement("var (" + string.Join(", ", names) + ") = " + parameterName + ";");
            if (body is BlockSyntax block)
            {
                SyntaxTriviaList indentation = block.Statements.Count > 0 ? block.Statements[0].GetLeadingTrivia() : SyntaxFactory.TriviaList();
                body = block.WithStatements(block.Statements.Insert(0, deconstruction.WithLeadingTrivia(indentation).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)));
                body = ((BlockSyntax)body).WithStatements(SyntaxFactory.List(((BlockSyntax)body).Statements.Select((s, i) => i == 0 ? s.WithTrailingTrivia(EndOfLine(block)) : s)));
            }
            else
            {
                var expression = (ExpressionSyntax)body;
                body = SyntaxFactory.Block(
                        SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.Space),
                        SyntaxFactory.List(new[]
                        {
                            deconstruction.WithTrailingTrivia(SyntaxFactory.Space),
                            SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()).WithTrailingTrivia(SyntaxFactory.Space),
                        }),
                        SyntaxFactory.Token(SyntaxKind.CloseBraceToken))
                    .WithTriviaFrom(expression);
            }
        }

        // 3. The parameter list: the callback's own parameters, then the state.
        var parameters = new List<ParameterSyntax>();
        bool typed = lambda is ParenthesizedLambdaExpressionSyntax p && p.ParameterList.Parameters.Any(x => x.Type is not null);
        switch (lambda)
        {
            case SimpleLambdaExpressionSyntax simple:
                parameters.Add(simple.Parameter.WithoutTrivia());
                break;
            case ParenthesizedLambdaExpressionSyntax parenthesized:
                parameters.AddRange(parenthesized.ParameterList.Parameters.Select(x => x.WithoutTrivia()));
                break;
        }
        ParameterSyntax stateParameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(parameterName));
        if (typed)
        {
            string typeText = captures.Count == 1
                ? TypeOf(captures[0]).ToMinimalDisplayString(model, lambda.SpanStart)
                : "(" + string.Join(", ", captures.Select(c => TypeOf(c).ToMinimalDisplayString(model, lambda.SpanStart))) + ")";
            stateParameter = stateParameter.WithType(SyntaxFactory.ParseTypeName(typeText).WithTrailingTrivia(SyntaxFactory.Space));
        }
        parameters.Add(stateParameter);
        SyntaxToken staticKeyword = SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        SyntaxToken arrow = lambda.ArrowToken.WithLeadingTrivia(SyntaxFactory.Space);
        LambdaExpressionSyntax newLambda = parameters.Count == 1 && parameters[0].Type is null
            ? SyntaxFactory.SimpleLambdaExpression(parameters[0]).WithModifiers(SyntaxFactory.TokenList(staticKeyword)).WithArrowToken(arrow).WithBody(body)
            : SyntaxFactory.ParenthesizedLambdaExpression(
                    SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(parameters, Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), parameters.Count - 1))),
                    body)
                .WithModifiers(SyntaxFactory.TokenList(staticKeyword)).WithArrowToken(arrow).WithBody(body);
        newLambda = newLambda.WithTriviaFrom(lambda);

        // 4. The state argument, appended to the call.
        ExpressionSyntax state = captures.Count == 1
            ? StateExpression(captures[0])
            : SyntaxFactory.TupleExpression(SyntaxFactory.SeparatedList(captures.Select(c => SyntaxFactory.Argument(StateExpression(c))),
                Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), captures.Count - 1)));
        var argumentList = (ArgumentListSyntax)argument.Parent!;
        ArgumentSyntax stateArgument = SyntaxFactory.Argument(state);
        if (argumentList.Arguments.Any(a => a.NameColon is not null))
        {
            stateArgument = stateArgument.WithNameColon(SyntaxFactory.NameColon("state").WithTrailingTrivia(SyntaxFactory.Space));
        }
        ArgumentListSyntax newList = argumentList.ReplaceNode(argument, argument.WithExpression(newLambda));
        newList = newList.WithArguments(SyntaxFactory.SeparatedList(
            newList.Arguments.Append(stateArgument),
            newList.Arguments.GetSeparators().Append(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space))));
        return document.WithSyntaxRoot(root.ReplaceNode(argumentList, newList));
    }

    private static SyntaxTrivia EndOfLine(SyntaxNode node) =>
        node.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
            ? eol
            : SyntaxFactory.EndOfLine("\n");

    private static ITypeSymbol TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        INamedTypeSymbol type => type,
        _ => throw new System.InvalidOperationException(),
    };

    private static ExpressionSyntax StateExpression(ISymbol capture) =>
        capture is INamedTypeSymbol ? SyntaxFactory.ThisExpression() : SyntaxFactory.IdentifierName(capture.Name);

    /// <summary>Replaces <c>this</c> with <paramref name="self"/> and qualifies implicit instance member uses with it.</summary>
    private static CSharpSyntaxNode RewriteThis(CSharpSyntaxNode body, string self, SemanticModel model, CancellationToken cancellationToken)
    {
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (SyntaxNode node in body.DescendantNodesAndSelf())
        {
            if (node is ThisExpressionSyntax)
            {
                replacements[node] = SyntaxFactory.IdentifierName(self).WithTriviaFrom(node);
            }
            else if (node is IdentifierNameSyntax identifier && IsImplicitInstanceMember(identifier, model, cancellationToken))
            {
                replacements[node] = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression,
                    SyntaxFactory.IdentifierName(self), identifier.WithoutTrivia()).WithTriviaFrom(identifier);
            }
        }
        return body.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
    }

    private static bool IsImplicitInstanceMember(IdentifierNameSyntax identifier, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (identifier.Parent)
        {
            case MemberAccessExpressionSyntax access when access.Name == identifier:
            case MemberBindingExpressionSyntax:
            case NameColonSyntax:
            case NameEqualsSyntax:
            case AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment when assignment.Left == identifier:
                return false;
        }
        ISymbol? symbol = model.GetSymbolInfo(identifier, cancellationToken).Symbol
            ?? model.GetSymbolInfo(identifier, cancellationToken).CandidateSymbols.FirstOrDefault();
        return symbol is IFieldSymbol or IPropertySymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary } or IEventSymbol
            && !symbol.IsStatic && symbol.ContainingType is not null;
    }
}
