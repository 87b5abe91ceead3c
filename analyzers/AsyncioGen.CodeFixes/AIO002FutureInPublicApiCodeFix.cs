using AsyncioGen.Analyzers.Family;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen.Analyzers;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncioGen.CodeFixes;

/// <summary>
/// AIO002 fixes: (1) for a method or get-only property with a body that returns a Future&lt;T&gt;
/// (or Future): return <c>FutureAwaitable&lt;T&gt;</c> and wrap every returned expression in
/// <c>new FutureAwaitable&lt;T&gt;(...)</c>; (2) make the member internal.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FutureInPublicApiCodeFix)), Shared]
public sealed class FutureInPublicApiCodeFix : SyntaxCodeFix
{
    public const string AwaitableKey = "AIO002.ReturnFutureAwaitable";
    public const string MakeInternalKey = "AIO002.MakeInternal";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.FutureInPublicApi);

    protected override void RegisterFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        MemberDeclarationSyntax? member = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().FirstOrDefault();
        if (member is null || member.Parent is InterfaceDeclarationSyntax)
        {
            return;
        }
        diagnostic.Properties.TryGetValue(FutureInPublicApiAnalyzer.KindProperty, out string? kind);
        ISymbol? declared = member is BaseFieldDeclarationSyntax { Declaration.Variables.Count: > 0 } field
            ? model.GetDeclaredSymbol(field.Declaration.Variables[0], context.CancellationToken)
            : model.GetDeclaredSymbol(member, context.CancellationToken);
        if (kind == "Return" && node is TypeSyntax typeSyntax && CanReturnAwaitable(member, typeSyntax)
            && AwaitableType(model.GetTypeInfo(typeSyntax, context.CancellationToken).Type, model.Compilation) is { } awaitable
            && declared is not null && OnlyAwaitedInProject(declared, model.Compilation, context.CancellationToken))
        {
            context.RegisterCodeFix(CodeAction.Create(
                "Return " + awaitable.ToMinimalDisplayString(model, typeSyntax.SpanStart),
                ct => ReturnAwaitableAsync(context.Document, member, typeSyntax, awaitable, ct),
                AwaitableKey), diagnostic);
        }
        if (AccessibilityModifiers(member).Any() && declared is not null && AccessibilityIsFree(declared, model.Compilation, context.CancellationToken))
        {
            context.RegisterCodeFix(CodeAction.Create(
                "Make the member internal",
                ct => MakeInternalAsync(context.Document, member, ct),
                MakeInternalKey), diagnostic);
        }
    }

    /// <summary>
    /// Whether the member's accessibility can change alone: not for overrides, nor for virtual or abstract
    /// members that something in the project overrides (each override would disagree, CS0507), nor for
    /// implementations of an interface member (CS0737).
    /// </summary>
    private static bool AccessibilityIsFree(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
    {
        if (member.IsOverride)
        {
            return false;
        }
        if (member.IsVirtual || member.IsAbstract)
        {
            foreach (ISymbol candidate in compilation.GetSymbolsWithName(member.Name, SymbolFilter.Member, cancellationToken))
            {
                ISymbol? overridden = candidate switch
                {
                    IMethodSymbol method => method.OverriddenMethod,
                    IPropertySymbol property => property.OverriddenProperty,
                    IEventSymbol @event => @event.OverriddenEvent,
                    _ => null,
                };
                for (; overridden is not null; overridden = overridden switch
                {
                    IMethodSymbol method => method.OverriddenMethod,
                    IPropertySymbol property => property.OverriddenProperty,
                    IEventSymbol @event => @event.OverriddenEvent,
                    _ => null,
                })
                {
                    if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, member))
                    {
                        return false;
                    }
                }
            }
        }
        foreach (INamedTypeSymbol @interface in member.ContainingType.AllInterfaces)
        {
            foreach (ISymbol candidate in @interface.GetMembers(member.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(member.ContainingType.FindImplementationForInterfaceMember(candidate), member))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Whether every use of the member in this project awaits it at once: a caller that stores or passes
    /// the result as a Future would stop compiling when the member returns FutureAwaitable.
    /// </summary>
    private static bool OnlyAwaitedInProject(ISymbol member, Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (SyntaxToken token in tree.GetRoot(cancellationToken).DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.IdentifierToken) || token.ValueText != member.Name || token.Parent is not SimpleNameSyntax name)
                {
                    continue;
                }
                model ??= compilation.GetSemanticModel(tree);
                if (!SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, member))
                {
                    continue;
                }
                ExpressionSyntax use = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
                if (use.Parent is InvocationExpressionSyntax invocation && invocation.Expression == use)
                {
                    use = invocation;
                }
                while (use.Parent is ParenthesizedExpressionSyntax parenthesized)
                {
                    use = parenthesized;
                }
                if (use.Parent is not AwaitExpressionSyntax)
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static INamedTypeSymbol? AwaitableType(ITypeSymbol? type, Compilation compilation)
    {
        AsyncioSymbols? symbols = AsyncioSymbols.For(compilation);
        if (symbols is null || !symbols.IsPlainFuture(type))
        {
            return null;
        }
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (TypeHierarchy.IsType(current, symbols.FutureOfT) && current is INamedTypeSymbol generic)
            {
                return compilation.GetTypeByMetadataName("AsyncioGen.FutureAwaitable`1")?.Construct(generic.TypeArguments[0]);
            }
        }
        return compilation.GetTypeByMetadataName("AsyncioGen.FutureAwaitable");
    }

    private static bool CanReturnAwaitable(MemberDeclarationSyntax member, TypeSyntax type) => member switch
    {
        MethodDeclarationSyntax method => method.ReturnType == type && (method.Body is not null || method.ExpressionBody is not null)
            && !method.Modifiers.Any(m => m.IsKind(SyntaxKind.AbstractKeyword) || m.IsKind(SyntaxKind.VirtualKeyword) || m.IsKind(SyntaxKind.OverrideKeyword)
                || m.IsKind(SyntaxKind.AsyncKeyword) || m.IsKind(SyntaxKind.PartialKeyword) || m.IsKind(SyntaxKind.ExternKeyword)),
        PropertyDeclarationSyntax property => property.Type == type
            && !property.Modifiers.Any(m => m.IsKind(SyntaxKind.AbstractKeyword) || m.IsKind(SyntaxKind.VirtualKeyword) || m.IsKind(SyntaxKind.OverrideKeyword))
            && (property.ExpressionBody is not null
                || property.AccessorList is { Accessors: { Count: 1 } accessors } && accessors[0].IsKind(SyntaxKind.GetAccessorDeclaration)
                   && (accessors[0].Body is not null || accessors[0].ExpressionBody is not null)),
        _ => false,
    };

    private static async Task<Document> ReturnAwaitableAsync(Document document, MemberDeclarationSyntax member, TypeSyntax type, INamedTypeSymbol awaitable, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        TypeSyntax newType = SyntaxFactory.ParseTypeName(awaitable.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .WithTriviaFrom(type)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        var returned = member.DescendantNodes(n => n == member || n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
            .Where(n => n is ReturnStatementSyntax { Expression: not null } || n is ArrowExpressionClauseSyntax)
            .Select(n => n is ReturnStatementSyntax r ? r.Expression! : ((ArrowExpressionClauseSyntax)n).Expression)
            .ToList();
        MemberDeclarationSyntax updated = member.ReplaceNodes(returned.Cast<SyntaxNode>().Append(type), (original, rewritten) =>
        {
            if (original == type)
            {
                return newType;
            }
            var expression = (ExpressionSyntax)rewritten;
            return SyntaxFactory.ObjectCreationExpression(
                    SyntaxFactory.ParseTypeName(awaitable.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithAdditionalAnnotations(Simplifier.Annotation),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(expression.WithoutTrivia()))),
                    null)
                .WithNewKeyword(SyntaxFactory.Token(SyntaxKind.NewKeyword).WithTrailingTrivia(SyntaxFactory.Space))
                .WithTriviaFrom(expression);
        });
        return document.WithSyntaxRoot(root.ReplaceNode(member, updated));
    }

    private static SyntaxTokenList Modifiers(MemberDeclarationSyntax member) => member.Modifiers;

    private static System.Collections.Generic.IEnumerable<SyntaxToken> AccessibilityModifiers(MemberDeclarationSyntax member) =>
        Modifiers(member).Where(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword) || m.IsKind(SyntaxKind.InternalKeyword) || m.IsKind(SyntaxKind.PrivateKeyword));

    private static async Task<Document> MakeInternalAsync(Document document, MemberDeclarationSyntax member, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        SyntaxTokenList modifiers = member.Modifiers;
        SyntaxToken first = AccessibilityModifiers(member).First();
        int index = modifiers.IndexOf(first);
        var kept = modifiers.Where(m => !AccessibilityModifiers(member).Contains(m)).ToList();
        SyntaxToken @internal = SyntaxFactory.Token(SyntaxKind.InternalKeyword).WithLeadingTrivia(first.LeadingTrivia).WithTrailingTrivia(SyntaxFactory.Space);
        int accessibilityBefore = modifiers.Take(index).Count(m => AccessibilityModifiers(member).Contains(m));
        kept.Insert(index - accessibilityBefore, @internal);
        MemberDeclarationSyntax updated = member.WithModifiers(SyntaxFactory.TokenList(kept));
        return document.WithSyntaxRoot(root.ReplaceNode(member, updated));
    }
}
