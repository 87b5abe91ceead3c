using AsyncioGen.Generator.Tests.Infrastructure;

namespace AsyncioGen.Generator.Tests;

/// <summary>The generated twins, compiled with warnings as errors and run on an EventLoop (the README's "Wrapping callback APIs" lists the behaviour).</summary>
public sealed class BehaviourTests
{
    private static readonly System.Lazy<CompiledScenarios> s_scenarios = new(() => new CompiledScenarios(BehaviourSources.Api, BehaviourSources.Scenarios));

    private static string Run(string scenario) => s_scenarios.Value.Call("Scenarios.Run", scenario);

    [Fact]
    public void Callback_on_a_foreign_thread_is_marshalled_to_the_loop() =>
        Assert.Equal("42 resumedOnLoop=True callbackOffLoop=True", Run("ForeignThread"));

    [Fact]
    public void Callback_on_the_loop_thread_completes_the_future_directly() =>
        Assert.Equal("8 doneAtOnce=True", Run("LoopThreadCompletesDirectly"));

    [Fact]
    public void Second_callback_is_reported_to_the_exception_handler_and_does_not_throw() =>
        Assert.Equal(
            "10 reports=3 first=[Future] completion callback invoked more than once; the second call was ignored | InvalidStateError",
            Run("DoubleCallback"));

    [Fact]
    public void Result_after_cancel_is_dropped() =>
        Assert.Equal("cancelled=True,True reports=0", Run("ResultAfterCancelDropped"));

    [Fact]
    public void Synchronous_exception_lands_on_the_future() =>
        Assert.Equal("boom failedAtOnce=True", Run("SynchronousException"));

    [Fact]
    public void Error_callback_from_a_thread_fails_the_future() =>
        Assert.Equal("slow", Run("ErrorCallbackFromThread"));

    [Fact]
    public void OperationCanceledException_from_the_error_callback_cancels_the_future() =>
        Assert.Equal("cancelled=True", Run("OperationCanceledCancels"));

    [Fact]
    public void CancellationToken_is_cancelled_when_the_future_is() =>
        Assert.Equal("canBeCanceled=True before=False after=True cancelled=True", Run("TokenCancelled"));

    [Fact]
    public void Returned_IDisposable_is_disposed_when_the_future_is_cancelled() =>
        Assert.Equal("before=False after=True", Run("DisposableDisposed"));

    [Fact]
    public void Task_awaiting_a_public_twin_cancels_the_operation() =>
        Assert.Equal("tokenCancelled=True taskCancelled=True", Run("PublicTwinCancelledByTask"));

    [Fact]
    public void State_passing_twin_completes_from_a_thread() =>
        Assert.Equal("7", Run("StatePassingFromThread"));

    [Fact]
    public void Apm_twin_runs_EndOp_in_the_callback_and_its_exception_fails_the_future() =>
        Assert.Equal("42 disk", Run("Apm"));

    [Fact]
    public void Twin_without_a_running_loop_throws_InvalidOperationException()
    {
        string message = Run("NoRunningLoop");
        Assert.Contains("ComputeNowAsync", message);
        Assert.Contains("coroutine", message);
        Assert.Contains("pass the loop", message);
    }
}
