using System.Linq;

namespace AsyncioGen.Tests.Ports;

/// <summary>A crawler limited to two fetches at a time by a Semaphore; gather returns results in argument order.</summary>
public class SemaphoreCrawlerPort
{
    private static async FutureTask<int> Fetch(PortedProgram py, Semaphore sem, string url, int delay)
    {
        py.Print($"queued {url}");
        using (await sem.LockAsync())
        {
            py.Print($"start {url}");
            await Asyncio.Sleep(delay);
            py.Print($"done {url}");
            return url.Length * 10 + delay;
        }
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        var sem = new Semaphore(2);
        (string Url, int Delay)[] urls = { ("a.example", 3), ("bb.example", 1), ("c.example", 2), ("dd.example", 1), ("e.example", 1) };
        int[] results = await Asyncio.Gather(urls.Select(u => (Future<int>)Fetch(py, sem, u.Url, u.Delay)));
        py.Print("[" + string.Join(", ", results) + "]");
        py.Print($"locked after: {PortedProgram.Py(sem.Locked)}");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("semaphore_crawler.py", MainAsync);
}
