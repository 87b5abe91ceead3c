using System.Linq;
using AsyncioGen.Generator.Tests.Infrastructure;

namespace AsyncioGen.Generator.Tests;

/// <summary>Golden files of the generated source for every shape and option; each output must also compile cleanly.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData(nameof(SnapshotSources.CallbackResult), "Demo.Calculator.g.cs")]
    [InlineData(nameof(SnapshotSources.CallbackResultAndErrorAfter), "Demo.Downloader.g.cs")]
    [InlineData(nameof(SnapshotSources.CallbackErrorBefore), "Demo.Sensors.g.cs")]
    [InlineData(nameof(SnapshotSources.CallbackOutcome), "Demo.Resolver.g.cs")]
    [InlineData(nameof(SnapshotSources.CustomDelegates), "Demo.Device.g.cs")]
    [InlineData(nameof(SnapshotSources.Resultless), "Demo.Door.g.cs")]
    [InlineData(nameof(SnapshotSources.StatePassing), "Demo.Channel.g.cs")]
    [InlineData(nameof(SnapshotSources.Apm), "Demo.Pipe.g.cs")]
    [InlineData(nameof(SnapshotSources.Cancellation), "Demo.Timer.g.cs")]
    [InlineData(nameof(SnapshotSources.GenericNested), "Demo.Deep.Outer{T}+IStore{TKey}.g.cs", "Demo.Deep.Outer{T}+Inner.g.cs")]
    [InlineData(nameof(SnapshotSources.GlobalNamespaceAndName), "Program.g.cs")]
    [InlineData(nameof(SnapshotSources.AccessibilityAndParameters), "Demo.Extensions.g.cs", "Demo.Service.g.cs")]
    [InlineData(nameof(SnapshotSources.MultiValue), "Demo.Reader.g.cs")]
    [InlineData(nameof(SnapshotSources.CallbackNotLast), "Demo.Uploader.g.cs")]
    [InlineData(nameof(SnapshotSources.GenericMethods), "Demo.Cache.g.cs")]
    [InlineData(nameof(SnapshotSources.ExplicitLoop), "Demo.Sensor.g.cs")]
    [InlineData(nameof(SnapshotSources.Handle), "Demo.Transfers.g.cs")]
    [InlineData(nameof(SnapshotSources.EventBased), "Demo.Downloader.g.cs")]
    public void Generated_source_matches_snapshot(string caseName, params string[] hintNames)
    {
        string source = (string)typeof(SnapshotSources).GetField(caseName)!.GetValue(null)!;
        GeneratorResult result = GeneratorRunner.Run(source);

        Assert.Equal(hintNames.OrderBy(h => h, System.StringComparer.Ordinal), result.Sources.Keys.OrderBy(h => h, System.StringComparer.Ordinal));
        GeneratorRunner.AssertCompiles(result.Output);
        foreach (string hint in hintNames)
        {
            string name = hintNames.Length == 1 ? caseName : caseName + "." + hint.Replace(".g.cs", "");
            Snapshot.Verify(name, result.Sources[hint]);
        }
    }
}
