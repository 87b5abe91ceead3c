using System.Threading.Tasks;
using AsyncioGen.CodeFixes;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.FutureInPublicApiAnalyzer, AsyncioGen.CodeFixes.FutureInPublicApiCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>AIO002's fixes where fuzzing found them breaking code (issue 14): not offered there.</summary>
public class AIO002CodeFixTests
{
    [Fact]
    public Task No_make_internal_on_a_virtual_member_with_overrides() => Fix.VerifyNoFixAsync(@"
public class Source
{
    public virtual [|Future<int>|] Next() => new EventLoop().CreateFuture<int>();
}
public class Derived : Source
{
    public override Future<int> Next() => base.Next();
}");

    [Fact]
    public Task No_make_internal_on_an_abstract_member_that_is_overridden() => Fix.VerifyNoFixAsync(@"
public abstract class Source
{
    public abstract [|Future<int>|] Next();
}
public sealed class Ready : Source
{
    public override Future<int> Next() => new EventLoop().CreateFuture<int>();
}", FutureInPublicApiCodeFix.MakeInternalKey);

    [Fact]
    public Task No_FutureAwaitable_when_a_caller_keeps_the_Future() => Fix.VerifyNoFixAsync(@"
public class Client
{
    private readonly Future<int> _reply = new EventLoop().CreateFuture<int>();
    public [|Future<int>|] Send() => _reply;
}
internal class Caller
{
    Future<int> Keep(Client c) => c.Send();
}", FutureInPublicApiCodeFix.AwaitableKey);

    [Fact]
    public Task FutureAwaitable_still_offered_when_every_caller_awaits() => Fix.VerifyFixAsync(@"
public class Client
{
    private readonly Future<int> _reply = new EventLoop().CreateFuture<int>();
    public [|Future<int>|] Send() => _reply;
}
internal class Caller
{
    async FutureTask<int> Use(Client c) => await c.Send();
}", @"
public class Client
{
    private readonly Future<int> _reply = new EventLoop().CreateFuture<int>();
    public FutureAwaitable<int> Send() => new FutureAwaitable<int>(_reply);
}
internal class Caller
{
    async FutureTask<int> Use(Client c) => await c.Send();
}", FutureInPublicApiCodeFix.AwaitableKey);
}
