using System.Composition;
using AsyncioGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncioGen.CodeFixes;

/// <summary>AIO001: guard the second completion with <c>if (!fut.IsDone)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FutureCompletedTwiceCodeFix)), Shared]
public sealed class FutureCompletedTwiceCodeFix : GuardCompletionCodeFix
{
    public FutureCompletedTwiceCodeFix() : base(DiagnosticIds.FutureCompletedTwice, "IsDone")
    {
    }
}
