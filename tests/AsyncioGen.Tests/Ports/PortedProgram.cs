using System;
using System.Globalization;
using System.IO;
using System.Runtime.CompilerServices;
using AsyncioGen.Testing;

namespace AsyncioGen.Tests.Ports;

/// <summary>
/// Runs a C# port of an asyncio program and compares what it prints, line by line, with what the Python
/// original (the <c>.py</c> beside the port) printed under CPython (kept in its <c>.expected.txt</c>).
/// The port runs under <c>Asyncio.Run</c> on a <see cref="TestEventLoop"/> (asyncio 3.12's
/// <c>loop_factory</c>), so its sleeps take no real time and the order is decided by the loop alone.
/// </summary>
internal sealed class PortedProgram
{
    private readonly StringWriter _output = new(CultureInfo.InvariantCulture) { NewLine = "\n" };

    /// <summary>Python's <c>print</c>.</summary>
    public void Print(string line) => _output.WriteLine(line);

    /// <summary>Python's <c>print(True)</c>.</summary>
    public static string Py(bool value) => value ? "True" : "False";

    public static void AssertPrintsLikePython(string script, Func<PortedProgram, FutureTask> main, [CallerFilePath] string path = "")
    {
        var program = new PortedProgram();
        Asyncio.Run(main(program), loopFactory: static () => new TestEventLoop());
        string expectedFile = Path.Combine(Path.GetDirectoryName(path)!, Path.ChangeExtension(script, ".expected.txt"));
        string[] expected = File.ReadAllText(expectedFile).Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        string[] actual = program._output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(expected, actual);
    }
}
