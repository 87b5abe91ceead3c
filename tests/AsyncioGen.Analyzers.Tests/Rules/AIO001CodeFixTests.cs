using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.FutureCompletedTwiceAnalyzer, AsyncioGen.CodeFixes.FutureCompletedTwiceCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO001CodeFixTests
{
    [Fact]
    public Task Guards_the_second_completion() => Fix.VerifyFixAsync("""
        class C
        {
            void M(Future<int> f)
            {
                f.SetResult(1);
                [|f.SetResult(2)|];
            }
        }
        """, """
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
    public Task Guards_an_embedded_statement_in_a_loop() => Fix.VerifyFixAsync("""
        class C
        {
            void Publish(Future<int> f, int[] values)
            {
                foreach (var v in values)
                    [|f.SetResult(v)|]; // the first value wins
            }
        }
        """, """
        class C
        {
            void Publish(Future<int> f, int[] values)
            {
                foreach (var v in values)
                    if (!f.IsDone) f.SetResult(v); // the first value wins
            }
        }
        """);

    [Fact]
    public Task Guards_a_field_completion_after_cancel() => Fix.VerifyFixAsync("""
        class C
        {
            private Future<string> _f = null!;
            void M()
            {
                this._f.Cancel();
                [|this._f.SetException(new TimeoutException())|];
            }
        }
        """, """
        class C
        {
            private Future<string> _f = null!;
            void M()
            {
                this._f.Cancel();
                if (!this._f.IsDone) this._f.SetException(new TimeoutException());
            }
        }
        """);

    [Fact]
    public Task Fix_all_in_document() => Fix.VerifyFixAllAsync("""
        class C
        {
            void M(Future<int> f, Future<int> g, bool early)
            {
                f.SetResult(1);
                [|f.SetResult(2)|];
                if (early) g.Cancel();
                [|g.SetResult(3)|];
            }
            void N(Future<int> h, int[] values)
            {
                foreach (var v in values)
                {
                    [|h.SetResult(v)|];
                }
            }
        }
        """, """
        class C
        {
            void M(Future<int> f, Future<int> g, bool early)
            {
                f.SetResult(1);
                if (!f.IsDone) f.SetResult(2);
                if (early) g.Cancel();
                if (!g.IsDone) g.SetResult(3);
            }
            void N(Future<int> h, int[] values)
            {
                foreach (var v in values)
                {
                    if (!h.IsDone) h.SetResult(v);
                }
            }
        }
        """, FixAllScope.Document);

    [Fact]
    public Task Fix_all_in_solution() => Fix.VerifyFixAllAsync("""
        class C
        {
            void M(Future<int> f)
            {
                f.SetResult(1);
                [|f.SetResult(2)|];
                [|f.SetResult(3)|];
            }
        }
        """, """
        class C
        {
            void M(Future<int> f)
            {
                f.SetResult(1);
                if (!f.IsDone) f.SetResult(2);
                if (!f.IsDone) f.SetResult(3);
            }
        }
        """, FixAllScope.Solution);
}
