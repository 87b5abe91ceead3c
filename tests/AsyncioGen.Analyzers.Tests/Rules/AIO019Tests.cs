using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.TimeoutWithoutAwaitAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO019Tests
{
    [Fact]
    public Task Timeout_body_without_await() => Verify.VerifyAsync(@"
#pragma warning disable CS1998
class C
{
    static int Compute() => 1;
    async FutureTask<int> M()
    {
        await [|Asyncio.Timeout(1.0, async () => { Compute(); })|];
        return await [|Asyncio.Timeout(1.0, async scope => { Func<FutureTask> later = async () => await Asyncio.Sleep(1); return Compute(); })|];
    }
}",
        "The body of this Asyncio.Timeout never awaits, so the timeout can never fire: a timeout cancels the body at an await");

    [Fact]
    public Task Quiet_when_the_body_awaits_or_is_a_coroutine_call() => Verify.VerifyAsync(@"
class C
{
    static async FutureTask<int> WorkAsync() { await Asyncio.Sleep(0); return 1; }
    async FutureTask<int> M()
    {
        await Asyncio.Timeout(1.0, async () => { await Asyncio.Sleep(0.5); });
        await Asyncio.Timeout(1.0, () => WorkAsync());
        return await Asyncio.Timeout(1.0, async scope => await WorkAsync());
    }
}");
}
