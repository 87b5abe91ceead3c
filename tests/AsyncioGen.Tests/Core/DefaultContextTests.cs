using System.Threading;
using AsyncioGen;
using AsyncioGen.Tests.Core.Support;

namespace AsyncioGen.Tests.Core;

/// <summary>
/// The ready queue keeps the default execution context as a flag, not a reference: a callback scheduled
/// under it must still run under it, not under the loop's own context.
/// </summary>
public class DefaultContextTests
{
    private static readonly AsyncLocal<string?> s_local = new();

    private sealed class Seen
    {
        public string? Value = "not run";
    }

    [Fact]
    public void TheDefaultContextIsWhatAThreadWithoutValuesCaptures()
    {
        ExecutionContext? captured = null;
        ExecutionContext.Run(DefaultExecutionContext.Instance!, _ => captured = ExecutionContext.Capture(), null);
        Assert.NotNull(DefaultExecutionContext.Instance);
        Assert.Same(DefaultExecutionContext.Instance, captured);
    }

    [Fact]
    public void ACallbackScheduledUnderTheDefaultContextRunsUnderIt_NotUnderTheLoopsContext()
    {
        using var loop = new EventLoop();
        string? seen = "not run";
        var withState = new Seen();
        ExecutionContext.Run(DefaultExecutionContext.Instance!, _ =>
        {
            loop.CallSoon(() => seen = s_local.Value);
            loop.CallSoon(static state => state.Value = s_local.Value, withState);
        }, null);
        ExecutionContext.Run(ExecutionContext.Capture()!, _ =>
        {
            s_local.Value = "the loop's context";
            Loops.RunOnce(loop);
        }, null);
        Assert.Null(seen);
        Assert.Null(withState.Value);
    }

    [Fact]
    public void ACallbackScheduledUnderTheDefaultContextSeesNoValueAnotherCallbackSet()
    {
        using var loop = new EventLoop();
        string? seen = "not run";
        ExecutionContext.Run(DefaultExecutionContext.Instance!, _ =>
        {
            loop.CallSoon(() => s_local.Value = "set by the first callback");
            loop.CallSoon(() => seen = s_local.Value);
        }, null);
        Loops.RunOnce(loop);
        Assert.Null(seen);
    }
}
