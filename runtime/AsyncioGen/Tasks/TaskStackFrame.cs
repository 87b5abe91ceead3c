using System.Reflection;

namespace AsyncioGen;

/// <summary>One frame of <see cref="IFutureTask.GetStack"/>: a method and, when symbols are available, its source line.</summary>
/// <param name="Method">The method, e.g. <c>Program.FetchAsync</c>.</param>
/// <param name="FileName">The source file, when known.</param>
/// <param name="LineNumber">The source line, or 0 when unknown.</param>
public sealed record TaskStackFrame(string Method, string? FileName, int LineNumber)
{
    /// <summary>The reflected method, when known.</summary>
    public MethodBase? MethodBase { get; init; }

    /// <summary>Traceback form: <c>File "Program.cs", line 12, in Program.FetchAsync</c>.</summary>
    public override string ToString() =>
        "File \"" + (FileName ?? "<unknown>") + "\", line " + LineNumber + ", in " + Method;
}
