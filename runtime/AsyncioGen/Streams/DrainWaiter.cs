namespace AsyncioGen.Streams;

/// <summary>The future a drain waits on while the transport has paused writing (asyncio's drain waiters).</summary>
internal sealed class DrainWaiter : Future
{
    public DrainWaiter(EventLoop loop, StreamReaderProtocol protocol) : base(loop)
    {
        Protocol = protocol;
    }

    public StreamReaderProtocol Protocol { get; }
}
