using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncioGen.Benchmarks;

/// <summary>Generated inputs for the generator and analyzer benchmarks, compiled against the framework and the runtime.</summary>
internal static class RoslynSources
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static readonly CSharpCompilationOptions Options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("Bench", trees, References, Options);

    public static ImmutableArray<SyntaxTree> Parse(IEnumerable<string> sources) =>
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "File" + i + ".cs")).ToImmutableArray();

    /// <summary>Fails the setup when the input does not compile, so a benchmark never times an error path.</summary>
    public static void AssertNoErrors(Compilation compilation)
    {
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("The benchmark input does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
        }
    }

    /// <summary><paramref name="methods"/> [Future] methods, 50 per partial class, in the three shapes.</summary>
    public static IEnumerable<string> FutureMethods(int methods)
    {
        const int perClass = 50;
        for (int c = 0; c * perClass < methods; c++)
        {
            var text = new StringBuilder();
            text.AppendLine("using System;\nusing AsyncioGen;\n\nnamespace Gen;\n");
            text.AppendLine($"internal sealed partial class Api{c}\n{{");
            for (int m = c * perClass; m < Math.Min(methods, (c + 1) * perClass); m++)
            {
                switch (m % 3)
                {
                    case 0:
                        text.AppendLine($"    [Future]\n    internal void Op{m}(int a, string b, Action<int> onDone, Action<Exception> onError) => onDone(a + b.Length);\n");
                        break;
                    case 1:
                        text.AppendLine($"    [Future]\n    internal void Op{m}(int a, Action<int, object?> callback, object? state) => callback(a, state);\n");
                        break;
                    default:
                        text.AppendLine($"    [Future]\n    internal IAsyncResult BeginOp{m}(int a, AsyncCallback? callback, object? state) => throw new NotSupportedException();\n");
                        text.AppendLine($"    internal int EndOp{m}(IAsyncResult result) => 0;\n");
                        break;
                }
            }
            text.AppendLine("}");
            yield return text.ToString();
        }
    }

    /// <summary>A project of about <paramref name="lines"/> lines that uses futures, tasks and [Future] methods.</summary>
    public static IEnumerable<string> Project(int lines)
    {
        int written = 0;
        for (int c = 0; written < lines; c++)
        {
            string text = $$"""
                using System;
                using System.Threading;
                using AsyncioGen;

                namespace Project{{c / 20}};

                /// <summary>Worker {{c}}.</summary>
                internal sealed partial class Worker{{c}}
                {
                    private readonly EventLoop _loop;
                    private Future<int>? _pending;

                    public Worker{{c}}(EventLoop loop) => _loop = loop;

                    public async FutureTask<int> RoundTripAsync(int value)
                    {
                        Future<int> future = _loop.CreateFuture<int>();
                        _loop.CallSoon(static f => f.SetResult(1), future);
                        int result = await future;
                        return result + value;
                    }

                    public async FutureTask<int> FanOutAsync(int count)
                    {
                        var tasks = new Future<int>[count];
                        for (int i = 0; i < count; i++)
                        {
                            tasks[i] = _loop.CreateTask(RoundTripAsync(i));
                        }
                        int[] results = await Asyncio.Gather(tasks);
                        int sum = 0;
                        foreach (int r in results)
                        {
                            sum += r;
                        }
                        return sum;
                    }

                    public async FutureTask WaitAndCancelAsync()
                    {
                        _pending = _loop.CreateFuture<int>();
                        FutureTask<int> waiter = _loop.CreateTask(WaitPendingAsync(_pending));
                        await Asyncio.Sleep(0);
                        waiter.Cancel();
                        try
                        {
                            await waiter;
                        }
                        catch (CancelledError)
                        {
                        }
                    }

                    private static async FutureTask<int> WaitPendingAsync(Future<int> pending) => await pending;

                    public void OnDone(Future<int> future)
                    {
                        future.AddDoneCallback(static (f, self) => self.Completed(f), this);
                    }

                    private void Completed(Future<int> future)
                    {
                        if (!future.IsCancelled && future.GetException() is null)
                        {
                            Console.WriteLine(future.GetResult());
                        }
                    }

                    [Future]
                    internal void Compute(int value, Action<int, object?> callback, object? state) => callback(value * 2, state);

                    [Future]
                    internal void Fetch(string key, Action<string> onDone, Action<Exception> onError)
                    {
                        if (key.Length == 0)
                        {
                            onError(new ArgumentException("empty key"));
                        }
                        else
                        {
                            onDone(key);
                        }
                    }
                }

                """;
            written += text.Split('\n').Length;
            yield return text;
        }
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = new List<MetadataReference>();
        foreach (string path in trusted)
        {
            if (string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.OrdinalIgnoreCase))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }
        references.Add(MetadataReference.CreateFromFile(typeof(Future).Assembly.Location));
        return references.ToImmutableArray();
    }
}
