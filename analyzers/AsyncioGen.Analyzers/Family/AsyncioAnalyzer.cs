using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Analyzers.Family;

/// <summary>
/// The base of every AsyncioGen rule. It does the prologue once for all of them: concurrent execution,
/// no generated code, the compilation-start action that resolves the shared <see cref="AsyncioSymbols"/>
/// and bails out (registering nothing) when the compilation does not reference AsyncioGen, and the
/// guarding of every callback the rule registers through <see cref="RuleStart"/>: an exception
/// becomes an AIO099 diagnostic on the code being analyzed, never AD0001.
/// </summary>
/// <remarks>
/// A rule derives, passes its descriptors to the constructor and overrides <see cref="Register"/>:
/// <code>
/// public sealed class MyAnalyzer : AsyncioAnalyzer
/// {
///     public MyAnalyzer() : base(DiagnosticDescriptors.AIO0NN) { }
///     private protected override void Register(RuleStart start) =>
///         start.RegisterOperationAction(c => ..., OperationKind.Invocation);
/// }
/// </code>
/// </remarks>
public abstract class AsyncioAnalyzer : DiagnosticAnalyzer
{
    private readonly ImmutableArray<DiagnosticDescriptor> _supported;

    protected AsyncioAnalyzer(params DiagnosticDescriptor[] rules)
    {
        Rules = ImmutableArray.Create(rules);
        _supported = Rules.Add(DiagnosticDescriptors.AIO099);
    }

    /// <summary>The rule's own descriptors (<see cref="SupportedDiagnostics"/> adds AIO099).</summary>
    public ImmutableArray<DiagnosticDescriptor> Rules { get; }

    /// <inheritdoc/>
    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => _supported;

    /// <inheritdoc/>
    public sealed override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            AsyncioSymbols? symbols = AsyncioSymbols.For(start.Compilation);
            if (symbols is null)
            {
                return;
            }
            Register(new RuleStart(start, symbols, GetType().Name));
        });
    }

    /// <summary>Registers the rule's actions; called once per compilation that references AsyncioGen.</summary>
    private protected abstract void Register(RuleStart start);
}
