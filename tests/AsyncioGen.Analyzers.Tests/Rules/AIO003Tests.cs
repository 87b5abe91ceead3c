using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.UseCreateFutureAnalyzer>;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.UseCreateFutureAnalyzer, AsyncioGen.CodeFixes.UseCreateFutureCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO003Tests
{
    // ---- fires ----

    [Fact]
    public Task New_generic_future_with_a_loop() => Verify.VerifyAsync(@"
class C
{
    Future<int> Make(EventLoop loop) => [|new Future<int>(loop)|];
}",
        "Create the future with 'loop.CreateFuture<int>()' instead of 'new Future<int>()'");

    [Fact]
    public Task New_future_without_a_loop() => Verify.VerifyAsync(@"
class C
{
    Future Make() => [|new Future()|];
}",
        "Create the future with 'Asyncio.GetRunningLoop().CreateFuture()' instead of 'new Future()'");

    [Fact]
    public Task Target_typed_new_and_named_argument() => Verify.VerifyAsync(@"
class C
{
    Future<string> _f = [|new(loop: null)|];
    void M(EventLoop l)
    {
        Future<string> g = [|new(loop: l)|];
    }
}");

    [Fact]
    public Task In_a_coroutine_and_in_a_lambda() => Verify.VerifyAsync(@"
class C
{
    async FutureTask<int> Run()
    {
        var f = [|new Future<int>()|];
        Func<Future<bool>> make = () => [|new Future<bool>(Asyncio.GetRunningLoop())|];
        f.SetResult(1);
        return await f;
    }
}");

    // ---- quiet ----

    [Fact]
    public Task Quiet_for_CreateFuture() => Verify.VerifyAsync(@"
class C
{
    Future<int> Make(EventLoop loop) => loop.CreateFuture<int>();
    Future Make2() => Asyncio.GetRunningLoop().CreateFuture();
}");

    [Fact]
    public Task Quiet_for_user_subclasses_and_base_calls() => Verify.VerifyAsync(@"
class MyFuture : Future<int>
{
    public MyFuture(EventLoop loop) : base(loop) { }
}
class C
{
    MyFuture Make(EventLoop loop) => new MyFuture(loop);
}");

    [Fact]
    public Task Quiet_inside_an_event_loop_subclass() => Verify.VerifyAsync(@"
class InstrumentedLoop : EventLoop
{
    public Future<T> MakeFuture<T>() => new Future<T>(this);
}");

    [Fact]
    public Task Quiet_for_typeof_nameof_arrays_and_default() => Verify.VerifyAsync(@"
class C
{
    Type T = typeof(Future<int>);
    string N = nameof(Future);
    Future<int>[] A = new Future<int>[3];
    Future<int>? D = default;
}");

    // ---- fixes ----

    [Fact]
    public Task Fix_uses_the_loop_argument() => Fix.VerifyFixAsync(@"
class C
{
    Future<int> Make(EventLoop loop) => [|new Future<int>(loop)|];
}", @"
class C
{
    Future<int> Make(EventLoop loop) => loop.CreateFuture<int>();
}");

    [Fact]
    public Task Fix_uses_the_running_loop_without_an_argument() => Fix.VerifyFixAsync(@"
class C
{
    async FutureTask<string> Run()
    {
        var f = [|new Future<string>()|];
        f.SetResult(""x"");
        return await f;
    }
}", @"
class C
{
    async FutureTask<string> Run()
    {
        var f = Asyncio.GetRunningLoop().CreateFuture<string>();
        f.SetResult(""x"");
        return await f;
    }
}");

    [Fact]
    public Task Fix_target_typed_non_generic() => Fix.VerifyFixAsync(@"
class Holder
{
    public EventLoop Loop = new EventLoop();
    Future Make() { Future f = [|new(Loop)|]; return f; }
}", @"
class Holder
{
    public EventLoop Loop = new EventLoop();
    Future Make() { Future f = Loop.CreateFuture(); return f; }
}");

    [Fact]
    public Task Fix_all_in_document() => Fix.VerifyFixAllAsync(@"
class C
{
    void M(EventLoop loop, List<Future<int>> list)
    {
        var a = [|new Future<int>(loop)|];
        var b = [|new Future()|];
        list.Add([|new Future<int>(loop: loop)|]);
    }
}", @"
class C
{
    void M(EventLoop loop, List<Future<int>> list)
    {
        var a = loop.CreateFuture<int>();
        var b = Asyncio.GetRunningLoop().CreateFuture();
        list.Add(loop.CreateFuture<int>());
    }
}", FixAllScope.Document);

    [Fact]
    public Task Fix_all_in_project() => Fix.VerifyFixAllAsync(@"
class C
{
    Future<int> A(EventLoop loop) => [|new Future<int>(loop)|];
    Future B(EventLoop loop) => [|new Future(loop)|];
}", @"
class C
{
    Future<int> A(EventLoop loop) => loop.CreateFuture<int>();
    Future B(EventLoop loop) => loop.CreateFuture();
}", FixAllScope.Project);
}
