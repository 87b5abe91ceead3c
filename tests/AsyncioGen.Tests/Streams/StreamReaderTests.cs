using System;
using System.IO;
using AsyncioGen;
using AsyncioGen.Streams;
using StreamReader = AsyncioGen.Streams.StreamReader;
using static AsyncioGen.Tests.Streams.StreamTest;

namespace AsyncioGen.Tests.Streams;

/// <summary>StreamReader fed by hand (asyncio's test_streams cases that need no socket).</summary>
public class StreamReaderTests
{
    private static void OnLoop(Func<EventLoop, FutureTask> body)
    {
        using var loop = new EventLoop();
        loop.RunUntilComplete(body(loop));
    }

    [Fact]
    public void LimitMustBePositive()
    {
        using var loop = new EventLoop();
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamReader(0, loop));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamReader(-1, loop));
    }

    [Fact]
    public void ReadReturnsWhatIsBufferedUpToN() => OnLoop(async loop =>
    {
        var reader = new StreamReader(loop: loop);
        reader.FeedData(Bytes("line1line2"));
        StreamReadAwaitable read = reader.ReadAsync(5);
        Assert.True(read.IsCompleted);
        Assert.Equal("line1", Text(await read));
        Assert.Equal("line2", Text(await reader.ReadAsync(100)));
        Assert.Empty(await reader.ReadAsync(0));
    });

    [Fact]
    public void ReadWaitsForDataThenEofGivesEmpty() => OnLoop(async loop =>
    {
        var reader = new StreamReader(loop: loop);
        StreamReadAwaitable read = reader.ReadAsync(30);
        Assert.False(read.IsCompleted);
        loop.CallSoon(() => reader.FeedData(Bytes("chunk")));
        Assert.Equal("chunk", Text(await read));
        loop.CallSoon(reader.FeedEof);
        Assert.Empty(await reader.ReadAsync(30));
        Assert.True(reader.AtEof);
    });

    [Fact]
    public void ReadToEofCollectsEverything() => OnLoop(async loop =>
    {
        var reader = new StreamReader(limit: 3, loop: loop);
        loop.CallSoon(() =>
        {
            reader.FeedData(Bytes("chunk1\n"));
            reader.FeedData(Bytes("chunk2"));
            reader.FeedEof();
        });
        Assert.Equal("chunk1\nchunk2", Text(await reader.ReadAsync()));
    });

    [Fact]
    public void ReadLineSplitsLinesAndReturnsTheRestAtEof() => OnLoop(async loop =>
    {
        var reader = new StreamReader(loop: loop);
        reader.FeedData(Bytes("line1\nli"));
        Assert.Equal("line1\n", Text(await reader.ReadLineAsync()));
        StreamReadAwaitable second = reader.ReadLineAsync();
        Assert.False(second.IsCompleted);
        loop.CallSoon(() => reader.FeedData(Bytes("ne2\nlast")));
        Assert.Equal("line2\n", Text(await second));
        reader.FeedEof();
        Assert.Equal("last", Text(await reader.ReadLineAsync()));
        Assert.Empty(await reader.ReadLineAsync());
    });

    [Fact]
    public void ReadLineOverTheLimitDropsTheLineAndThrowsInvalidData() => OnLoop(async loop =>
    {
        var reader = new StreamReader(limit: 7, loop: loop);
        reader.FeedData(Bytes("1234567890\nchunk\n"));
        InvalidDataException error = await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadLineAsync());
        Assert.IsType<LimitOverrunError>(error.InnerException);
        Assert.Equal("chunk\n", Text(await reader.ReadLineAsync())); // the long line and its newline are gone
    });

    [Fact]
    public void ReadUntilFindsMultiByteSeparatorsAcrossFeeds() => OnLoop(async loop =>
    {
        var reader = new StreamReader(loop: loop);
        reader.FeedData(Bytes("lineAAA"));
        StreamReadAwaitable read = reader.ReadUntilAsync(Bytes("AAAA"));
        Assert.False(read.IsCompleted);
        loop.CallSoon(() => reader.FeedData(Bytes("Atail")));
        Assert.Equal("lineAAAA", Text(await read));
        Assert.Equal("tail", Text(await reader.ReadAsync(10)));
    });

    [Fact]
    public void ReadUntilOverTheLimitKeepsTheData() => OnLoop(async loop =>
    {
        var reader = new StreamReader(limit: 3, loop: loop);
        reader.FeedData(Bytes("some text\n"));
        LimitOverrunError error = await Assert.ThrowsAsync<LimitOverrunError>(async () => await reader.ReadUntilAsync());
        Assert.Equal("Separator is found, but chunk is longer than limit", error.Message);
        Assert.Equal(9, error.Consumed);
        Assert.Equal("some text\n", Text(await reader.ReadExactlyAsync(10))); // still there

        reader.FeedData(Bytes("abcdef"));
        error = await Assert.ThrowsAsync<LimitOverrunError>(async () => await reader.ReadUntilAsync());
        Assert.Equal("Separator is not found, and chunk exceed the limit", error.Message);
        Assert.Equal(6, error.Consumed);
    });

    [Fact]
    public void ReadUntilWaitingWhenTheLimitIsOverrunRaisesLimitOverrun() => OnLoop(async loop =>
    {
        // The overrun is found by the data that wakes the waiting read (not by the read's first scan): the
        // wake-up and the resumed read must agree (seen in CI as "The read was woken up before it could complete").
        var reader = new StreamReader(limit: 3, loop: loop);
        reader.FeedData(Bytes("ab"));
        StreamReadAwaitable read = reader.ReadUntilAsync(Bytes("|"));
        loop.CallSoon(() => reader.FeedData(Bytes("cdef")));
        LimitOverrunError error = await Assert.ThrowsAsync<LimitOverrunError>(async () => await read);
        Assert.Equal("Separator is not found, and chunk exceed the limit", error.Message);
        Assert.Equal(6, error.Consumed);
        Assert.Equal("abcdef", Text(await reader.ReadExactlyAsync(6))); // the data stays for the next read
    });

    [Fact]
    public void ReadUntilAtEofThrowsIncompleteReadWithTheBuffer() => OnLoop(async loop =>
    {
        var reader = new StreamReader(loop: loop);
        reader.FeedData(Bytes("no separator"));
        reader.FeedEof();
        IncompleteReadError error = await Assert.ThrowsAsync<IncompleteReadError>(async () => await reader.ReadUntilAsync(Bytes("!")));
        Assert.Equal("no separator", Text(error.Partial));
        Assert.Null(error.Expected);
        Assert.Equal("12 bytes read on a total of undefined expected bytes", error.Message);
        Assert.True(reader.AtEof);
    });

    [Fact]
    public void ReadExactlyWaitsForAllAndFailsShortAtEof() => OnLoop(async loop =>
    {
        var reader = new StreamReader(loop: loop);
        StreamReadAwaitable read = reader.ReadExactlyAsync(8);
        loop.CallSoon(() => reader.FeedData(Bytes("1234")));
        loop.CallLater(0.001, () => reader.FeedData(Bytes("56789")));
        Assert.Equal("12345678", Text(await read));
        reader.FeedEof();
        IncompleteReadError error = await Assert.ThrowsAsync<IncompleteReadError>(async () => await reader.ReadExactlyAsync(5));
        Assert.Equal("9", Text(error.Partial));
        Assert.Equal(5, error.Expected);
        Assert.IsAssignableFrom<EndOfStreamException>(error);
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadExactlyAsync(-1));
        Assert.Empty(await reader.ReadExactlyAsync(0));
    });

    [Fact]
    public void AnExceptionFailsTheWaitingReadAndEveryLaterOne() => OnLoop(async loop =>
    {
        var reader = new StreamReader(loop: loop);
        var boom = new IOException("boom");
        StreamReadAwaitable read = reader.ReadLineAsync();
        loop.CallSoon(() => reader.SetException(boom));
        Assert.Same(boom, await Assert.ThrowsAsync<IOException>(async () => await read));
        Assert.Same(boom, Assert.Throws<IOException>(() => reader.ReadAsync(1)));
        Assert.Same(boom, reader.GetException());
    });

    [Fact]
    public void TwoWaitingReadsAreRefused() => OnLoop(async loop =>
    {
        var reader = new StreamReader(loop: loop);
        StreamReadAwaitable first = reader.ReadAsync(10);
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => reader.ReadLineAsync());
        Assert.Equal("readuntil() called while another coroutine is already waiting for incoming data", error.Message);
        reader.FeedData(Bytes("x"));
        Assert.Equal("x", Text(await first));
    });

    [Fact]
    public void CancellingAReadKeepsDataThatArrivedBeforeTheTaskResumed() => OnLoop(async loop =>
    {
        var reader = new StreamReader(loop: loop);
        FutureTask<byte[]> reading = loop.CreateTask(ReadExactly(reader, 4));
        await Asyncio.Sleep(0); // the task waits
        reader.FeedData(Bytes("data")); // wakes the read...
        reading.Cancel();              // ...but the task is cancelled before it runs again
        await Assert.ThrowsAsync<CancelledError>(async () => await reading);
        Assert.Equal("data", Text(await reader.ReadExactlyAsync(4)));
    });

    private static async FutureTask<byte[]> ReadExactly(StreamReader reader, int n) => await reader.ReadExactlyAsync(n);

    [Fact]
    public void ReprNamesTheState()
    {
        using var loop = new EventLoop();
        var reader = new StreamReader(limit: 10, loop: loop);
        reader.FeedData(Bytes("abc"));
        reader.FeedEof();
        Assert.Equal("<StreamReader 3 bytes eof limit=10>", reader.ToString());
    }
}
