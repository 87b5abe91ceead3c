using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.UnshieldedCleanupAwaitAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO018Tests
{
    private const string Io = @"
static class Io
{
    public static async FutureTask CloseAsync() { await Asyncio.Sleep(0); }
    public static async FutureTask<int> ReadAsync() { await Asyncio.Sleep(0); return 1; }
}
";

    [Fact]
    public Task Await_in_finally_and_in_a_catch_of_CancelledError() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask M()
    {
        try { await Io.ReadAsync(); }
        catch (CancelledError) { [|await Io.CloseAsync()|]; throw; }
        finally { [|await Io.CloseAsync()|]; }
        try { await Io.ReadAsync(); }
        catch (OperationCanceledException) { [|await Io.CloseAsync()|]; throw; }
    }
}",
        "'await' inside a catch of CancelledError of a coroutine can be cancelled before the cleanup finishes; await 'Asyncio.Shield(...)' of the cleanup instead");

    [Fact]
    public Task Quiet_when_shielded_elsewhere_or_outside_coroutines() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask M()
    {
        try { await Io.ReadAsync(); }
        catch (CancelledError) { await Asyncio.Shield(Io.CloseAsync()); throw; }
        catch (InvalidOperationException) { await Io.CloseAsync(); }
        finally { await Asyncio.Shield(Io.CloseAsync()); }
        await Io.CloseAsync();
    }
    async Task NotACoroutine(Task t)
    {
        try { await t; } finally { await t; }
    }
    async FutureTask NestedLambda()
    {
        try { await Io.ReadAsync(); }
        finally { Func<Task> later = async () => await Task.Delay(1); _ = later; }
    }
}");
}

public class AIO018RecallTests
{
    private const string Io = @"
sealed class Conn : IAsyncDisposable
{
    public async FutureTask CloseAsync() { await Asyncio.Sleep(0); }
    public async ValueTask DisposeAsync() { await Task.Yield(); }
    public async IAsyncEnumerable<int> DrainAsync() { await Task.Yield(); yield return 1; }
}
";

    [Fact]
    public Task Nested_finally_and_a_try_inside_a_finally() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask M(Conn c)
    {
        try
        {
            try { await Asyncio.Sleep(1); }
            finally { [|await c.CloseAsync()|]; }
        }
        finally
        {
            try { [|await c.CloseAsync()|]; }
            catch (InvalidOperationException) { }
        }
    }
}");

    [Fact]
    public Task Catch_of_CancelledError_with_a_filter_and_a_nested_block() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask M(Conn c, bool log)
    {
        try { await Asyncio.Sleep(1); }
        catch (CancelledError) when (log)
        {
            if (log) { [|await c.CloseAsync()|]; }
            throw;
        }
    }
}", "'await' inside a catch of CancelledError of a coroutine can be cancelled before the cleanup finishes; await 'Asyncio.Shield(...)' of the cleanup instead");

    [Fact]
    public Task Await_using_and_await_foreach_in_cleanup() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask M(Conn c)
    {
        try { await Asyncio.Sleep(1); }
        finally
        {
            [|await using|] (var again = new Conn()) { }
            [|await using|] var other = new Conn();
            [|await foreach|] (int item in c.DrainAsync()) { }
        }
    }
}", "'await' inside a finally block of a coroutine can be cancelled before the cleanup finishes; await 'Asyncio.Shield(...)' of the cleanup instead");

    [Fact]
    public Task A_reassigned_shield_local_is_not_trusted() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask M(Conn c)
    {
        try { await Asyncio.Sleep(1); }
        finally
        {
            Future cleanup = Asyncio.Shield(c.CloseAsync());
            cleanup = c.CloseAsync();
            [|await cleanup|];
            Future plain = c.CloseAsync();
            [|await plain|];
        }
    }
}");

    [Fact]
    public Task Quiet_for_a_shield_in_a_local_and_WaitFor_of_a_shield() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask M(Conn c)
    {
        try { await Asyncio.Sleep(1); }
        finally
        {
            var shielded = Asyncio.Shield(c.CloseAsync());
            await shielded;
            await Asyncio.WaitFor(Asyncio.Shield(c.CloseAsync()), 5);
            await (Asyncio.Shield(c.CloseAsync()));
        }
    }
}");

    [Fact]
    public Task Quiet_for_nested_functions_in_cleanup_and_for_other_catches() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask M(Conn c, EventLoop loop)
    {
        try { await Asyncio.Sleep(1); }
        catch (TimeoutException) { await c.CloseAsync(); }
        catch (Exception) { await c.CloseAsync(); throw; }
        finally
        {
            Func<FutureTask> later = async () => await c.CloseAsync();
            async FutureTask LocalAsync() { await c.CloseAsync(); }
            loop.CreateTask(LocalAsync());
            _ = later;
        }
        await using var after = new Conn();
        await foreach (int item in c.DrainAsync()) { }
    }
}");

    [Fact]
    public Task Coroutine_lambdas_are_coroutines_too() => Verify.VerifyAsync(Io + @"
class C
{
    void M(EventLoop loop, Conn c)
    {
        Func<FutureTask> serve = async () =>
        {
            try { await Asyncio.Sleep(1); }
            finally { [|await c.CloseAsync()|]; }
        };
        Func<Task> notACoroutine = async () =>
        {
            try { await Task.Delay(1); }
            finally { await Task.Delay(1); }
        };
        loop.CreateTask(serve());
        _ = notACoroutine;
    }
}");
}
