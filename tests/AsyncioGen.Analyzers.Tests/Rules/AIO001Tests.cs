using System.Threading.Tasks;
using AsyncioGen.Analyzers.Rules;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.FutureCompletedTwiceAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO001Tests
{
    // ---- fires ----

    [Fact]
    public Task Two_completions_in_a_row() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f)
            {
                f.SetResult(1);
                [|f.SetResult(2)|];
            }
        }
        """,
        "Future 'f' may already be done here: 'SetResult' on line 5 may have completed it; a second SetResult/SetException throws InvalidStateError");

    [Fact]
    public Task Completion_in_a_loop() => Verify.VerifyAsync("""
        class C
        {
            void Publish(Future<int> f, int[] values)
            {
                foreach (var v in values)
                    [|f.SetResult(v)|];
            }
        }
        """,
        "Future 'f' may already be done here: an earlier iteration of the loop completed it; a second SetResult/SetException throws InvalidStateError");

    [Fact]
    public Task Set_after_cancel_without_check() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop)
            {
                var f = loop.CreateFuture<string>();
                f.Cancel("stop");
                [|f.SetException(new InvalidOperationException())|];
            }
        }
        """);

    [Fact]
    public Task Try_completes_then_throws_into_catch_that_completes_again() => Verify.VerifyAsync("""
        class C
        {
            static int Parse(string s) => int.Parse(s);
            static void Audit(string s) { }
            void Finish(Future<int> f, string raw)
            {
                try
                {
                    f.SetResult(Parse(raw));
                    Audit(raw);
                }
                catch (Exception e)
                {
                    [|f.SetException(e)|];
                }
            }
        }
        """);

    [Fact]
    public Task Completion_on_one_branch_then_unconditionally() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f, bool early)
            {
                if (early)
                    f.SetResult(0);
                [|f.SetResult(1)|];
            }
        }
        """);

    [Fact]
    public Task Field_completed_twice_without_await_between() => Verify.VerifyAsync("""
        class C
        {
            private Future<int> _f = null!;
            void M()
            {
                _f.SetResult(1);
                [|_f.SetResult(2)|];
            }
        }
        """);

    [Fact]
    public Task Inside_a_lambda() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop, Future<int> f)
            {
                loop.CallSoon(() =>
                {
                    f.SetResult(1);
                    [|f.SetResult(2)|];
                });
            }
        }
        """);

    // ---- quiet ----

    [Fact]
    public Task Exclusive_branches() => Verify.VerifyAsync("""
        class C
        {
            void Finish(Future<string> f, string? d, Exception? e)
            {
                if (e is null) f.SetResult(d!);
                else f.SetException(e);
            }
        }
        """);

    [Fact]
    public Task Switch_arms_and_conditional() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f, int k)
            {
                switch (k)
                {
                    case 0: f.SetResult(0); break;
                    case 1: f.SetException(new InvalidOperationException()); break;
                    default: f.Cancel(); break;
                }
            }
        }
        """);

    [Fact]
    public Task Reassigned_between_completions() => Verify.VerifyAsync("""
        class C
        {
            void Retry(EventLoop loop, ref Future<int> f)
            {
                f.SetResult(1);
                f = loop.CreateFuture<int>();
                f.SetResult(2);
            }
        }
        """);

    [Fact]
    public Task IsDone_guard() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f)
            {
                f.SetResult(1);
                if (!f.IsDone) f.SetResult(2);
                if (f.IsDone) return;
                f.SetResult(3);
            }
        }
        """);

    [Fact]
    public Task IsCancelled_guard_after_cancel() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f, bool stop)
            {
                if (stop) f.Cancel();
                if (!f.IsCancelled) f.SetResult(1);
            }
        }
        """);

    [Fact]
    public Task Early_return_and_throw() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f, bool a, bool b)
            {
                if (a) { f.SetResult(1); return; }
                if (b) { f.SetResult(2); throw new InvalidOperationException(); }
                f.SetResult(3);
            }
        }
        """);

    [Fact]
    public Task Loop_with_break_after_completion() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f, int[] values)
            {
                foreach (var v in values)
                {
                    if (v > 0) { f.SetResult(v); break; }
                }
            }
        }
        """);

    [Fact]
    public Task Try_whose_completion_is_last_then_catch() => Verify.VerifyAsync("""
        class C
        {
            static int Parse(string s) => int.Parse(s);
            void Finish(Future<int> f, string raw)
            {
                try
                {
                    var v = Parse(raw);
                    f.SetResult(v);
                }
                catch (Exception e)
                {
                    f.SetException(e);
                }
            }
        }
        """);

    [Fact]
    public Task Different_futures_and_a_new_future_per_iteration() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop, Future<int> a, Future<int> b, int[] values)
            {
                a.SetResult(1);
                b.SetResult(2);
                foreach (var v in values)
                {
                    var f = loop.CreateFuture<int>();
                    f.SetResult(v);
                }
            }
        }
        """);

    [Fact]
    public Task Field_with_await_between() => Verify.VerifyAsync("""
        class C
        {
            private Future<int> _f = null!;
            async FutureTask M()
            {
                _f.SetResult(1);
                await Asyncio.Sleep(0);
                _f.SetResult(2);
            }
        }
        """);

    [Fact]
    public Task Completion_in_finally_guarded() => Verify.VerifyAsync("""
        class C
        {
            static int Compute() => 1;
            void M(Future<int> f)
            {
                try
                {
                    f.SetResult(Compute());
                }
                finally
                {
                    if (!f.IsDone) f.Cancel();
                }
            }
        }
        """);

    [Fact]
    public Task Cancel_twice_is_fine() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f)
            {
                f.SetResult(1);
                f.Cancel();
                f.Cancel();
            }
        }
        """);

    [Fact]
    public Task Broken_code_does_not_throw() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f)
            {
                f.SetResult(1);
                if (!f.IsDone) f.SetResult(2);
            }
        }
        """);

    [Fact]
    public Task Task_receivers_belong_to_AIO012_and_helpers_are_not_followed() => Verify.VerifyAsync("""
        class C
        {
            static void Complete(Future<int> f) => f.SetResult(1);
            void M(FutureTask<int> t, Future<int> f)
            {
                t.SetResult(1);
                t.SetResult(2);
                Complete(f);
                f.SetResult(2);
            }
        }
        """);

    [Fact]
    public Task While_not_done_loop() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f, System.Collections.Generic.Queue<int> q)
            {
                while (!f.IsDone && q.Count > 0)
                {
                    var v = q.Dequeue();
                    if (v > 0) f.SetResult(v);
                }
            }
        }
        """);

    [Fact]
    public Task Completion_in_finally_then_after_the_try() => Verify.VerifyAsync("""
        class C
        {
            static void Work() { }
            void M(Future<int> f)
            {
                try { Work(); }
                finally { f.SetResult(1); }
                [|f.SetResult(2)|];
            }
        }
        """);

    [Fact]
    public Task Completion_in_try_then_in_finally() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f)
            {
                try { f.SetResult(1); }
                finally { [|f.SetException(new InvalidOperationException())|]; }
            }
        }
        """);

    [Fact]
    public Task Field_reset_by_a_method_of_the_type() => Verify.VerifyAsync("""
        class C
        {
            private Future<int> _f = null!;
            private readonly EventLoop _loop = new();
            void Reset() => _f = _loop.CreateFuture<int>();
            void M()
            {
                _f.SetResult(1);
                Reset();
                _f.SetResult(2);
            }
        }
        """);

    // One completion call can still run twice when a loop or a goto runs it again: the rule's shortcut
    // (no control-flow graph for a body with one completion per future) must not skip these.
    [Fact]
    public Task A_single_completion_run_again_by_a_loop_or_a_goto() => Verify.VerifyAsync("""
        class C
        {
            void Loop(Future<int> f, int[] xs)
            {
                foreach (var x in xs) [|f.SetResult(x)|];
            }
            void Goto(Future<int> f, int n)
            {
            again:
                [|f.SetResult(n)|];
                if (--n > 0) goto again;
            }
        }
        """);
}
