using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncioGen.Analyzers.Tests.Harness;

/// <summary>
/// The project's original code-fix entry points, kept so the existing tests read as before, now run by
/// Microsoft.CodeAnalysis.Testing (<see cref="CSharpCodeFixVerifier{TAnalyzer, TCodeFix}"/>): the marked
/// diagnostics are reported exactly; the fix turns the source into <c>expected</c>, which must have no
/// compiler error and no remaining diagnostic; Fix All in document, project and solution gives the same text.
/// </summary>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Fixes the marked diagnostics with the fix's first action (or the one with <paramref name="equivalenceKey"/>).</summary>
    public static Task VerifyFixAsync(string markup, string expected, string? equivalenceKey = null) =>
        Create(markup, expected, equivalenceKey).RunAsync(CancellationToken.None);

    /// <summary>The marked diagnostic is reported, but no fix (or none with <paramref name="equivalenceKey"/>) is offered: it would not compile there.</summary>
    public static Task VerifyNoFixAsync(string markup, string? equivalenceKey = null)
    {
        CSharpCodeFixVerifier<TAnalyzer, TCodeFix>.Test test = Create(markup, fixedSource: null, equivalenceKey);
        // The "fixed" state is the input with its diagnostics: the packages then require that no action applies.
        test.FixedState.InheritanceMode = StateInheritanceMode.AutoInheritAll;
        test.FixedState.Sources.Add(test.TestState.Sources[0]);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Fix All through the fix's FixAllProvider gives <paramref name="expected"/>. The packages run Fix All in
    /// every scope the provider supports (and fixing one at a time must reach the same text), so
    /// <paramref name="scope"/> only has to be among the supported ones.
    /// </summary>
    public static async Task VerifyFixAllAsync(string markup, string expected, FixAllScope scope = FixAllScope.Document, string? equivalenceKey = null)
    {
        FixAllProvider provider = new TCodeFix().GetFixAllProvider() ?? throw new Xunit.Sdk.XunitException("The fix has no FixAllProvider.");
        Assert.Contains(scope, provider.GetSupportedFixAllScopes());
        await Create(markup, expected, equivalenceKey).RunAsync(CancellationToken.None);
    }

    private static CSharpCodeFixVerifier<TAnalyzer, TCodeFix>.Test Create(string markup, string? fixedSource, string? equivalenceKey)
    {
        (string source, IReadOnlyList<ExpectedSpan> spans) = Markup.Parse(markup);
        var test = new CSharpCodeFixVerifier<TAnalyzer, TCodeFix>.Test
        {
            TestCode = source,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        if (fixedSource is not null)
        {
            test.FixedCode = fixedSource;
        }
        test.TestState.MarkupHandling = MarkupMode.None;
        test.FixedState.MarkupHandling = MarkupMode.None;
        test.BatchFixedState.MarkupHandling = MarkupMode.None;
        test.ExpectedDiagnostics.AddRange(AnalyzerVerifier<TAnalyzer>.ExpectedResults(source, spans, System.Array.Empty<string>()));
        return test;
    }
}
