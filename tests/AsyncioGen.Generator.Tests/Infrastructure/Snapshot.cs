using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace AsyncioGen.Generator.Tests.Infrastructure;

/// <summary>
/// Golden files: <c>Snapshots/&lt;name&gt;.verified.cs</c> beside the tests. A mismatch writes
/// <c>&lt;name&gt;.received.cs</c> and fails; <c>ASYNCIOGEN_ACCEPT_SNAPSHOTS=1</c> writes the verified file instead.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "ASYNCIOGEN_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerFile)!, "Snapshots");
        string verified = Path.Combine(directory, name + ".verified.cs");
        string received = Path.Combine(directory, name + ".received.cs");
        // Version bumps must not churn the golden files.
        actual = Normalize(actual).Replace("\"" + typeof(FutureGenerator).Assembly.GetName().Version + "\"", "\"<GENERATOR_VERSION>\"");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }
        string? expected = File.Exists(verified) ? Normalize(File.ReadAllText(verified)) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }
        Directory.CreateDirectory(directory);
        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}. Wrote {received}; review it, then rerun with {AcceptVariable}=1 (or rename it to .verified.cs)."
            : $"Snapshot {name} differs: {FirstDifference(expected, actual)}\n  diff \"{verified}\" \"{received}\"\nAccept with {AcceptVariable}=1 if the change is intended.");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string FirstDifference(string expected, string actual)
    {
        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        for (int i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            string left = i < e.Length ? e[i] : "<end>";
            string right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}:\n  verified: {left}\n  received: {right}";
            }
        }
        return "(whitespace)";
    }
}
