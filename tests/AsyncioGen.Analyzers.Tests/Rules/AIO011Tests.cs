using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.FutureNeverCompletedAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO011Tests
{
    // ---- fires ----

    [Fact]
    public Task Completed_in_the_try_but_not_in_the_catch() => Verify.VerifyAsync("""
        class C
        {
            static int Compute() => 1;
            Future<int> Start(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                try
                {
                    f.SetResult(Compute());
                }
                catch (Exception e)
                {
                    Console.WriteLine(e);
                }
                [|return f;|]
            }
        }
        """,
        "Future 'f' is not completed on every path of 'Start'; whoever awaits it may wait forever");

    [Fact]
    public Task Completed_in_one_branch_only() => Verify.VerifyAsync("""
        class C
        {
            Future<int> Start(EventLoop loop, int x)
            {
                var f = loop.CreateFuture<int>();
                if (x > 0)
                    f.SetResult(x);
                [|return f;|]
            }
        }
        """,
        "Future 'f' is not completed on every path of 'Start'; whoever awaits it may wait forever");

    [Fact]
    public Task Early_return_skips_completion() => Verify.VerifyAsync("""
        class C
        {
            Future<string> Start(string? s)
            {
                var f = new Future<string>();
                if (s is null) [|return f;|]
                f.SetResult(s);
                return f;
            }
        }
        """);

    [Fact]
    public Task Catch_that_logs_in_a_callback() => Verify.VerifyAsync("""
        class Http { public void Get(string url, Action<string> onBody) { } }
        class C
        {
            static string Decode(string s) => s;
            Future<string> Download(EventLoop loop, Http http)
            {
                var f = loop.CreateFuture<string>();
                http.Get("u", body =>
                {
                    try { var s = Decode(body); if (!f.IsCancelled) f.SetResult(s); }
                    [|catch (Exception e)|] { Console.WriteLine(e); }
                });
                return f;
            }
        }
        """,
        "Future 'f' is not completed on every path of 'the lambda'; whoever awaits it may wait forever");

    [Fact]
    public Task Parameter_completed_in_try_catch_swallows() => Verify.VerifyAsync("""
        class C
        {
            static int Parse(string s) => int.Parse(s);
            void Finish(Future<int> f, string raw)
            {
                try { f.SetResult(Parse(raw)); }
                [|catch (FormatException)|] { }
            }
        }
        """);

    // ---- quiet ----

    [Fact]
    public Task Every_path_completes() => Verify.VerifyAsync("""
        class C
        {
            static int Compute() => 1;
            Future<int> Start(EventLoop loop, int x)
            {
                var f = loop.CreateFuture<int>();
                try
                {
                    if (x > 0) f.SetResult(Compute());
                    else f.Cancel();
                }
                catch (Exception e)
                {
                    if (!f.IsDone) f.SetException(e);
                }
                return f;
            }
        }
        """);

    [Fact]
    public Task Catch_rethrows_or_finally_completes() => Verify.VerifyAsync("""
        class C
        {
            static int Compute() => 1;
            Future<int> A(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                try { f.SetResult(Compute()); }
                catch (Exception) { Console.WriteLine("x"); throw; }
                return f;
            }
            Future<int> B(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                try { f.SetResult(Compute()); }
                finally { if (!f.IsDone) f.Cancel(); }
                return f;
            }
        }
        """);

    [Fact]
    public Task Delegated_to_a_method_a_lambda_or_a_field() => Verify.VerifyAsync("""
        class C
        {
            private readonly Dictionary<int, Future<int>> _pending = new();
            static void CompleteLater(Future<int> f) { }
            Future<int> A(EventLoop loop, bool x)
            {
                var f = loop.CreateFuture<int>();
                if (x) f.SetResult(1);
                else CompleteLater(f);
                return f;
            }
            Future<int> B(EventLoop loop, bool x)
            {
                var f = loop.CreateFuture<int>();
                if (x) f.SetResult(1);
                else loop.CallSoon(() => f.SetResult(2));
                return f;
            }
            Future<int> D(EventLoop loop, int id, bool x)
            {
                var f = loop.CreateFuture<int>();
                _pending[id] = f;
                try { if (x) throw new InvalidOperationException(); }
                catch (Exception e) { f.SetException(e); }
                return f;
            }
        }
        """);

    [Fact]
    public Task Known_done_when_the_guard_is_false() => Verify.VerifyAsync("""
        class C
        {
            void OnReply(Future<int> f, int v)
            {
                try { if (!f.IsCancelled) f.SetResult(v); }
                catch (InvalidStateError) { throw; }
            }
            Future<int> Never(EventLoop loop) => loop.CreateFuture<int>();
        }
        """);

    [Fact]
    public Task Not_completed_here_at_all() => Verify.VerifyAsync("""
        class C
        {
            Future<int> Start(EventLoop loop, bool x)
            {
                var f = loop.CreateFuture<int>();
                if (x) return f;
                return f;
            }
            void Catch(Future<int> f)
            {
                try { Console.WriteLine(); }
                catch (Exception) { }
            }
        }
        """);

    [Fact]
    public Task Completed_after_the_try() => Verify.VerifyAsync("""
        class C
        {
            static int Compute() => 1;
            Future<int> Start(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                try { f.SetResult(Compute()); }
                catch (Exception) { Console.WriteLine("failed"); }
                if (!f.IsDone) f.SetException(new InvalidOperationException());
                return f;
            }
        }
        """);

    [Fact]
    public Task Catch_that_fails_fast_or_calls_a_DoesNotReturn_helper() => Verify.VerifyAsync("""
        using System.Diagnostics.CodeAnalysis;
        class C
        {
            static int Compute() => 1;
            [DoesNotReturn] static void Crash(Exception e) => throw e;
            Future<int> A(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                try { f.SetResult(Compute()); }
                catch (Exception e) { Environment.FailFast("corrupt", e); }
                return f;
            }
            void B(Future<int> f)
            {
                try { f.SetResult(Compute()); }
                catch (Exception e) { Crash(e); }
            }
        }
        """);

    // ---- recall: reported where the uncompleted future escapes (return) or is awaited ----

    [Fact]
    public Task Early_return_hands_out_a_future_that_is_never_registered() => Verify.VerifyAsync("""
        class C
        {
            private readonly Dictionary<int, Future<string>> _pending = new();
            private bool _connected;
            Future<string> Request(EventLoop loop, int id)
            {
                var f = loop.CreateFuture<string>();
                if (!_connected)
                    [|return f;|]
                _pending[id] = f;
                return f;
            }
        }
        """,
        "Future 'f' is not completed on every path of 'Request'; whoever awaits it may wait forever");

    [Fact]
    public Task Early_return_that_fails_or_registers_first_stays_quiet() => Verify.VerifyAsync("""
        class C
        {
            private readonly Dictionary<int, Future<string>> _pending = new();
            private bool _connected;
            Future<string> Request(EventLoop loop, int id)
            {
                var f = loop.CreateFuture<string>();
                if (!_connected)
                {
                    f.SetException(new InvalidOperationException("not connected"));
                    return f;
                }
                _pending[id] = f;
                return f;
            }
            Future<string> Factory(EventLoop loop, bool early)
            {
                var f = loop.CreateFuture<string>();
                if (early) return f;
                return f;
            }
        }
        """);

    [Fact]
    public Task Catch_that_logs_and_returns_it() => Verify.VerifyAsync("""
        class Connection { public event Action<string>? Received; }
        class C
        {
            static Connection Connect() => new();
            Future<string> Listen(EventLoop loop)
            {
                var f = loop.CreateFuture<string>();
                try
                {
                    Connection connection = Connect();
                    connection.Received += data => { if (!f.IsDone) f.SetResult(data); };
                }
                catch (Exception e)
                {
                    Console.WriteLine(e);
                    [|return f;|]
                }
                return f;
            }
        }
        """);

    [Fact]
    public Task Catch_that_fails_the_future_before_returning_it_stays_quiet() => Verify.VerifyAsync("""
        class Connection { public event Action<string>? Received; }
        class C
        {
            static Connection Connect() => new();
            Future<string> Listen(EventLoop loop)
            {
                var f = loop.CreateFuture<string>();
                try
                {
                    Connection connection = Connect();
                    connection.Received += data => { if (!f.IsDone) f.SetResult(data); };
                }
                catch (Exception e)
                {
                    Console.WriteLine(e);
                    f.SetException(e);
                    return f;
                }
                return f;
            }
        }
        """);

    [Fact]
    public Task Coroutine_awaits_a_local_future_that_one_path_never_arranges_to_complete() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask<int> Ask(EventLoop loop, bool cached)
            {
                var f = loop.CreateFuture<int>();
                if (!cached)
                    loop.CallSoon(static g => { if (!g.IsDone) g.SetResult(1); }, f);
                return [|await f|];
            }
            async FutureTask Forgotten(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                Console.WriteLine([|await f|]);
            }
        }
        """,
        "Future 'f' is not completed on every path of 'Ask'; whoever awaits it may wait forever",
        "Future 'f' is not completed on every path of 'Forgotten'; whoever awaits it may wait forever");

    [Fact]
    public Task Coroutine_awaiting_a_local_future_arranged_on_every_path_stays_quiet() => Verify.VerifyAsync("""
        class C
        {
            static void Register(Future<int> f) { }
            async FutureTask<int> Ask(EventLoop loop, bool cached)
            {
                var f = loop.CreateFuture<int>();
                if (cached)
                    f.SetResult(0);
                else
                    loop.CallSoon(static g => { if (!g.IsDone) g.SetResult(1); }, f);
                var g2 = loop.CreateFuture<int>();
                Register(g2);
                return await f + await g2;
            }
            async FutureTask Checked(EventLoop loop, Future<int> other)
            {
                var f = loop.CreateFuture<int>();
                other.AddDoneCallback(_ => { if (!f.IsDone) f.SetResult(1); });
                await f;
            }
        }
        """);

    // Straight-line bodies are decided without a control-flow graph; these pin that shortcut to the flow's answers.
    [Fact]
    public Task Straight_line_await_reported_once_and_only_when_nothing_before_hands_it_off() => Verify.VerifyAsync("""
        class C
        {
            static int Register(Future<int> f) => 0;
            async FutureTask Twice(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                Console.WriteLine([|await f|]);
                Console.WriteLine(await f);
            }
            async FutureTask HandedOffBefore(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                Register(f);
                Console.WriteLine(await f);
            }
            async FutureTask HandedOffOnlyAfter(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                Console.WriteLine([|await f|] + Register(f));
            }
            async FutureTask OnlyWatched(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                f.AddDoneCallback(_ => Console.WriteLine("done"));
                Console.WriteLine([|await f|]);
            }
            async FutureTask CapturedBefore(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                loop.CallSoon(() => { if (!f.IsDone) f.SetResult(1); });
                Console.WriteLine(await f);
            }
        }
        """);
}
