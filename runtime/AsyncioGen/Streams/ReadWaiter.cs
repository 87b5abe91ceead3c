namespace AsyncioGen.Streams;

/// <summary>
/// The future a read waits on (asyncio's <c>StreamReader._waiter</c>): completed when the pending read can
/// finish, failed with the connection's error, cancelled with the task. The data is taken only when the
/// awaiting coroutine resumes, so a cancelled read leaves it in the buffer.
/// </summary>
internal sealed class ReadWaiter : Future
{
    public ReadWaiter(EventLoop loop, StreamReader reader) : base(loop)
    {
        Reader = reader;
    }

    public StreamReader Reader { get; }
}
