using System;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.Analyzers.Family;

/// <summary>
/// The one definition of how an analyzer callback's exception is handled: a bug (anything but the
/// cancellation the host asked for) becomes an AIO099 diagnostic at the code being analyzed, so the
/// user sees where and which rule failed, and the host never reports AD0001. <see cref="RuleStart"/>
/// applies it to every rule of the family; the [Future] validation analyzer, which keeps its own shape
/// because it shares its code with the generator, applies it directly.
/// </summary>
internal static class AnalyzerGuard
{
    /// <summary>True unless <paramref name="exception"/> is the cancellation the host requested.</summary>
    public static bool IsBug(Exception exception, System.Threading.CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>Where a failure on <paramref name="symbol"/> is reported: its first declaration.</summary>
    public static Location LocationOf(ISymbol symbol) =>
        symbol.Locations.IsDefaultOrEmpty ? Location.None : symbol.Locations[0];

    /// <summary>The AIO099 diagnostic for <paramref name="rule"/> failing at <paramref name="location"/>.</summary>
    public static Diagnostic InternalError(string rule, Location location, Exception exception) =>
        Diagnostic.Create(DiagnosticDescriptors.AIO099, location, rule, exception.GetType().Name, FirstLine(exception.Message));

    private static string FirstLine(string message)
    {
        int end = message.IndexOfAny(new[] { '\r', '\n' });
        return end < 0 ? message : message.Substring(0, end);
    }
}
