using System;
using System.Linq;
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
}
