using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.ConfigureAwaitFalseAnalyzer>;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.ConfigureAwaitFalseAnalyzer, AsyncioGen.CodeFixes.ConfigureAwaitFalseCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO017Tests
{
    [Fact]
    public Task ConfigureAwait_false_in_coroutines() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> M(Task<int> t, Task u)
    {
        await [|u.ConfigureAwait(false)|];
        await [|u.ConfigureAwait(ConfigureAwaitOptions.None)|];
        Func<FutureTask> inner = async () => await [|u.ConfigureAwait(false)|];
        return await [|t.ConfigureAwait(false)|];
    }
}",
        "'ConfigureAwait(false)' in a FutureTask coroutine: everything after this await runs off the loop thread, where futures and the loop must not be touched; remove it");

    [Fact]
    public Task Quiet_for_true_and_outside_coroutines() => Verify.VerifyAsync(@"
class C
{
    async FutureTask M(Task u)
    {
        await u.ConfigureAwait(true);
        await u.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        Func<Task> offLoop = async () => await u.ConfigureAwait(false);
        await Asyncio.Sleep(0);
    }
    async Task Helper(Task u) => await u.ConfigureAwait(false);
}");

    [Fact]
    public Task Fix_removes_the_call() => Fix.VerifyFixAsync(@"
class C
{
    async FutureTask<int> M(Task<int> t) => await [|t.ConfigureAwait(false)|];
}", @"
class C
{
    async FutureTask<int> M(Task<int> t) => await t;
}");
}
