using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO003: <c>new Future&lt;T&gt;(...)</c> / <c>new Future(...)</c> (the runtime's own types, not user
/// subclasses) where <c>loop.CreateFuture&lt;T&gt;()</c> is meant. Quiet inside types derived from
/// EventLoop (a loop's factory is where futures are constructed).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UseCreateFutureAnalyzer : AsyncioAnalyzer
{
    /// <summary>Diagnostic property: the loop argument's syntax is the first additional location when present.</summary>
    public const string HasLoopProperty = "HasLoop";

    public UseCreateFutureAnalyzer()
        : base(DiagnosticDescriptors.AIO003)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(c => Analyze(c, symbols), OperationKind.ObjectCreation);
    }

    private static void Analyze(OperationAnalysisContext context, AsyncioSymbols symbols)
    {
        if (context.Operation is not IObjectCreationOperation creation || creation.Type is not INamedTypeSymbol type || type.TypeKind == TypeKind.Error)
        {
            return;
        }
        bool generic = TypeHierarchy.IsType(type, symbols.FutureOfT);
        if (!generic && !TypeHierarchy.IsType(type, symbols.Future))
        {
            return;
        }
        if (TypeHierarchy.DerivesFrom(context.ContainingSymbol?.ContainingType, symbols.EventLoop))
        {
            return;
        }
        IOperation? loopArgument = creation.Arguments
            .FirstOrDefault(a => a.ArgumentKind == ArgumentKind.Explicit && a.Value is not null)?.Value;
        if (loopArgument is IConversionOperation { IsImplicit: true } conversion)
        {
            loopArgument = conversion.Operand;
        }
        SyntaxNode? loopSyntax = loopArgument is not null && loopArgument.Syntax is not null
            && !(loopArgument.ConstantValue.HasValue && loopArgument.ConstantValue.Value is null)
            && loopArgument is not IDefaultValueOperation
            ? loopArgument.Syntax
            : null;
        bool hasLoop = loopSyntax is not null;
        string loopText = loopSyntax is null ? "Asyncio.GetRunningLoop()" : loopSyntax.ToString();
        if (loopText.Length > 40)
        {
            loopText = "loop";
        }
        string typeArgument = generic ? "<" + type.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + ">" : "";
        var properties = ImmutableDictionary<string, string?>.Empty.Add(HasLoopProperty, hasLoop ? "true" : "false");
        var additional = loopSyntax is not null ? new[] { loopSyntax.GetLocation() } : Enumerable.Empty<Location>();
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO003, creation.Syntax.GetLocation(), additional, properties,
            loopText, typeArgument, type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
    }
}
