using System.Threading.Tasks;
using Verify = AsyncioGen.Analyzers.Tests.Harness.AnalyzerVerifier<AsyncioGen.Analyzers.Rules.LockNotReleasedOnEveryPathAnalyzer>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO023Tests
{
    // ---- fires ----

    [Fact]
    public Task Plain_release_after_work() => Verify.VerifyAsync("""
        class C
        {
            readonly AsyncioGen.Lock _lock = new();
            int _count;
            async FutureTask M()
            {
                [|await _lock.AcquireAsync()|];
                _count++;
                await Asyncio.Sleep(0);
                _lock.Release();
            }
        }
        """,
        "'_lock' is acquired here and released later, but not on every path (an exception or early exit in between keeps it locked); use 'using (await _lock.LockAsync())'");

    [Fact]
    public Task Local_and_parameter_locks() => Verify.VerifyAsync("""
        class C
        {
            async FutureTask M(AsyncioGen.Lock gate)
            {
                var local = new AsyncioGen.Lock();
                [|await local.AcquireAsync()|];
                [|await gate.AcquireAsync()|];
                if (gate.Locked)
                {
                    gate.Release();
                }
                local.Release();
            }
        }
        """);

    // ---- stays quiet ----

    [Fact]
    public Task Quiet_with_try_finally_or_the_using_form() => Verify.VerifyAsync("""
        class C
        {
            readonly AsyncioGen.Lock _lock = new();
            async FutureTask M()
            {
                await _lock.AcquireAsync();
                try
                {
                    await Asyncio.Sleep(0);
                }
                finally
                {
                    _lock.Release();
                }
                using (await _lock.LockAsync())
                {
                    await Asyncio.Sleep(0);
                }
            }
        }
        """);

    [Fact]
    public Task Quiet_when_the_lock_is_released_elsewhere_or_is_another_lock() => Verify.VerifyAsync("""
        class C
        {
            readonly AsyncioGen.Lock _a = new();
            readonly AsyncioGen.Lock _b = new();
            async FutureTask Take() => await _a.AcquireAsync();
            void Give() => _a.Release();
            async FutureTask M(AsyncioGen.Semaphore sem)
            {
                await _a.AcquireAsync();
                _b.Release();
                await sem.AcquireAsync();
                sem.Release();
            }
        }
        """);
}
