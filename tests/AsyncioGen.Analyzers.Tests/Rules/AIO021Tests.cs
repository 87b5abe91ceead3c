using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.NestedFutureAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO021Tests
{
    [Fact]
    public Task Futures_of_futures_declared_or_produced() => Verify.VerifyAsync(@"
class C
{
    Future<Future<int>>? [|_pending|];
    static async FutureTask<int> WorkAsync() { await Asyncio.Sleep(0); return 1; }
    FutureTask<FutureTask<int>> [|Start|](EventLoop loop) => loop.CreateTask(async () => loop.CreateTask(WorkAsync()));
    void M(EventLoop loop)
    {
        var [|f|] = loop.RunInExecutor(() => loop.CreateFuture<int>());
        Consume([|loop.RunInExecutor(() => loop.CreateFuture<int>())|]);
    }
    void Consume(Future f) { }
}", "'_pending' is a future of a future (Future<Future<int>>?): awaiting it once gives the inner future, not its result");

    [Fact]
    public Task Quiet_for_single_futures_and_futures_of_other_things() => Verify.VerifyAsync(@"
class C
{
    Future<List<Future<int>>>? _batches;
    static async FutureTask<int> WorkAsync() { await Asyncio.Sleep(0); return 1; }
    FutureTask<int> Start(EventLoop loop) => loop.CreateTask(WorkAsync());
    async FutureTask<int> Unwrapped(EventLoop loop) => await await loop.CreateTask(async () => loop.CreateTask(WorkAsync()));
    T Generic<T>(Future<T> f) => default!;
}");
}

public class AIO021RecallTests
{
    private const string Work = @"
static class Work { public static async FutureTask<int> FetchAsync() { await Asyncio.Sleep(0); return 1; } }
";

    [Fact]
    public Task In_type_arguments_arrays_parameters_and_local_functions() => Verify.VerifyAsync(Work + @"
class C
{
    readonly List<Future<Future<int>>> [|_queue|] = new();
    Dictionary<string, FutureTask<FutureTask<int>>>? [|_byName|];
    Future<Future<int>>[]? [|_slots|];
    void Take(Future<Future<int>> [|pending|]) { }
    C((Future<Future<int>>, int) [|pair|]) { }
    void M(EventLoop loop)
    {
        Future<FutureTask<int>> [|local|] = loop.CreateFuture<FutureTask<int>>();
        FutureTask<FutureTask<int>> [|Start|]() => loop.CreateTask(async () => loop.CreateTask(Work.FetchAsync()));
        void Accept(Func<Future<Future<int>>> [|factory|]) { }
    }
}", "'_queue' is a future of a future (List<Future<Future<int>>>): awaiting it once gives the inner future, not its result");

    // Decision: a BCL task inside a future, and a future inside a BCL task, are the same mistake (awaiting once
    // gives the inner awaitable); a BCL task of a BCL task is AsyncFixer05's, not ours.
    [Fact]
    public Task BCL_tasks_inside_futures_and_futures_inside_BCL_tasks() => Verify.VerifyAsync(Work + @"
class C
{
    Future<Task<int>>? [|_wrapped|];
    Future<Task>? [|_plain|];
    Task<FutureTask<int>> [|Started|](EventLoop loop) => Task.FromResult(loop.CreateTask(Work.FetchAsync()));
    ValueTask<Future<int>> [|Ready|](Future<int> f) => new(f);
    Task<Task<int>>? _bclOnly;
    ValueTask<Task<int>> BclOnly() => default;
}");

    [Fact]
    public Task Overrides_and_implementations_are_reported_once_where_declared() => Verify.VerifyAsync(Work + @"
interface ISource { Future<Future<int>> [|Next|](); }
abstract class Base { public abstract Future<Future<int>> [|Pending|] { get; } }
sealed class Derived : Base, ISource
{
    public override Future<Future<int>> Pending => null!;
    public Future<Future<int>> Next() => null!;
}
sealed class Explicit : ISource
{
    Future<Future<int>> ISource.Next() => null!;
}");

    [Fact]
    public Task Quiet_for_futures_of_collections_and_generic_definitions() => Verify.VerifyAsync(Work + @"
class C
{
    Future<List<Future<int>>>? _batch;
    List<Future<int>> _futures = new();
    Future<int>[] _many = new Future<int>[2];
    Dictionary<string, FutureTask<int>> _tasks = new();
    static Future<T> Wrap<T>(Future<T> f) => f;
    async FutureTask<int> Unwrapped(EventLoop loop)
    {
        var inner = await loop.CreateTask(async () => loop.CreateTask(Work.FetchAsync()));
        return await inner;
    }
}");

    [Fact]
    public Task A_var_local_is_reported_once_not_again_at_its_initializer() => Verify.VerifyAsync(Work + @"
class C
{
    void M(EventLoop loop)
    {
        var [|started|] = Task.FromResult(loop.CreateTask(Work.FetchAsync()));
        Keep([|Task.FromResult(loop.CreateTask(Work.FetchAsync()))|]);
    }
    static void Keep(object o) { }
}");
}
