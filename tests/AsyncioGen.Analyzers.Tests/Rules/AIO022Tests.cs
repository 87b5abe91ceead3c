using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.NullFutureReturnedAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO022Tests
{
    [Fact]
    public Task Null_returned_as_a_future_or_task() => Verify.VerifyAsync(@"
class C
{
    Future<int>? Lookup(int id) => [|null|];
    FutureTask Start(bool go)
    {
        if (!go)
        {
            return [|null!|];
        }
        return [|default!|];
    }
    Func<Future<int>?> Factory() => () => [|null|];
}", "'Lookup' returns null as a future; awaiting it throws NullReferenceException: return a future instead");

    [Fact]
    public Task Quiet_in_async_functions_and_for_other_types() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<string?> Name() { await Asyncio.Sleep(0); return null; }
    string? Text() => null;
    Future<int> Real(EventLoop loop) => loop.CreateFuture<int>();
}");
}
