using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.CompletionWithoutCancelledCheckAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO004Tests
{
    // ---- fires ----

    [Fact]
    public Task CallLater_callback() => Verify.VerifyAsync("""
        class C
        {
            Future<int> M(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                loop.CallLater(1.0, () => [|f.SetResult(42)|]);
                return f;
            }
        }
        """,
        "'SetResult' completes 'f' in a callback without checking IsCancelled or IsDone; if the future was cancelled meanwhile this throws InvalidStateError");

    [Fact]
    public Task Done_callback_of_another_future() => Verify.VerifyAsync("""
        class C
        {
            void Chain(Future<int> inner, Future<int> outer)
            {
                inner.AddDoneCallback(d => [|outer.SetResult(d.GetResult())|]);
            }
        }
        """,
        "'SetResult' completes 'outer' in a callback without checking IsCancelled or IsDone; if the future was cancelled meanwhile this throws InvalidStateError");

    [Fact]
    public Task Event_handler() => Verify.VerifyAsync("""
        class Source { public event EventHandler<int>? Completed; }
        class C
        {
            void M(Source s, Future<int> f)
            {
                s.Completed += (_, v) => [|f.SetResult(v)|];
            }
        }
        """);

    [Fact]
    public Task User_callback_API_with_exception() => Verify.VerifyAsync("""
        class Http { public void Get(string url, Action<string> onBody, Action<Exception> onError) { } }
        class C
        {
            private readonly Future<string> _body = null!;
            void M(Http http)
            {
                http.Get("u", body => [|_body.SetResult(body)|], e => [|_body.SetException(e)|]);
            }
        }
        """);

    [Fact]
    public Task Early_return_guard_holds_but_the_threadsafe_callback_is_unguarded() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop, Future<int> f)
            {
                loop.CallSoon(() =>
                {
                    if (f.IsCancelled) return;
                    Console.WriteLine("ok");
                    f.SetResult(1);
                });
                loop.CallSoonThreadsafe(() => [|f.SetResult(2)|]);
            }
        }
        """);

    // ---- quiet ----

    [Fact]
    public Task Guarded_with_IsCancelled_or_IsDone() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop, Future<int> f, Future<int> g)
            {
                loop.CallSoon(() => { if (!f.IsCancelled) f.SetResult(1); });
                loop.CallLater(1.0, () => { if (g.IsDone) return; g.SetException(new TimeoutException()); });
                loop.CallSoon(() => { if (!f.IsDone && g.IsDone) f.SetResult(g.GetResult()); });
            }
        }
        """);

    [Fact]
    public Task Fresh_future_created_in_the_callback() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop)
            {
                loop.CallSoon(() =>
                {
                    var f = loop.CreateFuture<int>();
                    f.SetResult(1);
                });
            }
        }
        """);

    [Fact]
    public Task Straight_code_and_the_done_receiver() => Verify.VerifyAsync("""
        class C
        {
            Future<int> Ready(EventLoop loop, Future<int> f)
            {
                var g = loop.CreateFuture<int>();
                g.SetResult(42);
                f.AddDoneCallback(d => Console.WriteLine(d.IsCancelled));
                return g;
            }
        }
        """);

    [Fact]
    public Task Off_loop_callbacks_are_AIO008s_business() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f)
            {
                Task.Run(() => f.SetResult(1));
                ThreadPool.QueueUserWorkItem(_ => f.SetResult(2));
            }
        }
        """);

    [Fact]
    public Task Try_catching_InvalidStateError_and_task_receivers() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop, Future<int> f, FutureTask<int> t)
            {
                loop.CallSoon(() =>
                {
                    try { f.SetResult(1); }
                    catch (InvalidStateError) { }
                });
                loop.CallSoon(() => t.Cancel());
            }
        }
        """);

    [Fact]
    public Task Synchronous_BCL_callbacks() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f, List<int> values)
            {
                values.ForEach(v => Console.WriteLine(v));
                Array.ForEach(new[] { 1 }, v => f.Cancel());
            }
        }
        """);

    [Fact]
    public Task Receiver_completed_in_its_own_done_callback_and_dictionary_lookup_guarded() => Verify.VerifyAsync("""
        class C
        {
            private readonly Dictionary<int, Future<int>> _pending = new();
            void M(EventLoop loop, Future<int> f, int id, int value)
            {
                f.AddDoneCallback(_ => f.Cancel());
                loop.CallSoon(() =>
                {
                    if (_pending.Remove(id, out var p) && !p.IsCancelled)
                        p.SetResult(value);
                });
            }
        }
        """);

    [Fact]
    public Task Coroutine_completes_a_parameter_after_an_await() => Verify.VerifyAsync("""
        class C
        {
            static async FutureTask<int> ComputeAsync() { await Asyncio.Sleep(0); return 1; }
            async FutureTask Produce(Future<int> f)
            {
                var v = await ComputeAsync();
                [|f.SetResult(v)|];
            }
        }
        """,
        "'SetResult' completes 'f' after an await without checking IsCancelled or IsDone; if the future was cancelled meanwhile this throws InvalidStateError");

    [Fact]
    public Task Coroutine_before_any_await_checked_after_it_or_its_own_future() => Verify.VerifyAsync("""
        class C
        {
            private Future<int> _ready = null!;
            async FutureTask Produce(EventLoop loop, Future<int> f, Future<int> g)
            {
                f.SetResult(0);
                await Asyncio.Sleep(0);
                if (!_ready.IsCancelled) _ready.SetResult(1);
                var own = loop.CreateFuture<int>();
                own.SetResult(2);
                await g;
                Console.WriteLine(g.GetResult());
            }
            async Task NotACoroutine(Future<int> f)
            {
                await Task.Yield();
                f.SetResult(1);
            }
        }
        """);

    [Fact]
    public Task Private_future_that_nobody_else_can_cancel() => Verify.VerifyAsync("""
        class C
        {
            int M(EventLoop loop)
            {
                var f = loop.CreateFuture<int>();
                loop.CallSoon(() => f.SetResult(1));
                loop.RunUntilComplete(f);
                return f.GetResult();
            }
        }
        """);

    [Fact]
    public Task Local_future_that_escapes_or_is_cancelled_is_not_private() => Verify.VerifyAsync("""
        class C
        {
            static void Register(Future<int> f) { }
            void M(EventLoop loop)
            {
                var a = loop.CreateFuture<int>();
                Register(a);
                loop.CallSoon(() => [|a.SetResult(1)|]);
                var b = loop.CreateFuture<int>();
                loop.CallLater(5.0, () => b.Cancel());
                loop.CallSoon(() => [|b.SetResult(1)|]);
            }
        }
        """);

    [Fact]
    public Task After_ConfigureAwait_false_AIO008_reports_instead() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask M(Future<int> f, Task<int> io)
            {
                var v = await io.ConfigureAwait(false);
                f.SetResult(v);
            }
        }
        """);

    // ---- recall: code that runs later than the future's creation, not dominated by a check ----

    [Fact]
    public Task Rpc_event_handler_completes_the_pending_future_looked_up_by_id() => Verify.VerifyAsync("""
        class Transport { public event Action<int, string>? Received; }
        class Client
        {
            private readonly Dictionary<int, Future<string>> _pending = new();
            public Client(Transport transport)
            {
                // A request that timed out was cancelled by its caller's Timeout: SetResult throws InvalidStateError.
                transport.Received += (id, data) => [|_pending[id].SetResult(data)|];
            }
        }
        """,
        "'SetResult' completes '_pending[id]' in a callback without checking IsCancelled or IsDone; if the future was cancelled meanwhile this throws InvalidStateError");

    [Fact]
    public Task Rpc_event_handler_with_a_local_taken_from_the_table() => Verify.VerifyAsync("""
        class Transport { public event Action<int, string>? Received; }
        class Client
        {
            private readonly Dictionary<int, Future<string>> _pending = new();
            public void Attach(Transport transport)
            {
                transport.Received += (id, data) =>
                {
                    if (_pending.Remove(id, out var f))
                        [|f.SetResult(data)|];
                };
            }
        }
        """);

    [Fact]
    public Task Rpc_event_handler_checked_stays_quiet() => Verify.VerifyAsync("""
        class Transport { public event Action<int, string>? Received; }
        class Client
        {
            private readonly Dictionary<int, Future<string>> _pending = new();
            public void Attach(Transport transport)
            {
                transport.Received += (id, data) =>
                {
                    if (_pending.Remove(id, out var f) && !f.IsDone)
                        f.SetResult(data);
                };
                transport.Received += (id, data) =>
                {
                    if (!_pending[id].IsCancelled) _pending[id].SetResult(data);
                };
            }
        }
        """);

    [Fact]
    public Task Done_callback_copying_into_a_future_passed_as_state() => Verify.VerifyAsync("""
        class C
        {
            void Chain(Future<int> a, Future<int> b)
            {
                a.AddDoneCallback(f => [|b.SetResult(f.GetResult())|]);
                a.AddDoneCallback(static (f, target) => [|target.SetResult(f.GetResult())|], b);
            }
        }
        """);

    [Fact]
    public Task Done_callback_copying_checked_or_completing_its_own_future_stays_quiet() => Verify.VerifyAsync("""
        class C
        {
            void Chain(Future<int> a, Future<int> b)
            {
                a.AddDoneCallback(static (f, target) => { if (!target.IsDone) target.SetResult(f.GetResult()); }, b);
                a.AddDoneCallback(f => { if (b.IsCancelled) return; b.SetResult(f.GetResult()); });
            }
        }
        """);

    [Fact]
    public Task CallLater_timer_with_the_future_as_state() => Verify.VerifyAsync("""
        class C
        {
            void Timeout(EventLoop loop, Future<int> f)
            {
                loop.CallLater(5.0, static g => [|g.SetException(new TimeoutException())|], f);
                loop.CallLater(5.0, static g => { if (!g.IsDone) g.SetException(new TimeoutException()); }, f);
            }
        }
        """);

    [Fact]
    public Task CallSoonThreadsafe_with_SetResult_as_the_callback() => Verify.VerifyAsync("""
        class C
        {
            // asyncio's loop.call_soon_threadsafe(fut.set_result, value) from a worker thread.
            void Deliver(EventLoop loop, Future<int> f, int value)
            {
                loop.CallSoonThreadsafe([|f.SetResult|], value);
                loop.CallSoonThreadsafe(static s => [|s.f.SetResult(s.value)|], (f, value));
            }
        }
        """,
        "'SetResult' completes 'f' in a callback without checking IsCancelled or IsDone; if the future was cancelled meanwhile this throws InvalidStateError");

    [Fact]
    public Task CallSoonThreadsafe_checked_or_with_a_private_future_stays_quiet() => Verify.VerifyAsync("""
        class C
        {
            void Deliver(EventLoop loop, Future<int> f, int value)
            {
                loop.CallSoonThreadsafe(static s => { if (!s.f.IsDone) s.f.SetResult(s.value); }, (f, value));
            }
            int Private(EventLoop loop)
            {
                var own = loop.CreateFuture<int>();
                loop.CallSoonThreadsafe(own.SetResult, 1);
                loop.RunUntilComplete(own);
                return own.GetResult();
            }
        }
        """);

    [Fact]
    public Task Catch_whose_try_path_checks() => Verify.VerifyAsync("""
        class C
        {
            static int Parse(string s) => int.Parse(s);
            void M(EventLoop loop, Future<int> f, string text)
            {
                loop.CallSoon(() =>
                {
                    try
                    {
                        if (!f.IsDone) f.SetResult(Parse(text));
                    }
                    catch (FormatException e)
                    {
                        [|f.SetException(e)|];
                    }
                });
            }
        }
        """);

    [Fact]
    public Task Catch_that_checks_again_stays_quiet() => Verify.VerifyAsync("""
        class C
        {
            static int Parse(string s) => int.Parse(s);
            void M(EventLoop loop, Future<int> f, string text)
            {
                loop.CallSoon(() =>
                {
                    if (f.IsCancelled) return;
                    try
                    {
                        f.SetResult(Parse(text));
                    }
                    catch (FormatException e)
                    {
                        if (!f.IsDone) f.SetException(e);
                    }
                });
            }
        }
        """);

    [Fact]
    public Task Future_created_in_the_callback_or_completed_straight_after_creation_stays_quiet() => Verify.VerifyAsync("""
        class C
        {
            Future<int> Ready(EventLoop loop, Transport t)
            {
                var now = loop.CreateFuture<int>();
                now.SetResult(1);
                t.Received += (id, data) =>
                {
                    var reply = new Future<string>(loop);
                    reply.SetResult(data);
                };
                return now;
            }
        }
        class Transport { public event Action<int, string>? Received; }
        """);

    [Fact]
    public Task Coroutine_completing_a_future_taken_from_a_table_after_an_await() => Verify.VerifyAsync("""
        class C
        {
            private readonly Dictionary<int, Future<string>> _pending = new();
            static async FutureTask<string> ReadAsync() { await Asyncio.Sleep(0); return ""; }
            async FutureTask Pump(int id)
            {
                var f = _pending[id];
                var data = await ReadAsync();
                [|f.SetResult(data)|];
            }
        }
        """);

    [Fact]
    public Task Null_conditional_completion_of_a_looked_up_future() => Verify.VerifyAsync("""
        class Transport { public event Action<int, string>? Received; }
        class Client
        {
            private readonly Dictionary<int, Future<string>> _pending = new();
            public void Attach(EventLoop loop, Transport transport)
            {
                transport.Received += (id, data) => [|_pending.GetValueOrDefault(id)?.SetResult(data)|];
                transport.Received += (id, data) =>
                {
                    Future<string>? f = _pending.GetValueOrDefault(id);
                    if (f is null) return;
                    [|f?.SetResult(data)|];
                };
            }
        }
        """,
        "'SetResult' completes '_pending.GetValueOrDefault(id)' in a callback without checking IsCancelled or IsDone; if the future was cancelled meanwhile this throws InvalidStateError",
        "'SetResult' completes 'f' in a callback without checking IsCancelled or IsDone; if the future was cancelled meanwhile this throws InvalidStateError");

    [Fact]
    public Task Null_conditional_completion_checked_stays_quiet() => Verify.VerifyAsync("""
        class Transport { public event Action<int, string>? Received; }
        class Client
        {
            private readonly Dictionary<int, Future<string>> _pending = new();
            public void Attach(Transport transport)
            {
                transport.Received += (id, data) =>
                {
                    if (_pending.Remove(id, out var f) && !f.IsDone) f?.SetResult(data);
                };
            }
        }
        """);
}
