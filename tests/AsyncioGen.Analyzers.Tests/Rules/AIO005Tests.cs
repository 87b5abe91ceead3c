using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.ResultOfFutureNotKnownDoneAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO005Tests
{
    // ---- fires ----

    [Fact]
    public Task GetResult_on_a_fresh_executor_future() => Verify.VerifyAsync("""
        class C
        {
            static int Load() => 1;
            int LoadNow(EventLoop loop)
            {
                var f = loop.RunInExecutor(() => Load());
                return [|f.GetResult()|];
            }
        }
        """,
        "'GetResult' is called on 'f', which is not known to be done here; await it or check IsDone first, or InvalidStateError is thrown");

    [Fact]
    public Task GetException_on_a_parameter() => Verify.VerifyAsync("""
        class C
        {
            Exception? M(Future<int> f) => [|f.GetException()|];
        }
        """,
        "'GetException' is called on 'f', which is not known to be done here; await it or check IsDone first, or InvalidStateError is thrown");

    [Fact]
    public Task Other_future_inside_a_done_callback() => Verify.VerifyAsync("""
        class C
        {
            void Wire(Future<int> a, Future<int> b)
            {
                a.AddDoneCallback(done => Console.WriteLine(done.GetResult() + [|b.GetResult()|]));
            }
        }
        """);

    [Fact]
    public Task Read_before_the_await() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask<int> M(Future<int> f)
            {
                var early = [|f.GetResult()|];
                await f;
                return early + f.GetResult();
            }
        }
        """);

    [Fact]
    public Task Only_one_branch_checked() => Verify.VerifyAsync("""
        class C
        {
            int M(Future<int> f, bool flag)
            {
                if (flag && !f.IsDone) return 0;
                return [|f.GetResult()|];
            }
        }
        """);

    [Fact]
    public Task Reassigned_after_await() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask<int> M(EventLoop loop, Future<int> f)
            {
                await f;
                f = loop.CreateFuture<int>();
                return [|f.GetResult()|];
            }
        }
        """);

    // ---- quiet ----

    [Fact]
    public Task After_await() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask<int> Sum(Future<int> a)
            {
                await a;
                return a.GetResult() + 1;
            }
        }
        """);

    [Fact]
    public Task IsDone_and_IsCancelled_checks() => Verify.VerifyAsync("""
        class C
        {
            int M(Future<int> f, Future<int> g)
            {
                if (f.IsDone) Console.WriteLine(f.GetResult());
                var x = g.IsDone ? g.GetException() : null;
                if (!f.IsDone) return 0;
                if (g.IsCancelled) return 1;
                return f.GetResult() + (f.IsDone && f.GetException() is null ? 1 : 0);
            }
        }
        """);

    [Fact]
    public Task Inside_its_own_done_callback() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f)
            {
                f.AddDoneCallback(d => Console.WriteLine(d.GetResult()));
                f.AddDoneCallback(_ => Console.WriteLine(f.GetResult()));
                f.AddDoneCallback(static (d, name) => Console.WriteLine(name + d.GetException()), "x");
            }
        }
        """);

    [Fact]
    public Task After_RunUntilComplete_and_own_completion() => Verify.VerifyAsync("""
        class C
        {
            int M(EventLoop loop, Future<int> f)
            {
                loop.RunUntilComplete(f);
                var g = loop.CreateFuture<int>();
                g.SetResult(2);
                return f.GetResult() + g.GetResult();
            }
        }
        """);

    [Fact]
    public Task In_a_lambda_created_after_the_await() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask M(EventLoop loop, Future<int> f)
            {
                await f;
                loop.CallSoon(() => Console.WriteLine(f.GetResult()));
            }
        }
        """);

    [Fact]
    public Task Guard_with_early_throw() => Verify.VerifyAsync("""
        class C
        {
            int M(Future<int> f)
            {
                if (!f.IsDone) throw new InvalidOperationException("not yet");
                return f.GetResult();
            }
        }
        """);

    [Fact]
    public Task Nameof_and_other_types() => Verify.VerifyAsync("""
        class C
        {
            string M(Task<int> t) => nameof(Future<int>.GetResult) + t.GetAwaiter().GetResult();
        }
        """);

    [Fact]
    public Task Copy_of_a_done_future() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask<int> M(Future<int> f)
            {
                await f;
                var g = f;
                return g.GetResult();
            }
        }
        """);

    [Fact]
    public Task Expression_trees_are_not_run() => Verify.VerifyAsync("""
        class C
        {
            System.Linq.Expressions.Expression<Func<int>> M(Future<int> f) => () => f.GetResult();
        }
        """);

    [Fact]
    public Task Asserted_done_and_await_that_threw() => Verify.VerifyAsync("""
        class C
        {
            static void Check(bool condition) { }
            int M(Future<int> f, Future<int> g)
            {
                System.Diagnostics.Debug.Assert(f.IsDone);
                return f.GetResult();
            }
            async FutureTask<Exception?> N(Future<int> inner)
            {
                try { await inner; return null; }
                catch (InvalidOperationException) { return inner.GetException(); }
            }
        }
        """);

    [Fact]
    public Task Future_handed_to_a_callback_parameter() => Verify.VerifyAsync("""
        class C
        {
            static void Drop(EventLoop loop, Action<Future<int>> inspect) { }
            void M(EventLoop loop) => Drop(loop, f => Console.WriteLine(f.GetException()));
        }
        """);

    [Fact]
    public Task Test_framework_assertions_count_as_checks() => Verify.VerifyAsync("""
        static class Assert
        {
            public static void True(bool condition) { }
            public static void False(bool condition) { }
            public static T Throws<T>(Func<object?> code) where T : Exception => null!;
        }
        class C
        {
            void M(Future<int> task, Future<int> other)
            {
                Assert.True(task.IsCancelled);
                Assert.Throws<CancelledError>(() => task.GetException());
                Assert.False(!other.IsDone);
                Console.WriteLine(other.GetResult());
            }
        }
        """);

    [Fact]
    public Task Done_at_the_end_of_a_finally() => Verify.VerifyAsync("""
        class C
        {
            static void Work() { }
            int M(Future<int> f)
            {
                try { Work(); }
                finally { if (!f.IsDone) f.Cancel(); }
                return f.IsCancelled ? -1 : f.GetResult();
            }
            Exception? N(Future<int> f)
            {
                try { Work(); }
                finally { if (!f.IsDone) f.SetResult(0); }
                return f.GetException();
            }
        }
        """);

    [Fact]
    public Task After_Gather_and_for_the_done_set_of_Wait() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask<int> Sum(Future<int> a, Future<int> b, List<Future<int>> many)
            {
                await Asyncio.Gather(a, b);
                await Asyncio.Gather(many);
                int total = a.GetResult() + b.GetResult();
                foreach (var f in many) total += f.GetResult();
                return total;
            }
            async FutureTask Drain(IReadOnlyList<Future<int>> fs)
            {
                var (done, pending) = await Asyncio.Wait(fs);
                foreach (var d in done) Console.WriteLine(d.GetResult());
                foreach (var p in pending) Console.WriteLine([|p.GetResult()|]);
            }
        }
        """);

    [Fact]
    public Task Wait_for_all_and_AsCompletedAsync() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask<int> M(Future<int> ok, Future<int> bad, Future<int> slow)
            {
                await Asyncio.Wait(new[] { ok, bad });
                var total = ok.GetResult() + (bad.GetException() is null ? 1 : 0);
                await Asyncio.Wait(new[] { slow }, returnWhen: ReturnWhen.FirstException);
                total += [|slow.GetResult()|];
                await foreach (Future<int> f in Asyncio.AsCompletedAsync(new[] { ok, bad }))
                {
                    total += f.GetResult();
                }
                return total;
            }
        }
        """);

    // ---- recall: callbacks that read a future nothing says is done ----

    [Fact]
    public Task Done_callback_reading_a_different_future() => Verify.VerifyAsync("""
        class C
        {
            void Wire(Future<int> a, Future<int> b)
            {
                a.AddDoneCallback(_ => Console.WriteLine([|b.GetResult()|]));
                a.AddDoneCallback(static (_, other) => Console.WriteLine([|other.GetResult()|]), b);
            }
        }
        """,
        "'GetResult' is called on 'b', which is not known to be done here; await it or check IsDone first, or InvalidStateError is thrown",
        "'GetResult' is called on 'other', which is not known to be done here; await it or check IsDone first, or InvalidStateError is thrown");

    [Fact]
    public Task Done_callback_reading_its_own_future_or_a_checked_one_stays_quiet() => Verify.VerifyAsync("""
        class C
        {
            void Wire(Future<int> a, Future<int> b)
            {
                a.AddDoneCallback(f => Console.WriteLine(f.GetResult()));
                a.AddDoneCallback(_ => Console.WriteLine(a.GetResult()));
                a.AddDoneCallback(static (f, other) => { if (other.IsDone) Console.WriteLine(f.GetResult() + other.GetResult()); }, b);
            }
        }
        """);

    [Fact]
    public Task Timer_callback_reading_the_future_it_watches() => Verify.VerifyAsync("""
        class C
        {
            void Watch(EventLoop loop, Future<int> f)
            {
                loop.CallLater(5.0, () => Console.WriteLine([|f.GetResult()|]));
                loop.CallLater(5.0, static g => Console.WriteLine([|g.GetException()|]), f);
            }
        }
        """);

    [Fact]
    public Task Timer_callback_that_checks_or_is_armed_after_the_await_stays_quiet() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask Watch(EventLoop loop, Future<int> f, Future<int> g)
            {
                loop.CallLater(5.0, static h => { if (h.IsDone) Console.WriteLine(h.GetResult()); }, g);
                loop.CallLater(5.0, () => { if (!g.IsDone) return; Console.WriteLine(g.GetResult()); });
                await f;
                loop.CallLater(5.0, () => Console.WriteLine(f.GetResult()));
                loop.CallSoon(static h => Console.WriteLine(h.GetResult()), f);
            }
        }
        """);
}
