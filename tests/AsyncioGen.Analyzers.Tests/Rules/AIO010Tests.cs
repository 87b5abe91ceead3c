using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.CapturingCallbackAnalyzer>;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.CapturingCallbackAnalyzer, AsyncioGen.CodeFixes.CapturingCallbackCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO010Tests
{
    // ---- fires ----

    [Fact]
    public Task CallSoon_capturing_a_local() => Verify.VerifyAsync(@"
class C
{
    void M(EventLoop loop)
    {
        var name = ""tick"";
        loop.CallSoon([|() => Console.WriteLine(name)|]);
    }
}",
        "The lambda passed to 'CallSoon' captures 'name' and allocates a closure per call; use the overload that takes a state and a static lambda");

    [Fact]
    public Task AddDoneCallback_capturing_parameters() => Verify.VerifyAsync(@"
class C
{
    void M(Future<int> f, List<int> sink, string label)
    {
        f.AddDoneCallback([|d => sink.Add(d.GetResult() + label.Length)|]);
    }
}",
        "The lambda passed to 'AddDoneCallback' captures 'sink' and 'label' and allocates a closure per call; use the overload that takes a state and a static lambda");

    [Fact]
    public Task CallLater_and_CallAt_capturing_this() => Verify.VerifyAsync(@"
class C
{
    int _count;
    void Bump() => _count++;
    void M(EventLoop loop)
    {
        loop.CallLater(0.5, [|() => Bump()|]);
        loop.CallAt(loop.Time() + 1, [|() => { _count++; }|]);
    }
}",
        "The lambda passed to 'CallLater' captures 'this' and allocates a closure per call; use the overload that takes a state and a static lambda");

    [Fact]
    public Task CallSoonThreadsafe_capturing_a_future_from_another_thread() => Verify.VerifyAsync(@"
class C
{
    void M(EventLoop loop, Future<int> f, int value)
    {
        loop.CallSoonThreadsafe([|() => { if (!f.IsDone) f.SetResult(value); }|]);
    }
}");

    [Fact]
    public Task Anonymous_method_capturing_a_local() => Verify.VerifyAsync(@"
class C
{
    void M(Future<int> f, List<int> counter)
    {
        f.AddDoneCallback([|delegate (Future<int> d) { counter.Add(d.GetResult()); }|]);
    }
}");

    // ---- quiet ----

    [Fact]
    public Task Quiet_for_stored_delegates() => Verify.VerifyAsync(@"
class C
{
    readonly Action<Future<int>> _onDone;
    C(List<int> sink) { _onDone = d => sink.Add(d.GetResult()); }
    void M(Future<int> f)
    {
        f.AddDoneCallback(_onDone);
        f.RemoveDoneCallback(_onDone);
    }
}");

    [Fact]
    public Task Quiet_for_static_and_non_capturing_lambdas_and_method_groups() => Verify.VerifyAsync(@"
class C
{
    static void Tick() { }
    void M(EventLoop loop, Future<int> f)
    {
        loop.CallSoon(static () => Console.WriteLine(""tick""));
        loop.CallSoon(() => Console.WriteLine(""tick""));
        loop.CallSoon(Tick);
        f.AddDoneCallback(d => Console.WriteLine(d.GetResult()));
        const int K = 3;
        loop.CallSoon(() => Console.WriteLine(K));
    }
}");

    [Fact]
    public Task Quiet_when_the_state_overload_is_used() => Verify.VerifyAsync(@"
class C
{
    void M(EventLoop loop, Future<int> f, List<int> sink)
    {
        loop.CallSoon(static s => s.Add(1), sink);
        f.AddDoneCallback(static (d, s) => s.Add(d.GetResult()), sink);
    }
}");

    [Fact]
    public Task Quiet_when_a_captured_variable_changes() => Verify.VerifyAsync(@"
class C
{
    void M(EventLoop loop)
    {
        int count = 0;
        loop.CallSoon(() => count++);
        var message = ""a"";
        loop.CallSoon(() => Console.WriteLine(message));
        message = ""b"";
        for (int i = 0; i < 3; i++) loop.CallSoon(() => Console.WriteLine(i));
    }
}");

    [Fact]
    public Task Quiet_for_other_apis_and_explicit_execution_context() => Verify.VerifyAsync(@"
class C
{
    void M(EventLoop loop, string name)
    {
        Task.Run(() => Console.WriteLine(name));
        Action a = () => Console.WriteLine(name);
        loop.CallLater(1.0, () => Console.WriteLine(name), ExecutionContext.Capture());
    }
}");

    // ---- fixes ----

    [Fact]
    public Task Fix_single_local_becomes_the_state() => Fix.VerifyFixAsync(@"
class C
{
    void M(EventLoop loop)
    {
        var name = ""tick"";
        loop.CallSoon([|() => Console.WriteLine(name)|]);
    }
}", @"
class C
{
    void M(EventLoop loop)
    {
        var name = ""tick"";
        loop.CallSoon(static name => Console.WriteLine(name), name);
    }
}");

    [Fact]
    public Task Fix_several_captures_use_a_tuple() => Fix.VerifyFixAsync(@"
class C
{
    void M(Future<int> f, List<int> sink, string label)
    {
        f.AddDoneCallback([|d => sink.Add(d.GetResult() + label.Length)|]);
    }
}", @"
class C
{
    void M(Future<int> f, List<int> sink, string label)
    {
        f.AddDoneCallback(static (d, state) => { var (sink, label) = state; sink.Add(d.GetResult() + label.Length); }, (sink, label));
    }
}");

    [Fact]
    public Task Fix_this_becomes_self() => Fix.VerifyFixAsync(@"
class C
{
    int _count;
    void Bump() => _count++;
    void M(EventLoop loop)
    {
        loop.CallLater(0.5, [|() =>
        {
            Bump();
            this._count += 2;
        }|]);
    }
}", @"
class C
{
    int _count;
    void Bump() => _count++;
    void M(EventLoop loop)
    {
        loop.CallLater(0.5, static self =>
        {
            self.Bump();
            self._count += 2;
        }, this);
    }
}");

    [Fact]
    public Task Fix_all_in_document() => Fix.VerifyFixAllAsync(@"
class C
{
    string _name = ""c"";
    void M(EventLoop loop, Future f, int n)
    {
        loop.CallSoon([|() => Console.WriteLine(n)|]);
        f.AddDoneCallback([|(Future d) => Console.WriteLine(_name + n)|]);
        loop.CallSoonThreadsafe([|() =>
        {
            Console.WriteLine(n);
            Console.WriteLine(f);
        }|]);
    }
}", @"
class C
{
    string _name = ""c"";
    void M(EventLoop loop, Future f, int n)
    {
        loop.CallSoon(static n => Console.WriteLine(n), n);
        f.AddDoneCallback(static (Future d, (C, int) state) => { var (self, n) = state; Console.WriteLine(self._name + n); }, (this, n));
        loop.CallSoonThreadsafe(static state =>
        {
            var (n, f) = state;
            Console.WriteLine(n);
            Console.WriteLine(f);
        }, (n, f));
    }
}", FixAllScope.Document);
}
