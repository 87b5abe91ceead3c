using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace AsyncioGen.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project tests/AsyncioGen.Benchmarks -- [--quick] [BenchmarkDotNet args]</c>.
/// <c>--quick</c> runs one launch with few iterations: a few minutes on 2 cores, for a first look.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length >= 1 && args[0] == "--analyzer-cost")
        {
            AnalyzerCostReport.Run(args.Skip(1).ToArray());
            return;
        }
        if (args.Length >= 2 && args[0] == "--profile")
        {
            Profile(args[1], args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10);
            return;
        }
        bool quick = args.Contains("--quick");
        string[] rest = args.Where(a => a != "--quick").ToArray();
        IConfig config = DefaultConfig.Instance;
        if (quick)
        {
            config = config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5).WithId("Quick"));
        }
        else if (!rest.Contains("--job") && !rest.Contains("-j"))
        {
            config = config.AddJob(Job.Default.WithId("Full"));
        }
        config = config
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(JsonExporter.Full)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        if (rest.Length == 0)
        {
            rest = new[] { "--filter", "*" };
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, config);
    }

    /// <summary>
    /// <c>--profile Type.Method [seconds]</c>: runs one benchmark method in a loop, outside BenchmarkDotNet,
    /// for a profiler (for example <c>DOTNET_PerfMapEnabled=1 perf record -g</c>). Prints invocations per second.
    /// </summary>
    private static void Profile(string name, double seconds)
    {
        string[] parts = name.Split('.');
        Type type = typeof(Program).Assembly.GetTypes().Single(t => t.Name == parts[0]);
        object instance = Activator.CreateInstance(type)!;
        MethodInfo method = type.GetMethod(parts[1]) ?? throw new ArgumentException("No method " + name);
        Invoke<GlobalSetupAttribute>(type, instance);
        var clock = Stopwatch.StartNew();
        long invocations = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            method.Invoke(instance, null);
            invocations++;
        }
        Console.WriteLine(name + ": " + invocations + " invocations in " + clock.Elapsed.TotalSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " s");
        Invoke<GlobalCleanupAttribute>(type, instance);
    }

    private static void Invoke<TAttribute>(Type type, object instance) where TAttribute : Attribute
    {
        foreach (MethodInfo m in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            m.Invoke(instance, null);
        }
    }
}
