using AsyncioGen.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace AsyncioGen.Generator.Tests;

/// <summary>
/// Bytes per awaited twin of the newer shapes, in a warmed-up loop, compared for equality with the sizes of
/// what each may allocate: its future and one bound delegate per callback; for EAP, the future and the
/// event arguments the API itself allocates (the handler is subscribed once and cached).
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class ShapeAllocationTests(ITestOutputHelper output)
{
    private const int N = 1000;

    [Fact]
    public void New_shapes_allocate_only_their_future_and_bound_delegate()
    {
        var scenarios = new CompiledScenarios(ShapeAllocationSources.Source);
        long[] m = scenarios.Call<long[]>("ShapeAllocation.Measure", "Run");
        long future = m[0], valuesFuture = m[1], handleFuture = m[2], eapFuture = m[3], callbackDelegate = m[4], eventArgs = m[5];
        output.WriteLine($"sizes: future={future} valuesFuture={valuesFuture} handleFuture={handleFuture} eapFuture={eapFuture} delegate={callbackDelegate} eventArgs={eventArgs}");
        output.WriteLine($"bytes per call: values={m[6] / N} notLast={m[7] / N} generic={m[8] / N} explicitLoop={m[9] / N} handle={m[10] / N} eap={m[11] / N} (of which the API's event args {eventArgs})");

        Assert.True(future > 0 && valuesFuture > future && handleFuture > future && eapFuture > future && callbackDelegate > 0 && eventArgs > 0);
        Assert.Equal(N * (valuesFuture + callbackDelegate), m[6]);
        Assert.Equal(N * (future + callbackDelegate), m[7]);
        Assert.Equal(N * (future + callbackDelegate), m[8]);
        Assert.Equal(N * (future + callbackDelegate), m[9]);
        Assert.Equal(N * (handleFuture + callbackDelegate), m[10]);
        Assert.Equal(N * (eapFuture + eventArgs), m[11]);
    }
}
