using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncioGen.Analyzers.Tests.Harness;

/// <summary>
/// The Microsoft.CodeAnalysis.Testing verifier in its usual shape, set up for AsyncioGen (runtime reference,
/// global usings, nullable on). <c>[|code|]</c> expects the rule's own id; AIO099 (a rule's internal error)
/// and AD0001 are never expected, so either fails the test, as does a compiler error in the source.
/// </summary>
public static class CSharpAnalyzerVerifier<TAnalyzer> where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>An expected diagnostic of the rule's own id.</summary>
    public static DiagnosticResult Diagnostic() => new(AsyncioTestSetup.SingleRule(new[] { new TAnalyzer() })
        ?? throw new System.InvalidOperationException(typeof(TAnalyzer).Name + " reports several ids: name one"));

    public static DiagnosticResult Diagnostic(string diagnosticId) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(diagnosticId);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(descriptor);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test() => AsyncioTestSetup.Configure(this);

        protected override DiagnosticDescriptor? GetDefaultDiagnostic(DiagnosticAnalyzer[] analyzers) => AsyncioTestSetup.SingleRule(analyzers);

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            AsyncioTestSetup.AddGlobalUsings(TestState);
            return base.RunImplAsync(cancellationToken);
        }
    }
}
