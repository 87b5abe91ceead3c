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
