using AsyncioGen.Generator.Tests.Infrastructure;

namespace AsyncioGen.Generator.Tests;

/// <summary>The twins of the newer shapes, compiled with warnings as errors and run on an EventLoop.</summary>
public sealed class ShapeBehaviourTests
{
    private static readonly System.Lazy<CompiledScenarios> s_scenarios = new(() => new CompiledScenarios(ShapeBehaviourSources.Source));

    private static string Run(string type, string method) => s_scenarios.Value.Call(type, method);

    [Fact]
    public void Several_callback_values_become_a_tuple_or_the_named_record() =>
        Assert.Equal(
            "2 ab | 3 r3 ReadResult { Bytes = 3, Text = r3 } | 4 n4 | 7 0.5 | late | (5, five)",
            Run("Shapes.Multi", "Values"));

    [Fact]
    public void Callback_before_options_and_a_token_keeps_them_as_twin_arguments() =>
        Assert.Equal("3000 3005 tokenBefore=False tokenAfter=True cancelled=True", Run("Shapes.NotLast", "Run"));

    [Fact]
    public void Generic_method_twin_is_generic() =>
        Assert.Equal("alpha 42 missing=a made=0", Run("Shapes.Cache", "Run"));

    [Fact]
    public void Explicit_loop_twin_works_outside_a_running_loop() =>
        Assert.Equal("3 9.5 running=6 noLoop=InvalidOperationException null=loop", Run("Shapes.Sensor", "Run"));

    [Fact]
    public void Returned_handle_stays_reachable_from_the_future_and_a_disposable_one_is_disposed_on_cancel() =>
        Assert.Equal("100 pauses=1 disposedBefore=False disposedAfter=True resumed=7 pauses=11", Run("Shapes.Transfers", "Run"));

    [Fact]
    public void Event_based_twin_routes_completions_by_user_state_and_maps_Cancelled_and_Cancel() =>
        Assert.Equal(
            "b=20 a=10 c=slow d.cancelled=True e.cancelled=True requests=0,1 requestIsFuture=True subscribers=1,1",
            Run("Shapes.Computer", "Run"));
}
