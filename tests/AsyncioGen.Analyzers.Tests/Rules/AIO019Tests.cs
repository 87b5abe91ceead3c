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

public class AIO019RecallTests
{
    private const string Work = @"
#pragma warning disable CS1998
static class Work
{
    public static int Compute() => 1;
    public static async FutureTask<int> FetchAsync() { await Asyncio.Sleep(0); return 1; }
    public static async IAsyncEnumerable<int> StreamAsync() { await Asyncio.Sleep(0); yield return 1; }
}
sealed class Res : IAsyncDisposable { public ValueTask DisposeAsync() => default; }
";

    [Fact]
    public Task Await_only_in_a_nested_lambda_or_local_function() => Verify.VerifyAsync(Work + @"
class C
{
    async FutureTask<int> M(EventLoop loop)
    {
        await [|Asyncio.Timeout(1.0, async () =>
        {
            async FutureTask LaterAsync() { await Asyncio.Sleep(1); }
            loop.CreateTask(LaterAsync());
        })|];
        return await [|Asyncio.Timeout(1.0, async scope =>
        {
            Func<FutureTask<int>> later = async () => await Work.FetchAsync();
            return Work.Compute();
        })|];
    }
}");

    [Fact]
    public Task TimeoutAt_and_an_anonymous_method() => Verify.VerifyAsync(Work + @"
class C
{
    async FutureTask M(EventLoop loop)
    {
        await [|Asyncio.TimeoutAt(loop.Time() + 1, async scope => { Work.Compute(); })|];
        await [|Asyncio.Timeout(1.0, async delegate () { Work.Compute(); })|];
    }
}", "The body of this Asyncio.TimeoutAt never awaits, so the timeout can never fire: a timeout cancels the body at an await");

    [Fact]
    public Task Quiet_for_awaits_in_nested_blocks_and_implicit_awaits() => Verify.VerifyAsync(Work + @"
class C
{
    async FutureTask<int> M(bool retry)
    {
        await Asyncio.Timeout(1.0, async () =>
        {
            if (retry)
            {
                try { await Work.FetchAsync(); }
                catch (InvalidOperationException) { }
            }
        });
        await Asyncio.Timeout(1.0, async () => { await foreach (int item in Work.StreamAsync()) { } });
        await Asyncio.Timeout(1.0, async () => { await using var res = new Res(); Work.Compute(); });
        await Asyncio.Timeout(1.0, async () => { await using (new Res()) { Work.Compute(); } });
        await Asyncio.Timeout(1.0, async () => { for (int i = 0; i < 3; i++) { await Asyncio.Sleep(0.1); } });
        return await Asyncio.Timeout(1.0, Work.FetchAsync);
    }
}");
}
