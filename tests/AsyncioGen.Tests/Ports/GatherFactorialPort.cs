namespace AsyncioGen.Tests.Ports;

/// <summary>The asyncio docs' "Running Tasks Concurrently": three factorials interleaved by gather.</summary>
public class GatherFactorialPort
{
    private static async FutureTask<int> Factorial(PortedProgram py, string name, int number)
    {
        int f = 1;
        for (int i = 2; i < number + 1; i++)
        {
            py.Print($"Task {name}: Compute factorial({number}), currently i={i}...");
            await Asyncio.Sleep(1);
            f *= i;
        }
        py.Print($"Task {name}: factorial({number}) = {f}");
        return f;
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        // Schedule three calls *concurrently*:
        int[] l = await Asyncio.Gather(
            Factorial(py, "A", 2),
            Factorial(py, "B", 3),
            Factorial(py, "C", 4));
        py.Print("[" + string.Join(", ", l) + "]");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("gather_factorial.py", MainAsync);
}
