using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.BlockingCallInCoroutineAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>AIO007 false positive found by porting (issue 14): the code AIO016's fix produces.</summary>
public class AIO007PortingTests
{
    [Fact]
    public Task Quiet_for_Result_after_awaiting_the_wrapped_task() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> M(Task<int> t)
    {
        await Asyncio.WrapFuture(t);
        return t.Result;
    }
}");

    [Fact]
    public Task Fires_when_a_different_task_was_wrapped() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> M(Task<int> t, Task<int> other)
    {
        await Asyncio.WrapFuture(other);
        return [|t.Result|];
    }
}");
}
