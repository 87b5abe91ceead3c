using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.ForeignThreadAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO008Tests
{
    // ---- fires ----

    [Fact]
    public Task ThreadPool_callback_completes_a_future() => Verify.VerifyAsync("""
        class C
        {
            static int Compute() => 1;
            void Start(Future<int> f)
            {
                ThreadPool.QueueUserWorkItem(_ => [|f.SetResult(Compute())|]);
            }
        }
        """,
        "'SetResult' is called on future 'f' from code that runs on another thread (a ThreadPool.QueueUserWorkItem callback): the runtime posts it to the loop, where it takes effect at the next iteration (in debug mode it throws); call loop.CallSoonThreadsafe to make the hop explicit");

    [Fact]
    public Task Timer_callback_cancels() => Verify.VerifyAsync("""
        class C
        {
            private Timer? _timer;
            void ArmTimeout(Future<string> f)
            {
                _timer = new Timer(_ => [|f.Cancel()|], null, 5000, Timeout.Infinite);
            }
        }
        """,
        "'Cancel' is called on future 'f' from code that runs on another thread (a System.Threading.Timer callback): the runtime posts it to the loop, where it takes effect at the next iteration (in debug mode it throws); call loop.CallSoonThreadsafe to make the hop explicit");

    [Fact]
    public Task Task_Run_StartNew_Thread_ContinueWith() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop, Future<int> f, Task<int> work)
            {
                Task.Run(() => [|loop.CallSoon(() => { })|]);
                Task.Factory.StartNew(() => { [|f.AddDoneCallback(_ => { })|]; });
                new Thread(() => [|loop.Stop()|]).Start();
                work.ContinueWith(t => [|f.SetResult(t.Result)|]);
            }
        }
        """);

    [Fact]
    public Task After_ConfigureAwait_false() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask M(Future<int> f, Task<int> io)
            {
                var v = await io.ConfigureAwait(false);
                [|f.SetResult(v)|];
            }
        }
        """,
        "'SetResult' is called on future 'f' from code that runs on another thread (code after ConfigureAwait(false)): the runtime posts it to the loop, where it takes effect at the next iteration (in debug mode it throws); call loop.CallSoonThreadsafe to make the hop explicit");

    [Fact]
    public Task Nested_plain_lambda_inside_off_loop_code() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f)
            {
                Task.Run(() =>
                {
                    Action complete = () => [|f.SetResult(1)|];
                    complete();
                });
            }
        }
        """);

    // ---- quiet ----

    [Fact]
    public Task Marshalled_with_CallSoonThreadsafe() => Verify.VerifyAsync("""
        class C
        {
            static int Compute() => 1;
            void Start(EventLoop loop, Future<int> f)
            {
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    var v = Compute();
                    loop.CallSoonThreadsafe(() => { if (!f.IsCancelled) f.SetResult(v); });
                    f.GetLoop().CallSoonThreadsafe(static s => s.SetResult(1), f);
                });
            }
        }
        """);

    [Fact]
    public Task Loop_callbacks_run_on_the_loop() => Verify.VerifyAsync("""
        class C
        {
            void ArmTimeout(EventLoop loop, Future<string> f)
            {
                loop.CallLater(TimeSpan.FromSeconds(5), () => f.Cancel());
                f.AddDoneCallback(d => loop.CallSoon(() => { }));
            }
        }
        """);

    [Fact]
    public Task Own_loop_on_a_new_thread_and_reads() => Verify.VerifyAsync("""
        class C
        {
            static async FutureTask<int> WorkAsync() { await Asyncio.Sleep(0); return 1; }
            void M(Future<int> f)
            {
                new Thread(() =>
                {
                    var own = new EventLoop();
                    var g = own.CreateFuture<int>();
                    own.CallSoon(() => g.SetResult(1));
                    own.RunUntilComplete(g);
                    Console.WriteLine(f.IsDone || f.IsCancelled);
                }).Start();
            }
        }
        """);

    [Fact]
    public Task ConfigureAwait_true_and_back_on_the_loop_after_awaiting_a_future() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask M(Future<int> f, Future<int> g, Task<int> io)
            {
                var v = await io.ConfigureAwait(true);
                f.SetResult(v);
                await io.ConfigureAwait(false);
                await g;
                g.AddDoneCallback(_ => { });
            }
        }
        """);

    [Fact]
    public Task RunInExecutor_reads_only() => Verify.VerifyAsync("""
        class C
        {
            Future<int> M(EventLoop loop, Future<int> f) => loop.RunInExecutor(() => f.IsDone ? 1 : 0);
        }
        """);

    [Fact]
    public Task ContinueWith_on_a_custom_scheduler_but_not_on_the_default_one() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f, Task<int> work, TaskScheduler loopScheduler)
            {
                work.ContinueWith(t => f.SetResult(t.Result), loopScheduler);
                work.ContinueWith(t => [|f.Cancel()|], TaskScheduler.Default);
            }
        }
        """);

    [Fact]
    public Task Posted_to_the_loops_SynchronizationContext() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop, Future<int> f)
            {
                loop.CallSoon(() =>
                {
                    SynchronizationContext context = SynchronizationContext.Current!;
                    new Thread(() => context.Post(_ => f.SetResult(1), null)).Start();
                });
            }
        }
        """);

    [Fact]
    public Task Async_lambda_on_the_thread_pool_is_reported_once() => Verify.VerifyAsync("""
        class C
        {
            void M(Future<int> f, Task<int> io)
            {
                Task.Run(async () =>
                {
                    var v = await io.ConfigureAwait(false);
                    [|f.SetResult(v)|];
                });
            }
        }
        """);
}
