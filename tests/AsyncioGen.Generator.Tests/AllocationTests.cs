using AsyncioGen.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AsyncioGen.Generator.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "Allocation";
}

/// <summary>
/// In a warmed-up loop, awaiting a twin allocates exactly its future (state-passing, APM) or its future and
/// one delegate per callback parameter (plain callbacks): measured bytes, compared for equality.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class AllocationTests(ITestOutputHelper output)
{
    private const int N = 1000;

    [Fact]
    public void Twins_allocate_only_the_future_and_their_bound_delegates()
    {
        var scenarios = new CompiledScenarios(AllocationSources.Source);
        long[] m = scenarios.Call<long[]>("Allocation.Measure", "Run");
        long future = m[0], apmFuture = m[1], callbackDelegate = m[2];
        output.WriteLine($"future={future} apmFuture={apmFuture} delegate={callbackDelegate}");
        output.WriteLine($"per call: plain={m[3] / (double)N} two-callbacks={m[4] / (double)N} state={m[5] / (double)N} apm={m[6] / (double)N}");

        Assert.True(future > 0 && callbackDelegate > 0);
        Assert.Equal(N * (future + callbackDelegate), m[3]);
        Assert.Equal(N * (future + 2 * callbackDelegate), m[4]);
        Assert.Equal(N * future, m[5]);
        Assert.Equal(N * apmFuture, m[6]);
    }
}
