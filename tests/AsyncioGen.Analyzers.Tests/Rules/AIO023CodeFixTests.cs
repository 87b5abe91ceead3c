using System.Threading.Tasks;
using Fix = AsyncioGen.Analyzers.Tests.Harness.CodeFixVerifier<AsyncioGen.Analyzers.Rules.LockNotReleasedOnEveryPathAnalyzer, AsyncioGen.CodeFixes.LockNotReleasedOnEveryPathCodeFix>;

namespace AsyncioGen.Analyzers.Tests.Rules;

public class AIO023CodeFixTests
{
    [Fact]
    public Task Turns_acquire_and_release_into_the_using_form() => Fix.VerifyFixAsync("""
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
                _count--;
            }
        }
        """, """
        class C
        {
            readonly AsyncioGen.Lock _lock = new();
            int _count;
            async FutureTask M()
            {
                using (await _lock.LockAsync())
                {
                    _count++;
                    await Asyncio.Sleep(0);
                }
                _count--;
            }
        }
        """);
}
