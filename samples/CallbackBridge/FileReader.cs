using System;
using System.IO;
using AsyncioGen;

namespace CallbackBridge;

/// <summary>
/// The APM shape: <c>BeginRead</c>/<c>EndRead</c> of a <see cref="FileStream"/>. The twin <c>ReadAsync</c>
/// passes a static AsyncCallback and the future as the state, and runs <c>EndRead</c> inside the callback.
/// The class is public, so the twin returns a read-only <see cref="FutureAwaitable{T}"/>.
/// </summary>
public sealed partial class FileReader(FileStream stream)
{
    /// <summary>Starts a read (APM).</summary>
    [Future]
    public IAsyncResult BeginRead(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state) =>
        stream.BeginRead(buffer, offset, count, callback, state);

    /// <summary>Ends a read (APM).</summary>
    public int EndRead(IAsyncResult asyncResult) => stream.EndRead(asyncResult);
}
