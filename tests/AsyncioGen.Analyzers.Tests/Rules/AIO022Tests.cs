using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.NullFutureReturnedAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO022Tests
{
    [Fact]
    public Task Null_returned_as_a_future_or_task() => Verify.VerifyAsync(@"
class C
{
    Future<int> Lookup(int id) => [|null!|];
    FutureTask Start(bool go)
    {
        if (!go)
        {
            return [|null!|];
        }
        return [|default!|];
    }
    Func<Future<int>> Factory() => () => [|null!|];
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

public class AIO022RecallTests
{
    [Fact]
    public Task Null_branches_defaults_properties_and_lambdas() => Verify.VerifyAsync(@"
class C
{
    readonly Future<int> _f;
    C(Future<int> f) { _f = f; }
    Future<int> Pick(bool ok) => ok ? _f : [|null!|];
    FutureTask Start(int mode) => mode switch { 0 => [|null!|], _ => [|default(FutureTask)!|] };
    Future<int> Cached(Future<int>? cached) => cached ?? [|null!|];
    Future<int> Cast() { return [|(Future<int>)null!|]; }
    FutureTask Current => [|null!|];
    void M()
    {
        Func<FutureTask<int>> factory = () => [|null!|];
        Func<bool, Future<int>> pick = ok => ok ? _f : [|default!|];
        FutureTask<int> Local() { return [|null!|]; }
        _ = factory; _ = pick; _ = Local();
    }
}", "'Pick' returns null as a future; awaiting it throws NullReferenceException: return a future instead");

    [Fact]
    public Task Oblivious_code_is_reported_whatever_the_annotation() => Verify.VerifyAsync(@"
#nullable disable
class C
{
    Future<int> Lookup(int id) => [|null|];
    FutureTask Start() { return [|default|]; }
}", "'Lookup' returns null as a future; awaiting it throws NullReferenceException: return a future instead", "'Start' returns null as a task; awaiting it throws NullReferenceException: return a future instead");

    // Decision: a nullable return type says null is a possible answer, and the compiler warns (CS8602) the caller
    // who awaits it unchecked: quiet, as VSTHRD114 is for Task?.
    [Fact]
    public Task Quiet_for_nullable_return_types_async_functions_and_throw_branches() => Verify.VerifyAsync(@"
class C
{
    Future<int>? Lookup(int id) => id > 0 ? null : null;
    FutureTask? Maybe() { return null; }
    Func<Future<int>?> Factory() => () => null;
    Future<int> Checked(Future<int>? f) => f ?? throw new InvalidOperationException();
    Future<int> Either(bool ok, Future<int> a, Future<int> b) => ok ? a : b;
    async FutureTask<string?> Name() { await Asyncio.Sleep(0); return ok ? null : default; }
    static bool ok;
}");
}
