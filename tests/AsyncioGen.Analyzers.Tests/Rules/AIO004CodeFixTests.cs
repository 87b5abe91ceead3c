using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.CompletionWithoutCancelledCheckAnalyzer, AsyncioGen.CodeFixes.CompletionWithoutCancelledCheckCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO004CodeFixTests
{
    [Fact]
    public Task Wraps_a_statement_in_a_block_lambda() => Fix.VerifyFixAsync("""
        class C
        {
            void M(EventLoop loop, Future<int> f)
            {
                loop.CallSoon(() =>
                {
                    Console.WriteLine("late");
                    [|f.SetResult(1)|];
                });
            }
        }
        """, """
        class C
        {
            void M(EventLoop loop, Future<int> f)
            {
                loop.CallSoon(() =>
                {
                    Console.WriteLine("late");
                    if (!f.IsCancelled) f.SetResult(1);
                });
            }
        }
        """);

    [Fact]
    public Task Gives_an_expression_lambda_a_block_body() => Fix.VerifyFixAsync("""
        class C
        {
            void Chain(Future<int> inner, Future<int> outer)
            {
                inner.AddDoneCallback(d => [|outer.SetResult(d.GetResult())|]);
            }
        }
        """, """
        class C
        {
            void Chain(Future<int> inner, Future<int> outer)
            {
                inner.AddDoneCallback(d => { if (!outer.IsCancelled) outer.SetResult(d.GetResult()); });
            }
        }
        """);

    [Fact]
    public Task Fix_all_in_document() => Fix.VerifyFixAllAsync("""
        class Source { public event EventHandler<int>? Completed; }
        class C
        {
            void M(EventLoop loop, Source s, Future<int> f, Future<int> g)
            {
                loop.CallLater(1.0, () => [|f.SetException(new TimeoutException())|]);
                s.Completed += (_, v) =>
                {
                    Console.WriteLine(v);
                    [|g.SetResult(v)|];
                };
                loop.CallSoonThreadsafe(() => [|g.SetResult(0)|]);
            }
        }
        """, """
        class Source { public event EventHandler<int>? Completed; }
        class C
        {
            void M(EventLoop loop, Source s, Future<int> f, Future<int> g)
            {
                loop.CallLater(1.0, () => { if (!f.IsCancelled) f.SetException(new TimeoutException()); });
                s.Completed += (_, v) =>
                {
                    Console.WriteLine(v);
                    if (!g.IsCancelled) g.SetResult(v);
                };
                loop.CallSoonThreadsafe(() => { if (!g.IsCancelled) g.SetResult(0); });
            }
        }
        """, FixAllScope.Document);

    [Fact]
    public Task Guards_a_completion_through_a_table_lookup_in_an_event_handler() => Fix.VerifyFixAsync("""
        class Transport { public event Action<int, string>? Received; }
        class Client
        {
            private readonly Dictionary<int, Future<string>> _pending = new();
            public Client(Transport transport)
            {
                transport.Received += (id, data) => [|_pending[id].SetResult(data)|];
            }
        }
        """, """
        class Transport { public event Action<int, string>? Received; }
        class Client
        {
            private readonly Dictionary<int, Future<string>> _pending = new();
            public Client(Transport transport)
            {
                transport.Received += (id, data) => { if (!_pending[id].IsCancelled) _pending[id].SetResult(data); };
            }
        }
        """);

    [Fact]
    public Task Not_offered_for_SetResult_passed_as_the_callback() => Fix.VerifyNoFixAsync("""
        class C
        {
            void Deliver(EventLoop loop, Future<int> f, int value) => loop.CallSoonThreadsafe([|f.SetResult|], value);
        }
        """);
}
