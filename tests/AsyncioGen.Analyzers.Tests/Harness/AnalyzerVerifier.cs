using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace AsyncioGen.Analyzers.Tests.Harness;

/// <summary>
/// The project's original test entry point, kept so the existing tests read as before, now run by
/// Microsoft.CodeAnalysis.Testing (<see cref="CSharpAnalyzerVerifier{TAnalyzer}"/>): the rule must report at
/// each marked span and nowhere else. The packages also fail the test on a compiler error in the source, on
/// AD0001 and on AIO099, and check that the rule is quiet in generated code and obeys <c>#pragma warning disable</c>.
/// </summary>
public static class AnalyzerVerifier<TAnalyzer> where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>The rule must report at each marked span and nowhere else; messages, if given, in span order.</summary>
    public static Task VerifyAsync(string markup, params string[] expectedMessages)
    {
        (string source, IReadOnlyList<ExpectedSpan> spans) = Markup.Parse(markup);
        var test = new CSharpAnalyzerVerifier<TAnalyzer>.Test { TestCode = source };
        test.TestState.MarkupHandling = MarkupMode.None;
        test.ExpectedDiagnostics.AddRange(ExpectedResults(source, spans, expectedMessages));
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// The marked spans as the packages' expectations, located in <see cref="AsyncioTestSetup.SourcePath"/>.
    /// Markup is parsed here rather than by the packages so that messages can be attached in span order and
    /// so that test code containing '$$' or '[|' as C# stays literal.
    /// </summary>
    internal static DiagnosticResult[] ExpectedResults(string source, IReadOnlyList<ExpectedSpan> spans, IReadOnlyList<string> messages)
    {
        var analyzer = new TAnalyzer();
        DiagnosticDescriptor? single = AsyncioTestSetup.SingleRule(new DiagnosticAnalyzer[] { analyzer });
        SourceText text = SourceText.From(source);
        var results = new DiagnosticResult[spans.Count];
        for (int i = 0; i < spans.Count; i++)
        {
            ExpectedSpan span = spans[i];
            DiagnosticDescriptor descriptor = span.Id is null
                ? single ?? throw new InvalidOperationException("The analyzer has several ids: name them with {|ID:...|}.")
                : analyzer.SupportedDiagnostics.FirstOrDefault(d => d.Id == span.Id)
                    ?? throw new InvalidOperationException($"{typeof(TAnalyzer).Name} does not report {span.Id}.");
            LinePositionSpan lines = text.Lines.GetLinePositionSpan(span.Span);
            // Id, severity and primary span, as the markup says (a result made from the descriptor would compare
            // the unformatted message); additional locations (a fix's hints) are not part of the markup.
            DiagnosticResult result = new DiagnosticResult(descriptor.Id, descriptor.DefaultSeverity)
                .WithSpan(AsyncioTestSetup.SourcePath, lines.Start.Line + 1, lines.Start.Character + 1, lines.End.Line + 1, lines.End.Character + 1)
                .WithOptions(DiagnosticOptions.IgnoreAdditionalLocations);
            results[i] = i < messages.Count ? result.WithMessage(messages[i]) : result;
        }
        return results;
    }

    /// <summary>The analyzer's diagnostics for <paramref name="source"/> (no markup), straight from Roslyn.</summary>
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

    /// <summary>
    /// Runs analyzers on a compilation built by hand (direct Roslyn, for the robustness, scaling and family tests
    /// that need what the packages do not expose); fails on AD0001 and AIO099 the same way.
    /// </summary>
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
