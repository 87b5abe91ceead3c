using System;
using System.Globalization;
using System.IO;

namespace AsyncioGen.Streams;

/// <summary>
/// The stream ended before the read was complete (asyncio's <c>IncompleteReadError</c>, an <c>EOFError</c>;
/// here an <see cref="EndOfStreamException"/>).
/// </summary>
public sealed class IncompleteReadError : EndOfStreamException
{
    /// <summary>Creates the error for <paramref name="partial"/> bytes read of <paramref name="expected"/> (null: until a separator).</summary>
    public IncompleteReadError(byte[] partial, int? expected)
        : base(string.Create(CultureInfo.InvariantCulture, $"{(partial ?? throw new ArgumentNullException(nameof(partial))).Length} bytes read on a total of {(expected is null ? "undefined" : expected.Value.ToString(CultureInfo.InvariantCulture))} expected bytes"))
    {
        Partial = partial;
        Expected = expected;
    }

    /// <summary>The bytes read before the end of the stream.</summary>
    public byte[] Partial { get; }

    /// <summary>The number of bytes the read wanted; null for a read until a separator.</summary>
    public int? Expected { get; }
}
