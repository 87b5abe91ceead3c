using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncioGen.Generator.Tests.Fuzzing;

/// <summary>
/// Inputs for the fuzzing test, each a pure function of its index and the fixed seed (so a failure
/// reproduces from its index): grammar-generated [Future] declarations, and token mutants of the
/// snapshot sources.
/// </summary>
internal static class FuzzInputs
{
    public const int Seed = 20261205;

    private static readonly string[] s_seeds = typeof(SnapshotSources).GetFields()
        .Where(static f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(static f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static readonly string[] s_returnTypes =
    {
        "void", "void", "void", "void", "IDisposable", "int", "Handle", "Lease", "Span<int>", "IAsyncResult", "ref int", "string?", "(int, string)",
    };

    private static readonly string[] s_arguments =
    {
        "int x", "string name", "dynamic d", "in int i", "ref readonly int r", "ref int r2", "out int o", "Span<byte> buffer", "ReadOnlySpan<char> text",
        "CancellationToken token", "object? state", "object options", "params int[] values", "string label = \"a\"", "int count = 3", "double ratio = 0.5",
        "Mode mode = Mode.B", "int* p", "T value", "T[] items", "List<T> list", "Options options2", "Func<int, int> transform", "EventLoop loop",
        "int @event", "long __future", "byte[] data", "(int A, string B) pair", "decimal money = 1.5m", "char c = 'x'", "int? maybe = null",
    };

    private static readonly string[] s_callbacks =
    {
        "Action onDone", "Action<int> onDone", "Action<string> onDone", "Action<int, string> onDone", "Action<int, string, double> onDone",
        "Action<int, string, double, long> onDone", "Action<int, string, double, long, byte> onDone", "Action<Exception> onError", "Action<Exception?> onOutcome",
        "Action<int?, Exception?> onOutcome", "Action<string?, Exception?> onOutcome", "Action<Exception?, int> callback", "Action<int, string?, Exception?> onOutcome",
        "Action<Exception?, int, string> callback", "Action<int, object?> callback", "Action<object?> callback", "Action<int?, Exception?, object?> callback",
        "Func<int> onDone", "Done onDone", "TwoDone onDone", "SpanDone onDone", "RefDone onDone", "Action<T> onDone", "Action<T?, Exception?> onOutcome",
        "Action<dynamic> onDone", "Action<(int, string)> onDone", "AsyncCallback? callback", "Action<int>? onDone = null", "Action<IOException> onError",
        "ref Action<int> onDone", "Action<List<T>> onDone", "Action<int[]> onDone",
    };

    private static readonly string[] s_containers =
    {
        "internal partial class C", "public partial class C", "internal static partial class C", "internal partial struct C", "internal readonly partial struct C",
        "internal ref partial struct C", "internal partial record C", "internal partial record struct C", "internal partial interface IC", "internal class C",
        "internal partial class C<TOuter>", "file partial class C", "public abstract partial class C", "internal sealed partial class C : Component",
    };

    private static readonly string[] s_attributes =
    {
        "[Future]", "[Future]", "[Future]", "[Future(Name = \"Run\")]", "[Future(Name = \"1x\")]", "[Future(ResultType = \"Pair\")]", "[Future(ExplicitLoop = true)]",
        "[Future(Cancel = nameof(StopAsync))]", "[Future(Cancel = \"Nope\")]", "[Future(Name = \"C\")]", "[Future(ResultType = \"C\")]", "[Future(Name = \"OpAsync\", ExplicitLoop = true)]",
    };

    private static readonly string[] s_modifiers = { "internal", "public", "private", "protected", "internal static", "public static", "private protected", "internal abstract", "internal virtual" };

    private static readonly string[] s_insertions =
    {
        "int", "void", "static", "ref", "out", "in", "params", "(", ")", "{", "}", "<", ">", ",", ";", "=", "?", "[", "]", "Action<int>", "dynamic", "object?",
        "[Future]", "partial", "async", "readonly", "scoped", "this", "new()", "where T : class", "Exception?", "IAsyncResult", "AsyncCallback?", "namespace X;",
    };

    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.IO;
        using System.Threading;
        using AsyncioGen;

        public enum Mode { A, B }
        public sealed class Options { }
        public sealed class Handle { }
        public sealed class Lease : IDisposable { public void Dispose() { } }
        public delegate void Done(int value);
        public delegate void TwoDone(int bytes, string text);
        public delegate void SpanDone(ReadOnlySpan<byte> data);
        public delegate void RefDone(ref int value);

        """;

    /// <summary>The input with this index: even indices from the grammar, odd ones mutate a seed source.</summary>
    public static string Create(int index)
    {
        var random = new Random(Seed + index * 7919);
        return index % 2 == 0 ? Grammar(random) : Mutant(random);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Grammar(Random random)
    {
        var text = new StringBuilder(Prelude);
        string container = Pick(random, s_containers);
        bool generic = random.Next(4) == 0;
        text.Append(container).Append('\n').Append("{\n");
        int methods = 1 + random.Next(3);
        for (int m = 0; m < methods; m++)
        {
            text.Append("    ").Append(Pick(random, s_attributes)).Append('\n');
            string returnType = Pick(random, s_returnTypes);
            string name = random.Next(5) switch
            {
                0 => "BeginOp",
                1 => "OpAsync",
                2 => "Op" + m,
                3 => "Op",
                _ => "Read",
            };
            string typeParameters = generic ? "<T>" : random.Next(8) == 0 ? "<T>" : "";
            bool hasT = typeParameters.Length > 0;
            string PickWithoutStrayT(IReadOnlyList<string> items)
            {
                string item;
                do
                {
                    item = Pick(random, items);
                }
                while (!hasT && (item.StartsWith("T ", StringComparison.Ordinal) || item.Contains("<T", StringComparison.Ordinal) || item.Contains("T[]", StringComparison.Ordinal) || item.Contains("T?", StringComparison.Ordinal)));
                return item;
            }
            var parameters = new List<string>();
            int arguments = random.Next(4);
            for (int i = 0; i < arguments; i++)
            {
                parameters.Add(PickWithoutStrayT(s_arguments));
            }
            int callbacks = random.Next(4) == 0 ? 2 : random.Next(6) == 0 ? 0 : 1;
            for (int i = 0; i < callbacks; i++)
            {
                parameters.Insert(random.Next(parameters.Count + 1), PickWithoutStrayT(s_callbacks));
            }
            if (random.Next(5) == 0)
            {
                parameters.Add("object? userState");
            }
            // Required parameters first, then optional ones, then params (CS1737, CS0231); unique names.
            parameters = parameters.OrderBy(static p => p.StartsWith("params ", StringComparison.Ordinal) ? 2 : p.Contains(" = ", StringComparison.Ordinal) ? 1 : 0).ToList();
            var seen = new HashSet<string>();
            parameters = parameters.Select(p => Rename(p, seen)).ToList();
            string constraint = typeParameters.Length > 0 ? random.Next(4) switch { 0 => " where T : class", 1 => " where T : struct", 2 => " where T : notnull, new()", _ => "" } : "";
            string modifiers = Pick(random, s_modifiers);
            if (modifiers.Contains("abstract", StringComparison.Ordinal) && !container.Contains("abstract", StringComparison.Ordinal))
            {
                modifiers = "internal";
            }
            if (container.Contains("static", StringComparison.Ordinal) && !modifiers.Contains("static", StringComparison.Ordinal))
            {
                modifiers = "internal static";
            }
            if (parameters.Any(static p => p.Contains('*', StringComparison.Ordinal)))
            {
                modifiers += " unsafe";
            }
            string body = returnType == "void" ? " { }" : returnType.StartsWith("ref ", StringComparison.Ordinal) ? " => throw null!;" : " => default!;";
            if (parameters.Any(static p => p.StartsWith("out ", StringComparison.Ordinal)))
            {
                body = " => throw null!;";
            }
            if (modifiers.Contains("abstract", StringComparison.Ordinal))
            {
                body = ";";
            }
            text.Append("    ").Append(modifiers).Append(' ').Append(returnType).Append(' ').Append(name).Append(typeParameters)
                .Append('(').Append(string.Join(", ", parameters)).Append(')').Append(constraint).Append(body).Append('\n');
            if (name == "BeginOp" && random.Next(3) != 0)
            {
                text.Append("    ").Append(modifiers.Contains("static", StringComparison.Ordinal) ? "internal static " : "internal ")
                    .Append(Pick(random, new[] { "int", "void", "string", "Span<int>" })).Append(" EndOp(IAsyncResult result) => ")
                    .Append(random.Next(4) == 0 ? "throw new InvalidOperationException(result.AsyncState?.ToString());\n" : "default!;\n");
            }
        }
        string instance = container.Contains("static", StringComparison.Ordinal) ? "static " : "";
        text.Append("    public ").Append(instance).Append("void StopAsync() { }\n");
        if (random.Next(3) == 0)
        {
            text.Append("    public ").Append(instance).Append("event AsyncCompletedEventHandler? OpCompleted;\n");
            text.Append("    private ").Append(instance).Append("void Raise() => OpCompleted?.Invoke(null, new AsyncCompletedEventArgs(null, false, null));\n");
        }
        if (random.Next(6) == 0)
        {
            text.Append("    internal void OpAsync() { }\n");
        }
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>Gives the parameter a name not used yet in its list.</summary>
    private static string Rename(string parameter, HashSet<string> seen)
    {
        string[] words = parameter.Split(' ');
        int equals = Array.IndexOf(words, "=");
        int nameIndex = equals > 0 ? equals - 1 : words.Length - 1;
        string name = words[nameIndex];
        string unique = name;
        for (int k = 2; !seen.Add(unique.TrimStart('@')); k++)
        {
            unique = name + k;
        }
        words[nameIndex] = unique;
        return string.Join(" ", words);
    }

    private static string Mutant(Random random)
    {
        string seed = Pick(random, s_seeds);
        var tokens = CSharpSyntaxTree.ParseText(seed).GetRoot().DescendantTokens(descendIntoTrivia: false).ToList();
        var pieces = tokens.Select(static t => t.ToFullString()).ToList();
        int edits = 1 + random.Next(3);
        for (int e = 0; e < edits && pieces.Count > 1; e++)
        {
            int at = random.Next(pieces.Count);
            switch (random.Next(4))
            {
                case 0:
                    pieces.RemoveAt(at);
                    break;
                case 1:
                    pieces.Insert(at, pieces[at]);
                    break;
                case 2:
                    int other = random.Next(pieces.Count);
                    (pieces[at], pieces[other]) = (pieces[other], pieces[at]);
                    break;
                default:
                    pieces.Insert(at, " " + Pick(random, s_insertions) + " ");
                    break;
            }
        }
        return string.Concat(pieces);
    }
}
