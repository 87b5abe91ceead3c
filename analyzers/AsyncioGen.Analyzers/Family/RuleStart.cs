using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncioGen.Analyzers.Family;

/// <summary>
/// What a rule gets at compilation start: the compilation, the shared <see cref="AsyncioSymbols"/>, and
/// registration methods that guard every callback (an exception is reported as AIO099 at the code
/// that triggered it, and the other rules go on).
/// </summary>
internal sealed class RuleStart
{
    private readonly CompilationStartAnalysisContext _context;
    private readonly string _rule;

#pragma warning disable RS1012 // The start context is kept: the Register* methods below register on it.
    public RuleStart(CompilationStartAnalysisContext context, AsyncioSymbols symbols, string rule)
#pragma warning restore RS1012
    {
        _context = context;
        Symbols = symbols;
        _rule = rule;
    }

    public Compilation Compilation => _context.Compilation;

    public AsyncioSymbols Symbols { get; }

    public AnalyzerOptions Options => _context.Options;

    public void RegisterOperationAction(Action<OperationAnalysisContext> action, params OperationKind[] kinds) =>
        _context.RegisterOperationAction(c =>
        {
            try
            {
                action(c);
            }
            catch (Exception e) when (IsBug(e, c.CancellationToken))
            {
                c.ReportDiagnostic(InternalError(c.Operation.Syntax.GetLocation(), e));
            }
        }, ImmutableArray.Create(kinds));

    public void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) =>
        _context.RegisterOperationBlockAction(c =>
        {
            try
            {
                action(c);
            }
            catch (Exception e) when (IsBug(e, c.CancellationToken))
            {
                c.ReportDiagnostic(InternalError(LocationOf(c.OwningSymbol), e));
            }
        });

    public void RegisterSyntaxNodeAction(Action<SyntaxNodeAnalysisContext> action, params SyntaxKind[] kinds) =>
        _context.RegisterSyntaxNodeAction(c =>
        {
            try
            {
                action(c);
            }
            catch (Exception e) when (IsBug(e, c.CancellationToken))
            {
                c.ReportDiagnostic(InternalError(c.Node.GetLocation(), e));
            }
        }, ImmutableArray.Create(kinds));

    public void RegisterSymbolAction(Action<SymbolAnalysisContext> action, params SymbolKind[] kinds) =>
        _context.RegisterSymbolAction(c =>
        {
            try
            {
                action(c);
            }
            catch (Exception e) when (IsBug(e, c.CancellationToken))
            {
                c.ReportDiagnostic(InternalError(LocationOf(c.Symbol), e));
            }
        }, ImmutableArray.Create(kinds));

    private static bool IsBug(Exception exception, System.Threading.CancellationToken cancellationToken) =>
        AnalyzerGuard.IsBug(exception, cancellationToken);

    private static Location LocationOf(ISymbol symbol) => AnalyzerGuard.LocationOf(symbol);

    private Diagnostic InternalError(Location location, Exception exception) => AnalyzerGuard.InternalError(_rule, location, exception);
}
