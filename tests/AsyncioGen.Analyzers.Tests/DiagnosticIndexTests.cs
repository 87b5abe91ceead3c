using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AsyncioGen.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AsyncioGen.Analyzers.Tests;

/// <summary>docs/diagnostics/README.md must list exactly what ships: ids, titles, categories, severities, fixes, pages.</summary>
public class DiagnosticIndexTests
{
    private static string DocsFolder([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "docs", "diagnostics"));

    private static readonly Regex Row = new(@"^\| \[(AIO\d{3})\]\((AIO\d{3})\.md\) \| (.+?) \| (\S+) \| (warning|error|info \(suggestion\)) \| (yes|no) \|$");

    [Fact]
    public void Index_matches_the_shipped_descriptors_and_code_fixes()
    {
        Dictionary<string, string[]> rows = File.ReadAllLines(Path.Combine(DocsFolder(), "README.md"))
            .Select(line => Row.Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => match.Groups[1].Value, match => match.Groups.Cast<Group>().Skip(2).Select(g => g.Value).ToArray());

        DiagnosticDescriptor[] descriptors = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            .ToArray();
        HashSet<string> fixable = typeof(AsyncioGen.CodeFixes.FutureCompletedTwiceCodeFix).Assembly.GetTypes()
            .Where(type => typeof(CodeFixProvider).IsAssignableFrom(type) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)
            .SelectMany(type => ((CodeFixProvider)Activator.CreateInstance(type)!).FixableDiagnosticIds)
            .ToHashSet();

        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            Assert.True(rows.TryGetValue(descriptor.Id, out string[]? row), descriptor.Id + " is missing from docs/diagnostics/README.md");
            Assert.Equal(descriptor.Id, row![0]);
            Assert.Equal(descriptor.Title.ToString(), row[1]);
            Assert.Equal(descriptor.Category, row[2]);
            string severity = descriptor.DefaultSeverity switch
            {
                DiagnosticSeverity.Error => "error",
                DiagnosticSeverity.Warning => "warning",
                _ => "info (suggestion)",
            };
            Assert.Equal(severity, row[3]);
            Assert.Equal(fixable.Contains(descriptor.Id) ? "yes" : "no", row[4]);
            Assert.True(File.Exists(Path.Combine(DocsFolder(), descriptor.Id + ".md")), descriptor.Id + ".md is missing");
            Assert.EndsWith("docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
        }
        // The generator's own internal-error diagnostic is listed too; nothing else may be.
        Assert.Equal(descriptors.Select(d => d.Id).Append("AIO199").OrderBy(id => id), rows.Keys.OrderBy(id => id));
    }
}
