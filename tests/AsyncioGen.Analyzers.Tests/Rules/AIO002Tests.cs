using System.Threading.Tasks;
using AsyncioGen.Analyzers.Rules;
using AsyncioGen.CodeFixes;
using AsyncioGen.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis.CodeFixes;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.FutureInPublicApiAnalyzer>;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.FutureInPublicApiAnalyzer, AsyncioGen.CodeFixes.FutureInPublicApiCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO002Tests
{
    // ---- fires ----

    [Fact]
    public Task Public_method_returning_a_future() => Verify.VerifyAsync(@"
public class RpcClient
{
    private readonly Future<string> _reply = new EventLoop().CreateFuture<string>();
    public [|Future<string>|] Send(string request) => _reply;
}",
        "'RpcClient.Send' exposes Future<string> in a public API; callers could complete it. Expose FutureAwaitable<T> or a FutureTask instead, or make the member internal.");

    [Fact]
    public Task Public_property_field_and_event() => Verify.VerifyAsync(@"
public class Batch
{
    public [|Future<int>|] Completion { get; } = new EventLoop().CreateFuture<int>();
    public Future [|Done|] = new EventLoop().CreateFuture();
    public event Action<Future<int>>? [|Finished|];
    internal void Raise() => Finished?.Invoke(Completion);
}");

    [Fact]
    public Task Parameter_and_type_argument_of_a_protected_member() => Verify.VerifyAsync(@"
public class Worker
{
    protected void Attach([|Future<int>|] result) { }
    public IList<Future<int>>? [|Pending|];
    public [|Task<Future>|] Next() => Task.FromResult<Future>(new EventLoop().CreateFuture());
}",
        "'Worker.Attach (parameter 'result')' exposes Future<int> in a public API; callers could complete it. Expose FutureAwaitable<T> or a FutureTask instead, or make the member internal.");

    [Fact]
    public Task Derived_future_type_and_nested_public_type() => Verify.VerifyAsync(@"
public class MyFuture : Future<int> { public MyFuture(EventLoop loop) : base(loop) { } }
public class Outer
{
    public class Inner
    {
        public [|MyFuture|] Make(EventLoop loop) => new MyFuture(loop);
    }
}");

    [Fact]
    public Task Interface_member_declaration_is_reported() => Verify.VerifyAsync(@"
public interface IConnection
{
    [|Future<int>|] Closed { get; }
}");

    // ---- quiet ----

    [Fact]
    public Task Quiet_for_internal_and_private_members_and_internal_types() => Verify.VerifyAsync(@"
public class A
{
    internal Future<int> F1() => new EventLoop().CreateFuture<int>();
    private Future<int>? _f;
    private protected Future<int>? P { get; set; }
    internal Future<int>? Get() => _f;
}
internal class B
{
    public Future<int> F() => new EventLoop().CreateFuture<int>();
}
public class C
{
    private class Nested { public Future<int>? X; }
}");

    [Fact]
    public Task Quiet_for_future_tasks_and_awaitable_views() => Verify.VerifyAsync(@"
public class Client
{
    private readonly Future<int> _f = new EventLoop().CreateFuture<int>();
    public FutureTask<int> RunAsync() => Asyncio.CreateTask(Work());
    public FutureAwaitable<int> Result => new FutureAwaitable<int>(_f);
    public async FutureTask<int> Work() { return await _f; }
    public IList<FutureTask> Tasks { get; } = new List<FutureTask>();
}");

    [Fact]
    public Task Quiet_for_overrides_and_interface_implementations() => Verify.VerifyAsync(@"
public interface IConnection { [|Future<int>|] Closed { get; } }
public abstract class Base { public abstract [|Future<int>|] Open(); }
public class Connection : Base, IConnection
{
    private readonly Future<int> _f = new EventLoop().CreateFuture<int>();
    public Future<int> Closed => _f;
    public override Future<int> Open() => _f;
}
public class Explicit : IConnection
{
    Future<int> IConnection.Closed => new EventLoop().CreateFuture<int>();
}");

    [Fact]
    public Task Quiet_for_protected_members_of_sealed_types_and_attributed_future_methods() => Verify.VerifyAsync(@"
#pragma warning disable CS0628 // new protected member in a sealed type
public sealed class Sealed
{
    protected Future<int>? F;
    protected internal Future<int>? G() => F;
}
public partial class Sensor
{
    [Future] public void Read(int channel, Action<double> onValue) => onValue(1.0);
    [Future] public Future<double> ReadNow(int channel) => null!;
}
public struct S
{
    internal Future<int>? F;
}");

    // ---- fixes ----

    [Fact]
    public Task Fix_returns_a_FutureAwaitable() => Fix.VerifyFixAsync(@"
public class RpcClient
{
    private readonly Future<string> _reply = new EventLoop().CreateFuture<string>();
    public [|Future<string>|] Send(string request)
    {
        if (request.Length == 0)
        {
            return _reply;
        }
        Func<Future<string>> inner = () => _reply;
        return inner();
    }
}", @"
public class RpcClient
{
    private readonly Future<string> _reply = new EventLoop().CreateFuture<string>();
    public FutureAwaitable<string> Send(string request)
    {
        if (request.Length == 0)
        {
            return new FutureAwaitable<string>(_reply);
        }
        Func<Future<string>> inner = () => _reply;
        return new FutureAwaitable<string>(inner());
    }
}");

    [Fact]
    public Task Fix_returns_a_FutureAwaitable_from_an_expression_bodied_property() => Fix.VerifyFixAsync(@"
public class Batch
{
    private readonly Future _done = new EventLoop().CreateFuture();
    public [|Future|] Done => _done;
}", @"
public class Batch
{
    private readonly Future _done = new EventLoop().CreateFuture();
    public FutureAwaitable Done => new FutureAwaitable(_done);
}");

    [Fact]
    public Task Fix_makes_the_member_internal() => Fix.VerifyFixAsync(@"
public class Batch
{
    public [|Future<int>|] Completion { get; } = new EventLoop().CreateFuture<int>();
}", @"
public class Batch
{
    internal Future<int> Completion { get; } = new EventLoop().CreateFuture<int>();
}", FutureInPublicApiCodeFix.MakeInternalKey);

    [Fact]
    public Task Fix_makes_a_method_with_a_future_parameter_internal() => Fix.VerifyFixAsync(@"
public class Worker
{
    protected virtual void Attach([|Future<int>|] result) { }
}", @"
public class Worker
{
    internal virtual void Attach(Future<int> result) { }
}");

    [Fact]
    public Task Fix_all_in_document() => Fix.VerifyFixAllAsync(@"
public class Api
{
    private readonly Future<int> _a = new EventLoop().CreateFuture<int>();
    public [|Future<int>|] A() => _a;
    public [|Future<int>|] B { get { return _a; } }
    public [|Future<int>|] C() { return _a; }
}", @"
public class Api
{
    private readonly Future<int> _a = new EventLoop().CreateFuture<int>();
    public FutureAwaitable<int> A() => new FutureAwaitable<int>(_a);
    public FutureAwaitable<int> B { get { return new FutureAwaitable<int>(_a); } }
    public FutureAwaitable<int> C() { return new FutureAwaitable<int>(_a); }
}", FixAllScope.Document);

    [Fact]
    public Task Fix_all_make_internal_in_document() => Fix.VerifyFixAllAsync(@"
public class Api
{
    public Future<int>? [|A|];
    public [|Future<int>?|] B { get; set; }
    protected void C([|Future|] f) { }
}", @"
public class Api
{
    internal Future<int>? A;
    internal Future<int>? B { get; set; }
    internal void C(Future f) { }
}", FixAllScope.Document, FutureInPublicApiCodeFix.MakeInternalKey);

    [Fact]
    public Task Fix_all_make_internal_with_two_diagnostics_on_one_member() => Fix.VerifyFixAllAsync(@"
public class Api
{
    public [|Future<int>|] Echo([|Future<int>|] f) => f;
}", @"
public class Api
{
    internal Future<int> Echo(Future<int> f) => f;
}", FixAllScope.Document, FutureInPublicApiCodeFix.MakeInternalKey);
}
