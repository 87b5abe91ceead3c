using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Analyzers.Tests.Harness;

/// <summary>
/// Runs one analyzer over marked-up source and checks that it reports exactly the marked spans
/// (and, optionally, the exact messages). Fails on compiler errors in the test source and on any
/// analyzer exception (AD0001).
/// </summary>
public static class AnalyzerVerifier<TAnalyzer> where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The rule must report at each marked span and nowhere else; messages, if given, in span order.</summary>
    public static async Task VerifyAsync(string markup, params string[] expectedMessages)
    {
        (string source, IReadOnlyList<ExpectedSpan> expected) = Markup.Parse(markup);
        ImmutableArray<Diagnostic> actual = await GetDiagnosticsAsync(source);
        var analyzer = new TAnalyzer();
        // AIO099 (a rule's internal error) is supported by every rule but never expected.
        var ruleIds = analyzer.SupportedDiagnostics.Where(d => d.Id != "AIO099").ToArray();
        string? onlyId = ruleIds.Length == 1 ? ruleIds[0].Id : null;

        string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join(Environment.NewLine, diagnostics.Select(d =>
            $"  {d.Id} at {d.Location.SourceSpan} '{source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)}': {d.GetMessage()}"));

        var ordered = actual.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
        if (ordered.Length != expected.Count)
        {
            throw new Xunit.Sdk.XunitException(
                $"Expected {expected.Count} diagnostic(s), got {ordered.Length}:{Environment.NewLine}{Describe(ordered)}");
        }
        for (int i = 0; i < expected.Count; i++)
        {
            Diagnostic diagnostic = ordered[i];
            ExpectedSpan span = expected[i];
            string expectedId = span.Id ?? onlyId ?? throw new InvalidOperationException("The analyzer has several ids: name them with {|ID:...|}.");
            Assert.True(diagnostic.Id == expectedId && diagnostic.Location.SourceSpan == span.Span,
                $"Diagnostic {i}: expected {expectedId} at {span.Span} '{source.Substring(span.Span.Start, span.Span.Length)}', got:{Environment.NewLine}{Describe(new[] { diagnostic })}");
            if (i < expectedMessages.Length)
            {
                Assert.Equal(expectedMessages[i], diagnostic.GetMessage());
            }
        }
    }

    /// <summary>The analyzer's diagnostics for <paramref name="source"/> (no markup).</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(string source, bool allowCompilerErrors = false)
    {
        var compilation = TestCompilation.Create(source);
        if (!allowCompilerErrors)
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0)
            {
                throw new Xunit.Sdk.XunitException("The test source does not compile:" + Environment.NewLine
                    + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
            }
        }
        return await RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer()));
    }

    internal static async Task<ImmutableArray<Diagnostic>> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, diagnostic) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        ImmutableArray<Diagnostic> all = await withAnalyzers.GetAllDiagnosticsAsync();
        // AD0001 (an unguarded exception) and AIO099 (an exception the rule base class caught) are both bugs.
        var ad0001 = all.Where(d => d.Id is "AD0001" or "AIO099").ToArray();
        if (exceptions.Count > 0 || ad0001.Length > 0)
        {
            throw new Xunit.Sdk.XunitException("Analyzer threw:" + Environment.NewLine
                + string.Join(Environment.NewLine, exceptions.Concat(ad0001.Select(d => d.ToString()))));
        }
        var ids = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        return all.Where(d => ids.Contains(d.Id)).ToImmutableArray();
    }
}
