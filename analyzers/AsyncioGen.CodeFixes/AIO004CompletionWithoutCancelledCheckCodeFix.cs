using System.Composition;
using AsyncioGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncioGen.CodeFixes;

/// <summary>AIO004: wrap the completion in <c>if (!fut.IsCancelled)</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CompletionWithoutCancelledCheckCodeFix)), Shared]
public sealed class CompletionWithoutCancelledCheckCodeFix : GuardCompletionCodeFix
{
    public CompletionWithoutCancelledCheckCodeFix() : base(DiagnosticIds.CompletionWithoutCancelledCheck, "IsCancelled")
    {
    }
}
