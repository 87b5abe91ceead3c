using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.Analyzers.Tests;

/// <summary>docs/diagnostics/AIOnnn.md of the usage rules: the title of the descriptor and the fixed headings, in order.</summary>
public class UsageDiagnosticDocsTests
{
    public static TheoryData<string> Ids => new() { "AIO002", "AIO003", "AIO006", "AIO007", "AIO010", "AIO013", "AIO015", "AIO016", "AIO017", "AIO018", "AIO019", "AIO020", "AIO021", "AIO022" };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Doc_has_the_title_and_the_headings(string id)
    {
        string path = Path.Combine(RepositoryRoot(), "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(path), path + " is missing");
        DiagnosticDescriptor descriptor = (DiagnosticDescriptor)typeof(DiagnosticDescriptors).GetField(id)!.GetValue(null)!;
        bool inCode = false;
        string[] headings = File.ReadAllLines(path).Where(l =>
        {
            if (l.StartsWith("```", StringComparison.Ordinal))
            {
                inCode = !inCode;
            }
            return !inCode && l.StartsWith("#", StringComparison.Ordinal);
        }).ToArray();
        Assert.Equal(new[]
        {
            "# " + id + ": " + descriptor.Title,
            "## What it flags",
            "## Why",
            "## Example",
            "## How to fix",
            "## How to suppress or configure",
        }, headings);
        string text = File.ReadAllText(path);
        Assert.Contains("#pragma warning disable " + id, text);
        Assert.Contains("dotnet_diagnostic." + id + ".severity", text);
        Assert.EndsWith("docs/diagnostics/" + id + ".md", descriptor.HelpLinkUri);
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AsyncioGen.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("AsyncioGen.sln not found above " + AppContext.BaseDirectory);
    }
}
