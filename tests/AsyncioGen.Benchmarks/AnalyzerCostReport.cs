using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;

namespace AsyncioGen.Benchmarks;

/// <summary>
/// <c>--analyzer-cost [runs] [path/to/AsyncioGen.Analyzers.dll]</c>: the cost of each AsyncioGen rule, from
/// Roslyn's analyzer telemetry (<c>logAnalyzerExecutionTime</c>, <c>GetAnalyzerTelemetryInfoAsync</c>), beside
/// Microsoft.VisualStudio.Threading.Analyzers on the same inputs in the same process: the generated
/// 20,000-line project and the runtime's own test project (tests/AsyncioGen.Tests). Each analyzer set runs
/// alone on a fresh compilation; per input the median of <c>runs</c> runs is printed as Markdown tables.
/// The optional path measures another build of the analyzers (for a before/after), loaded in its own
/// load context.
/// </summary>
internal static class AnalyzerCostReport
{
    public static void Run(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        string here = AppContext.BaseDirectory;
        string asyncioGen = args.Length > 1 ? Path.GetFullPath(args[1]) : Path.Combine(here, "AsyncioGen.Analyzers.dll");
        var loader = new IsolatedLoader();
        ImmutableArray<DiagnosticAnalyzer> ours = Load(loader, asyncioGen);
        ImmutableArray<DiagnosticAnalyzer> vsThreading = Load(loader,
            Path.Combine(here, "vs-threading-analyzers", "Microsoft.VisualStudio.Threading.Analyzers.dll"),
            Path.Combine(here, "vs-threading-analyzers", "Microsoft.VisualStudio.Threading.Analyzers.CSharp.dll"));
        Console.WriteLine($"AsyncioGen analyzers from {asyncioGen}: {ours.Length}; vs-threading analyzers: {vsThreading.Length}; runs: {runs}; load average: {LoadAverage()}");

        var inputs = new List<(string Name, Func<CSharpCompilation> Create)>
        {
            ("generated 20,000-line project", () => RoslynSources.Compile(RoslynSources.Parse(RoslynSources.Project(20_000)))),
        };
        if (RuntimeTests() is { } tests)
        {
            inputs.Add(("tests/AsyncioGen.Tests (the runtime's test project)", tests));
        }
        foreach ((string name, Func<CSharpCompilation> create) in inputs)
        {
            Measure(name, create, ours, vsThreading, runs);
        }
    }

    private static void Measure(string name, Func<CSharpCompilation> create, ImmutableArray<DiagnosticAnalyzer> ours, ImmutableArray<DiagnosticAnalyzer> vsThreading, int runs)
    {
        CSharpCompilation probe = create();
        Diagnostic[] errors = probe.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        int lines = probe.SyntaxTrees.Sum(t => t.GetText().Lines.Count);
        Console.WriteLine();
        Console.WriteLine($"### {name}: {probe.SyntaxTrees.Length} files, {lines:N0} lines, {errors.Length} compiler errors");
        foreach (Diagnostic error in errors.Take(5))
        {
            Console.WriteLine("    " + error);
        }

        var compile = new List<double>();
        var oursWall = new List<double>();
        var theirsWall = new List<double>();
        var perRule = new Dictionary<string, List<double>>();
        var theirsTelemetry = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            create().GetDiagnostics();
            compile.Add(clock.Elapsed.TotalMilliseconds);

            CSharpCompilation forOurs = create();
            forOurs.GetDiagnostics(); // the compiler's work first, so the wall time below is the analyzers' own
            (double wall, Dictionary<string, double> times) = RunAnalyzers(forOurs, ours);
            oursWall.Add(wall);
            foreach (KeyValuePair<string, double> time in times)
            {
                (perRule.TryGetValue(time.Key, out List<double>? list) ? list : perRule[time.Key] = new List<double>()).Add(time.Value);
            }
            CSharpCompilation forTheirs = create();
            forTheirs.GetDiagnostics();
            (double theirs, Dictionary<string, double> theirTimes) = RunAnalyzers(forTheirs, vsThreading);
            theirsWall.Add(theirs);
            theirsTelemetry.Add(theirTimes.Values.Sum());
        }

