using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AsyncioGen.Analyzers.Tests.Harness;

/// <summary>An expected diagnostic: its id (null = the analyzer's only id) and its span in the clean source.</summary>
public sealed record ExpectedSpan(string? Id, TextSpan Span);

/// <summary>
/// Test markup: <c>[|code|]</c> marks where the rule under test must report; <c>{|AIO001:code|}</c>
/// names the id. Markup is removed to give the source that is compiled.
/// </summary>
public static class Markup
{
    public static (string Source, IReadOnlyList<ExpectedSpan> Spans) Parse(string markup)
    {
        var source = new StringBuilder(markup.Length);
        var spans = new List<ExpectedSpan>();
        var open = new Stack<(string? Id, int Start)>();
        for (int i = 0; i < markup.Length; i++)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, source.Length));
                i++;
            }
            else if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                int colon = markup.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new FormatException("'{|' without an id and ':' at offset " + i);
                }
                open.Push((markup.Substring(i + 2, colon - i - 2), source.Length));
                i = colon;
            }
            else if (Starts(markup, i, "|]") || Starts(markup, i, "|}"))
            {
                if (open.Count == 0)
                {
                    throw new FormatException("Unbalanced span end at offset " + i);
                }
                (string? id, int start) = open.Pop();
                spans.Add(new ExpectedSpan(id, TextSpan.FromBounds(start, source.Length)));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }
        if (open.Count != 0)
        {
            throw new FormatException("Unclosed span in markup");
        }
        spans.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return (source.ToString(), spans);
    }

    private static bool Starts(string text, int index, string token) =>
        string.CompareOrdinal(text, index, token, 0, token.Length) == 0;
}
