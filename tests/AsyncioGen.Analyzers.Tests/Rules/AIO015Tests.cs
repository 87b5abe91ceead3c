using System.Threading.Tasks;
using AsyncioGen.CodeFixes;
using Microsoft.CodeAnalysis.CodeFixes;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.CancelledErrorSwallowedAnalyzer>;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.CancelledErrorSwallowedAnalyzer, AsyncioGen.CodeFixes.CancelledErrorSwallowedCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO015Tests
{
    private const string Io = @"
static class Io
{
    public static async FutureTask<int> ReadAsync() { await Asyncio.Sleep(0); return 1; }
    public static void Log(object o) { }
}
";

    [Fact]
    public Task Quiet_when_the_filter_asks_whether_the_current_task_is_being_cancelled() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Serve(FutureTask serving)
    {
        try { await serving; }
        catch (CancelledError) when (((IFutureTask)Asyncio.CurrentTask()!).Cancelling() == 0) { Io.Log(""stopped""); }
    }
}");

    // ---- fires ----

    [Fact]
    public Task Catch_Exception_that_logs() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Pump()
    {
        while (true)
        {
            try { await Io.ReadAsync(); }
            [|catch (Exception)|] { Io.Log(""failed""); }
        }
    }
}",
        "'catch (Exception)' swallows CancelledError in a coroutine; rethrow it, catch a narrower type, or call Uncancel() if refusing the cancellation is intended");

    [Fact]
    public Task Catch_CancelledError_that_returns() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask<int> Fetch()
    {
        try { return await Io.ReadAsync(); }
        [|catch (CancelledError e)|] { Io.Log(e); return -1; }
    }
}",
        "'catch (CancelledError)' swallows CancelledError in a coroutine; rethrow it, catch a narrower type, or call Uncancel() if refusing the cancellation is intended");

    [Fact]
    public Task Bare_catch_and_OperationCanceledException() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Run()
    {
        try { await Io.ReadAsync(); }
        [|catch|] { }
        try { await Io.ReadAsync(); }
        [|catch (OperationCanceledException)|] { }
    }
}",
        "'catch' swallows CancelledError in a coroutine; rethrow it, catch a narrower type, or call Uncancel() if refusing the cancellation is intended");

    [Fact]
    public Task Rethrow_on_some_paths_only_and_positive_filter() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Run(bool strict)
    {
        try { await Io.ReadAsync(); }
        [|catch (Exception e)|] { if (strict) throw; Io.Log(e); }
        try { await Io.ReadAsync(); }
        [|catch (Exception e)|] when (e is OperationCanceledException) { }
        Func<FutureTask> inner = async () =>
        {
            try { await Io.ReadAsync(); }
            [|catch (Exception)|] { }
        };
    }
}");

    // ---- quiet ----

    [Fact]
    public Task Quiet_when_rethrown_or_uncancelled() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Run(FutureTask self)
    {
        try { await Io.ReadAsync(); }
        catch (CancelledError) { Io.Log(""cleanup""); throw; }
        try { await Io.ReadAsync(); }
        catch (CancelledError) { self.Uncancel(); }
    }
}");

    // Issue 14: wrapping turns the cancellation into a failure (this case used to be in the quiet test above).
    [Fact]
    public Task Wrapping_the_cancellation_in_a_new_exception() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Run()
    {
        try { await Io.ReadAsync(); }
        [|catch (Exception e)|] { throw new InvalidOperationException(""wrapped"", e); }
        try { await Io.ReadAsync(); }
        [|catch (Exception e)|] { if (e is TimeoutException) throw new ApplicationException(""late""); else throw new InvalidOperationException(""wrapped"", e); }
    }
}");

    [Fact]
    public Task Quiet_when_rethrown_through_ExceptionDispatchInfo_or_as_a_cancellation() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Run()
    {
        try { await Io.ReadAsync(); }
        catch (Exception e) { Io.Log(e); System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e).Throw(); }
        try { await Io.ReadAsync(); }
        catch (Exception e) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e); }
        try { await Io.ReadAsync(); }
        catch (OperationCanceledException e) { throw new CancelledError(""stopped: "" + e.Message); }
        try { await Io.ReadAsync(); }
        catch (Exception e) { throw e; }
    }
}");

    // Issue 14, found by porting CPython's Condition.wait: the re-acquire loop records the cancellation and re-raises it after.
    [Fact]
    public Task Quiet_when_the_cancellation_is_recorded_and_thrown_after_a_retry_loop() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Reacquire()
    {
        CancelledError? error = null;
        while (true)
        {
            try { await Io.ReadAsync(); break; }
            catch (CancelledError e) { error = e; }
        }
        if (error is not null)
        {
            throw error;
        }
    }

    async FutureTask ReacquireWithDispatchInfo()
    {
        Exception? error = null;
        while (true)
        {
            try { await Io.ReadAsync(); break; }
            catch (CancelledError e) { error = e; }
        }
        if (error is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        }
    }
}");

    [Fact]
    public Task Recorded_but_never_thrown_still_swallows() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Reacquire()
    {
        CancelledError? error = null;
        while (true)
        {
            try { await Io.ReadAsync(); break; }
            [|catch (CancelledError e)|] { error = e; }
        }
        Io.Log(error);
    }
}");

    [Fact]
    public Task Quiet_with_filters_excluding_cancellation_and_narrow_types() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Run()
    {
        try { await Io.ReadAsync(); }
        catch (Exception e) when (e is not OperationCanceledException) { Io.Log(e); }
        try { await Io.ReadAsync(); }
        catch (Exception e) when (!(e is CancelledError)) { Io.Log(e); }
        try { await Io.ReadAsync(); }
        catch (Exception e) when (e is System.IO.IOException) { Io.Log(e); }
        try { await Io.ReadAsync(); }
        catch (System.IO.IOException e) { Io.Log(e); }
        catch (TimeoutException) { }
    }
}");

    [Fact]
    public Task Quiet_when_an_earlier_clause_rethrows_cancellation() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Run()
    {
        try { await Io.ReadAsync(); }
        catch (CancelledError) { throw; }
        catch (Exception e) { Io.Log(e); }
    }
}");

    [Fact]
    public Task Quiet_outside_coroutines_and_without_await() => Verify.VerifyAsync(Io + @"
class C
{
    void Sync(EventLoop loop)
    {
        try { loop.RunUntilComplete(Io.ReadAsync); }
        catch (Exception e) { Io.Log(e); }
    }
    async Task TaskMethod()
    {
        try { await Task.Delay(1); }
        catch (Exception e) { Io.Log(e); }
    }
    async FutureTask NoAwaitInTry()
    {
        try { Io.Log(1); }
        catch (Exception e) { Io.Log(e); }
        await Asyncio.Sleep(0);
    }
}");

    // ---- fixes ----

    [Fact]
    public Task Fix_adds_a_rethrow() => Fix.VerifyFixAsync(Io + @"
class C
{
    async FutureTask Run()
    {
        try
        {
            await Io.ReadAsync();
        }
        [|catch (Exception e)|]
        {
            Io.Log(e);
        }
    }
}", Io + @"
class C
{
    async FutureTask Run()
    {
        try
        {
            await Io.ReadAsync();
        }
        catch (Exception e)
        {
            Io.Log(e);
            throw;
        }
    }
}");

    [Fact]
    public Task Fix_lets_cancellation_through_first() => Fix.VerifyFixAsync(Io + @"
class C
{
    async FutureTask Pump()
    {
        while (true)
        {
            try
            {
                await Io.ReadAsync();
            }
            [|catch (Exception e)|]
            {
                Io.Log(e);
            }
        }
    }
}", Io + @"
class C
{
    async FutureTask Pump()
    {
        while (true)
        {
            try
            {
                await Io.ReadAsync();
            }
            catch (CancelledError) { throw; }
            catch (Exception e)
            {
                Io.Log(e);
            }
        }
    }
}", CancelledErrorSwallowedCodeFix.CatchCancelledFirstKey);

    [Fact]
    public Task Fix_single_line_and_empty_blocks() => Fix.VerifyFixAsync(Io + @"
class C
{
    async FutureTask Run()
    {
        try { await Io.ReadAsync(); } [|catch|] {}
    }
}", Io + @"
class C
{
    async FutureTask Run()
    {
        try { await Io.ReadAsync(); } catch { throw; }
    }
}");

    [Fact]
    public Task Fix_all_in_document() => Fix.VerifyFixAllAsync(Io + @"
class C
{
    async FutureTask Run()
    {
        try { await Io.ReadAsync(); }
        [|catch (Exception e)|] { Io.Log(e); }
        try { await Io.ReadAsync(); }
        [|catch (OperationCanceledException)|] { }
    }
}", Io + @"
class C
{
    async FutureTask Run()
    {
        try { await Io.ReadAsync(); }
        catch (Exception e) { Io.Log(e); throw; }
        try { await Io.ReadAsync(); }
        catch (OperationCanceledException) { throw; }
    }
}", FixAllScope.Document);

    // ---- asyncio's idiom: cancel a task, then await it and catch its CancelledError ----

    [Fact]
    public Task Quiet_when_awaiting_the_task_it_just_cancelled() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Stop(FutureTask<int> worker)
    {
        worker.Cancel(""shutting down"");
        try { await worker; }
        catch (CancelledError e) { Io.Log(e.Message); }
    }
}");

    [Fact]
    public Task Fires_when_the_try_also_awaits_something_it_did_not_cancel() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Stop(FutureTask<int> worker)
    {
        worker.Cancel();
        try { await worker; await Io.ReadAsync(); }
        [|catch (CancelledError)|] { }
    }
}");

    [Fact]
    public Task Fires_when_the_cancel_comes_after_the_try() => Verify.VerifyAsync(Io + @"
class C
{
    async FutureTask Stop(FutureTask<int> worker)
    {
        try { await worker; }
        [|catch (CancelledError)|] { }
        worker.Cancel();
    }
}");
}
