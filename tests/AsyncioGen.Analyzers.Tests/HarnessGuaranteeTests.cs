using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AsyncioGen.Analyzers.Family;
using AsyncioGen.Analyzers.Rules;
using AsyncioGen.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Tests;

/// <summary>
/// What the harness promises on top of Microsoft.CodeAnalysis.Testing, each shown failing a test that breaks it:
/// test sources compile, no AD0001, no AIO099, fixed code compiles, messages are compared.
/// </summary>
public class HarnessGuaranteeTests
{
    private const string NullFuture = "class C { Future<int> M() => [|null!|]; }";

    [Fact]
    public async Task A_test_source_with_a_compiler_error_fails()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            AnalyzerVerifier<NullFutureReturnedAnalyzer>.VerifyAsync("class C { Future<int> M() => [|null!|]; int N() => undefined; }"));
        Assert.Contains("CS0103", failure.Message);
    }

    [Fact]
    public async Task An_analyzer_exception_AD0001_fails()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AnalyzerVerifier<ThrowingAnalyzer>.VerifyAsync("class C { void M() { } }"));
        Assert.Contains("AD0001", failure.Message);
    }

    [Fact]
    public async Task A_rule_internal_error_AIO099_fails()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => AnalyzerVerifier<GuardedThrowingRule>.VerifyAsync("class C { void M() { M(); } }"));
        Assert.Contains("AIO099", failure.Message);
    }

    [Fact]
    public async Task A_wrong_message_fails() =>
        await Assert.ThrowsAnyAsync<Exception>(() => AnalyzerVerifier<NullFutureReturnedAnalyzer>.VerifyAsync(NullFuture, "not the message"));

    [Fact]
    public async Task A_missing_or_extra_diagnostic_fails()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => AnalyzerVerifier<NullFutureReturnedAnalyzer>.VerifyAsync("class C { Future<int> M() => null!; }"));
        await Assert.ThrowsAnyAsync<Exception>(() => AnalyzerVerifier<NullFutureReturnedAnalyzer>.VerifyAsync("class C { [|Future<int> M() => null!;|] }"));
    }

    [Fact]
    public async Task A_fix_whose_result_does_not_compile_fails_even_when_the_text_matches()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            CodeFixVerifier<NullFutureReturnedAnalyzer, BrokenFix>.VerifyFixAsync(NullFuture, "class C { Future<int> M() => oops; }"));
        Assert.Contains("CS0103", failure.Message);
    }

    [Fact]
    public Task The_standard_verifier_shape_works_with_Diagnostic_expectations() =>
        CSharpAnalyzerVerifier<NullFutureReturnedAnalyzer>.VerifyAnalyzerAsync(
            "class C { Future<int> M() => {|#0:null!|}; }",
            CSharpAnalyzerVerifier<NullFutureReturnedAnalyzer>.Diagnostic().WithLocation(0).WithArguments("M", "future"));

#pragma warning disable RS1001, RS1036, RS2008, RS1016 // test-only analyzers and fix, never shipped
    private sealed class ThrowingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST001", "t", "t", "t", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSyntaxNodeAction(_ => throw new InvalidOperationException("boom"), SyntaxKind.MethodDeclaration);
        }
    }

    /// <summary>A rule of the family that throws: the base class turns it into AIO099.</summary>
    private sealed class GuardedThrowingRule : AsyncioAnalyzer
    {
        public GuardedThrowingRule()
            : base(DiagnosticDescriptors.AIO022)
        {
        }

        private protected override void Register(RuleStart start) =>
            start.RegisterOperationAction(_ => throw new InvalidOperationException("boom"), OperationKind.Invocation);
    }

    /// <summary>Replaces the null with an undeclared name: the text is as "expected", the code does not compile.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp)]
    [Shared]
    private sealed class BrokenFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("AIO022");

        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken))!;
            SyntaxNode node = root.FindNode(context.Span, getInnermostNodeForTie: true);
            context.RegisterCodeFix(
                CodeAction.Create("break it", _ => Task.FromResult(context.Document.WithSyntaxRoot(
                    root.ReplaceNode(node, SyntaxFactory.IdentifierName("oops").WithTriviaFrom(node)))), "break"),
                context.Diagnostics);
        }
    }
#pragma warning restore RS1001, RS1036, RS2008, RS1016
}
