using System.Threading.Tasks;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.CapturingCallbackAnalyzer, AsyncioGen.CodeFixes.CapturingCallbackCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>AIO010's fix where it used to produce code that does not compile (found by fuzzing): not offered there.</summary>
public class AIO010CodeFixTests
{
    [Fact]
    public Task No_fix_when_a_typed_lambda_captures_a_local_of_an_anonymous_type() => Fix.VerifyNoFixAsync(@"
class C
{
    void M(Future<int> f, int n)
    {
        var state = new { Name = ""x"" };
        f.AddDoneCallback([|(Future<int> d) => Console.WriteLine(state.Name + n)|]);
    }
}");

    [Fact]
    public Task No_fix_when_the_lambda_calls_a_local_function_that_captures() => Fix.VerifyNoFixAsync(@"
class C
{
    void M(EventLoop loop, int n)
    {
        void Report() => Console.WriteLine(n);
        loop.CallSoon([|() => { Report(); Console.WriteLine(n); }|]);
    }
}");

    [Fact]
    public Task Fix_still_offered_for_an_untyped_lambda_capturing_an_anonymous_type() => Fix.VerifyFixAsync(@"
class C
{
    void M(EventLoop loop)
    {
        var state = new { Name = ""x"" };
        loop.CallSoon([|() => Console.WriteLine(state.Name)|]);
    }
}", @"
class C
{
    void M(EventLoop loop)
    {
        var state = new { Name = ""x"" };
        loop.CallSoon(static state => Console.WriteLine(state.Name), state);
    }
}");

    [Fact]
    public Task Fix_offered_when_the_called_local_function_is_static() => Fix.VerifyFixAsync(@"
class C
{
    void M(EventLoop loop, int n)
    {
        static void Report(int v) => Console.WriteLine(v);
        loop.CallSoon([|() => Report(n)|]);
    }
}", @"
class C
{
    void M(EventLoop loop, int n)
    {
        static void Report(int v) => Console.WriteLine(v);
        loop.CallSoon(static n => Report(n), n);
    }
}");
}
