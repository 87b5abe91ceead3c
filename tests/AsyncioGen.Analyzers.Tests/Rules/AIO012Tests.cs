using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.CompletionOnTaskAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO012Tests
{
    private const string Work = "static async FutureTask<int> WorkAsync() { await Asyncio.Sleep(0); return 1; }\n";

    // ---- fires ----

    [Fact]
    public Task SetResult_on_a_created_task() => Verify.VerifyAsync("class C {\n" + Work + """
            void M(EventLoop loop)
            {
                var t = loop.CreateTask(WorkAsync());
                [|t.SetResult(0)|];
            }
        }
        """,
        "'SetResult' is called on a FutureTask, which always throws: a task's outcome is its coroutine's");

    [Fact]
    public Task SetException_on_a_coroutine_call() => Verify.VerifyAsync("class C {\n" + Work + """
            void M() => [|WorkAsync().SetException(new TimeoutException())|];
        }
        """,
        "'SetException' is called on a FutureTask, which always throws: a task's outcome is its coroutine's");

    [Fact]
    public Task Result_less_task_parameter() => Verify.VerifyAsync("""
        class C
        {
            void M(FutureTask t) => [|t.SetResult()|];
        }
        """);

    [Fact]
    public Task Field_of_a_task_type_and_Asyncio_CreateTask() => Verify.VerifyAsync("class C {\n" + Work + """
            private FutureTask<int>? _task;
            void M()
            {
                [|_task!.SetResult(1)|];
                [|Asyncio.CreateTask(WorkAsync()).SetException(new InvalidOperationException())|];
            }
        }
        """);

    // ---- quiet ----

    [Fact]
    public Task Cancel_on_a_task_is_a_request() => Verify.VerifyAsync("class C {\n" + Work + """
            void M(EventLoop loop)
            {
                var t = loop.CreateTask(WorkAsync());
                t.Cancel("shutdown");
            }
        }
        """);

    [Fact]
    public Task Plain_futures() => Verify.VerifyAsync("""
        class C
        {
            void M(EventLoop loop, Future g)
            {
                var f = loop.CreateFuture<int>();
                f.SetResult(0);
                g.SetException(new InvalidOperationException());
            }
        }
        """);

    [Fact]
    public Task A_plain_future_local_is_not_a_task() => Verify.VerifyAsync("class C {\n" + Work + """
            void M(EventLoop loop)
            {
                Future<int> f = loop.CreateFuture<int>();
                f.SetResult(1);
            }
        }
        """);

    // Issue 14: a task upcast to Future<T> before SetResult.
    [Fact]
    public Task Task_upcast_to_Future_before_SetResult() => Verify.VerifyAsync("class C {\n" + Work + """
            void M(EventLoop loop)
            {
                Future<int> f = loop.CreateTask(WorkAsync());
                [|f.SetResult(1)|];
                Future g = Asyncio.CreateTask(WorkAsync());
                [|g.SetException(new Exception())|];
            }
        }
        """);

    [Fact]
    public Task Quiet_when_the_upcast_local_is_reassigned() => Verify.VerifyAsync("class C {\n" + Work + """
            void M(EventLoop loop, bool fresh)
            {
                Future<int> f = loop.CreateTask(WorkAsync());
                if (fresh)
                {
                    f = loop.CreateFuture<int>();
                }
                f.SetResult(1);
            }
        }
        """);

    [Fact]
    public Task Other_SetResult_methods() => Verify.VerifyAsync("""
        class C
        {
            void M(TaskCompletionSource<int> tcs) => tcs.SetResult(1);
        }
        """);
}
