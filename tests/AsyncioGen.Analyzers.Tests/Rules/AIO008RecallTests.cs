using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.ForeignThreadAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

/// <summary>AIO008 recall (issue 14): CancellationToken.Register callbacks run on the thread that cancels.</summary>
public class AIO008RecallTests
{
    [Fact]
    public Task CancellationToken_Register_callback_completes_or_adds_a_done_callback() => Verify.VerifyAsync("""
        class C
        {
            void Link(Future<int> f, CancellationToken token)
            {
                token.Register(() => [|f.Cancel()|]);
                token.Register(() => [|f.AddDoneCallback(static _ => { })|]);
            }
        }
        """,
        "'Cancel' is called on future 'f' from code that runs on another thread (a CancellationToken.Register callback): the runtime posts it to the loop, where it takes effect at the next iteration (in debug mode it throws); call loop.CallSoonThreadsafe to make the hop explicit");

    [Fact]
    public Task Quiet_when_the_Register_callback_marshals_to_the_loop() => Verify.VerifyAsync("""
        class C
        {
            void Link(Future<int> f, CancellationToken token)
            {
                token.Register(() => f.GetLoop().CallSoonThreadsafe(() => f.Cancel()));
            }
        }
        """);
}