        double baseline = Median(compile);
        string Share(double ms) => (ms / baseline * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
        string Ms(double ms) => ms.ToString("0", CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine($"Compilation alone (GetDiagnostics): {Ms(baseline)} ms (median of {runs}).");
        Console.WriteLine();
        Console.WriteLine("| analyzer set | analyzer time (telemetry) | share of the compilation | wall time of the analyzer run after GetDiagnostics |");
        Console.WriteLine("|---|---:|---:|---:|");
        double oursTotal = perRule.Values.Sum(Median);
        Console.WriteLine($"| every AsyncioGen analyzer | {Ms(oursTotal)} ms | {Share(oursTotal)} | {Ms(Median(oursWall))} ms |");
        Console.WriteLine($"| Microsoft.VisualStudio.Threading.Analyzers 18.12.1 ({vsThreading.Length} analyzers) | {Ms(Median(theirsTelemetry))} ms | {Share(Median(theirsTelemetry))} | {Ms(Median(theirsWall))} ms |");
        Console.WriteLine();
        Console.WriteLine("| rule | analyzer | time (telemetry) | share of the compilation |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (KeyValuePair<string, List<double>> rule in perRule.OrderByDescending(r => Median(r.Value)))
        {
            Console.WriteLine($"| {rule.Key} | {Ms(Median(rule.Value))} ms | {Share(Median(rule.Value))} |");
        }
    }

    /// <summary>Runs one analyzer set with execution-time logging; wall time and each analyzer's telemetry time.</summary>
    private static (double Wall, Dictionary<string, double> Times) RunAnalyzers(CSharpCompilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var clock = Stopwatch.StartNew();
        // GetAnalyzerDiagnosticsAsync records execution times (GetAllDiagnosticsAsync reports zeros); it binds what it needs.
        withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        double wall = clock.Elapsed.TotalMilliseconds;
        var times = new Dictionary<string, double>();
        foreach (DiagnosticAnalyzer analyzer in analyzers)
        {
            AnalyzerTelemetryInfo info = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default).GetAwaiter().GetResult();
            string ids = string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id).Where(id => id != "AIO099").Distinct().Take(5));
            times[ids + " | " + analyzer.GetType().Name] = info.ExecutionTime.TotalMilliseconds;
        }
        return (wall, times);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static ImmutableArray<DiagnosticAnalyzer> Load(IAnalyzerAssemblyLoader loader, params string[] paths) =>
        paths.SelectMany(path => new AnalyzerFileReference(path, loader).GetAnalyzers(LanguageNames.CSharp))
            .Where(a => a is not DiagnosticSuppressor)
            .OrderBy(a => a.GetType().Name, StringComparer.Ordinal)
            .ToImmutableArray();

    /// <summary>The runtime's test project, compiled against the framework, the runtime and xunit (from the NuGet cache).</summary>
    private static Func<CSharpCompilation>? RuntimeTests()
    {
        string? root = FindRepositoryRoot();
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string[] xunit =
        {
            Path.Combine(packages, "xunit.assert", "2.9.3", "lib", "net6.0", "xunit.assert.dll"),
            Path.Combine(packages, "xunit.extensibility.core", "2.9.3", "lib", "netstandard1.1", "xunit.core.dll"),
            Path.Combine(packages, "xunit.abstractions", "2.0.3", "lib", "netstandard2.0", "xunit.abstractions.dll"),
        };
        if (root is null || !xunit.All(File.Exists))
        {
            Console.WriteLine("(tests/AsyncioGen.Tests skipped: repository or xunit packages not found)");
            return null;
        }
        string[] files = Directory.GetFiles(Path.Combine(root, "tests", "AsyncioGen.Tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();
        const string usings = "global using System;\nglobal using System.Collections.Generic;\nglobal using System.IO;\nglobal using System.Linq;\nglobal using System.Net.Http;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\nglobal using Xunit;\n";
        var sources = files.Select(File.ReadAllText).Append(usings).ToArray();
        var references = RoslynSources.References.AddRange(xunit.Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)));
        return () => CSharpCompilation.Create("AsyncioGen.Tests", RoslynSources.Parse(sources), references, RoslynSources.Options);
    }

    private static string? FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AsyncioGen.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    /// <summary>Loads analyzer assemblies in their own context (so two builds of AsyncioGen.Analyzers can be compared), dependencies from the same folder.</summary>
    private sealed class IsolatedLoader : IAnalyzerAssemblyLoader
    {
        private readonly AssemblyLoadContext _context = new("measured-analyzers");

        public IsolatedLoader() =>
            _context.Resolving += (context, name) => _folders
                .Select(folder => Path.Combine(folder, name.Name + ".dll"))
                .Where(File.Exists)
                .Select(context.LoadFromAssemblyPath)
                .FirstOrDefault();

        private readonly List<string> _folders = new();

        public void AddDependencyLocation(string fullPath) => _folders.Add(Path.GetDirectoryName(fullPath)!);

        public Assembly LoadFromPath(string fullPath)
        {
            _folders.Add(Path.GetDirectoryName(fullPath)!);
            return _context.LoadFromAssemblyPath(fullPath);
        }
    }
}
