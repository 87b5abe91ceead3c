using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.ExceptionServices;

namespace AsyncioGen.Streams;

/// <summary>
/// The reading half of a stream connection (asyncio's <c>StreamReader</c>). Reads return awaitables that
/// complete at once when the buffer holds what they ask for; otherwise the read waits for the transport to
/// feed data. One read may wait at a time. Not thread-safe: use it from its loop's thread.
/// </summary>
/// <remarks>
/// The buffer is one pooled array into whose free tail the transport receives directly (asyncio's buffered
/// protocol). While more than twice <see cref="Limit"/> bytes are buffered the transport stops reading, and it
/// resumes when a read brings the buffer down to the limit (asyncio's read-side flow control).
/// </remarks>
public sealed class StreamReader
{
    /// <summary>asyncio's default limit: 64 KiB.</summary>
    public const int DefaultLimit = 64 * 1024;

    private const int InitialCapacity = 16 * 1024;
    private const int MinimumReceive = 4 * 1024;
    private static readonly byte[] s_newline = { (byte)'\n' };

    private readonly EventLoop _loop;
    private readonly int _limit;
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private bool _lent;          // a receive is writing into the free tail: the array must not move
    private bool _eof;
    private Exception? _exception;
    private SocketTransport? _transport;
    private bool _paused;
    private ReadWaiter? _waiter;
    private ReadKind _pendingKind;
    private int _pendingCount;
    private byte[]? _pendingSeparator;
    private int _scanOffset;     // bytes known not to start the separator (asyncio's readuntil offset)
    private int _foundAt;

    private enum ReadKind
    {
        Read,
        ReadExactly,
        ReadUntil,
        ReadLine,
    }

    /// <summary>Creates a reader (streams normally come from <see cref="Asyncio.OpenConnectionAsync"/> or a server).</summary>
    /// <param name="limit">The longest line or chunk <see cref="ReadUntilAsync(byte[])"/> accepts; half the buffer limit.</param>
    /// <param name="loop">The loop; by default the running one, else the thread's current one.</param>
    public StreamReader(int limit = DefaultLimit, EventLoop? loop = null)
    {
        if (limit <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "Limit cannot be <= 0");
        }
        _limit = limit;
        _loop = loop ?? EventLoop.RunningLoop ?? EventLoop.CurrentLoop ?? throw Future.NoLoop();
    }

    /// <summary>The buffer limit given at creation.</summary>
    public int Limit => _limit;

    /// <summary>True when the peer sent EOF and the buffer is empty (asyncio's <c>at_eof</c>).</summary>
    public bool AtEof => _eof && Buffered == 0;

    /// <summary>The number of bytes buffered.</summary>
    internal int Buffered => _end - _start;

    /// <summary>The connection's error, if it failed (asyncio's <c>exception()</c>).</summary>
    public Exception? GetException() => _exception;

    /// <summary>Fails the reader: a waiting read and every later read throw <paramref name="exception"/>.</summary>
    public void SetException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _exception = exception;
        ReadWaiter? waiter = _waiter;
        if (waiter is not null && !waiter.IsDone)
        {
            waiter.SetException(exception);
        }
        MaybeRelease();
    }

    /// <summary>Appends <paramref name="data"/> to the buffer, as the transport does (asyncio's <c>feed_data</c>).</summary>
    public void FeedData(ReadOnlySpan<byte> data)
    {
        if (_eof)
        {
            throw new InvalidOperationException("feed_data after feed_eof");
        }
        if (_lent)
        {
            throw new InvalidOperationException("The transport is receiving into this reader's buffer; data cannot be fed by hand.");
        }
        if (data.IsEmpty)
        {
            return;
        }
        EnsureTail(data.Length);
        data.CopyTo(_buffer.AsSpan(_end));
        _end += data.Length;
        OnDataAdded();
    }

    /// <summary>Marks the end of the stream (asyncio's <c>feed_eof</c>).</summary>
    public void FeedEof()
    {
        _eof = true;
        WakeIfReady();
        MaybeRelease();
    }

    /// <summary>
    /// Reads up to <paramref name="n"/> bytes as soon as at least one is buffered (asyncio's <c>read(n)</c>);
    /// an empty array at EOF; <c>-1</c> reads until EOF; <c>0</c> returns an empty array at once.
    /// </summary>
    public StreamReadAwaitable ReadAsync(int n = -1)
    {
        ThrowIfFailed();
        if (n == 0)
        {
            return new StreamReadAwaitable(Array.Empty<byte>());
        }
        if (n < 0)
        {
            return new StreamReadAwaitable(ReadToEndAsync());
        }
        return Begin(ReadKind.Read, n, null, "read");
    }

    /// <summary>
    /// Reads one line ending with <c>\n</c> (asyncio's <c>readline</c>); at EOF, what is left (maybe empty).
    /// A line longer than <see cref="Limit"/> throws <see cref="InvalidDataException"/> (asyncio's ValueError)
    /// after dropping it, or the buffer when no newline was found.
    /// </summary>
    public StreamReadAwaitable ReadLineAsync() => Begin(ReadKind.ReadLine, 0, s_newline, "readuntil");

    /// <summary>
    /// Reads exactly <paramref name="n"/> bytes (asyncio's <c>readexactly</c>); at EOF before that, throws
    /// <see cref="IncompleteReadError"/> with the bytes read.
    /// </summary>
    public StreamReadAwaitable ReadExactlyAsync(int n)
    {
        if (n < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "readexactly size can not be less than zero");
        }
        ThrowIfFailed();
        if (n == 0)
        {
            return new StreamReadAwaitable(Array.Empty<byte>());
        }
        return Begin(ReadKind.ReadExactly, n, null, "readexactly");
    }

    /// <summary>
    /// Reads up to and including <paramref name="separator"/> (asyncio's <c>readuntil</c>; default <c>\n</c>).
    /// Throws <see cref="IncompleteReadError"/> at EOF (the buffer is emptied into it) and
    /// <see cref="LimitOverrunError"/> when more than <see cref="Limit"/> bytes come before the separator (the
    /// data stays buffered). The array is read when the data arrives: do not change it while the read waits.
    /// </summary>
    public StreamReadAwaitable ReadUntilAsync(byte[]? separator = null)
    {
        separator ??= s_newline;
        if (separator.Length == 0)
        {
            throw new ArgumentException("Separator should be at least one-byte string", nameof(separator));
        }
        return Begin(ReadKind.ReadUntil, 0, separator, "readuntil");
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var info = new List<string> { "StreamReader" };
        if (Buffered > 0)
        {
            info.Add(Buffered.ToString(CultureInfo.InvariantCulture) + " bytes");
        }
        if (_eof)
        {
            info.Add("eof");
        }
        if (_limit != DefaultLimit)
        {
            info.Add("limit=" + _limit.ToString(CultureInfo.InvariantCulture));
        }
        if (_waiter is not null)
        {
            info.Add("waiter=" + _waiter);
        }
        if (_exception is not null)
        {
            info.Add("exception=" + _exception.GetType().Name + "('" + _exception.Message + "')");
        }
        if (_transport is not null)
        {
            info.Add("transport=" + _transport);
        }
        if (_paused)
        {
            info.Add("paused");
        }
        return "<" + string.Join(" ", info) + ">";
    }

    // ------------------------------------------------------------------ the transport's side

    internal void SetTransport(SocketTransport transport)
    {
        if (_transport is not null)
        {
            throw new InvalidOperationException("Transport already set");
        }
        _transport = transport;
    }

    /// <summary>The free tail the transport receives into; it stays put until <see cref="ReceiveCompleted"/> or <see cref="ReceiveEnded"/>.</summary>
    internal Memory<byte> GetReceiveBuffer()
    {
        EnsureTail(MinimumReceive);
        _lent = true;
        return _buffer.AsMemory(_end);
    }

    /// <summary>The transport received <paramref name="count"/> bytes into the tail (asyncio's <c>buffer_updated</c>).</summary>
    internal void ReceiveCompleted(int count)
    {
        _lent = false;
        _end += count;
        OnDataAdded();
    }

    /// <summary>The receive into the tail ended without data (EOF, error, or aborted by close).</summary>
    internal void ReceiveEnded()
    {
        _lent = false;
        MaybeRelease();
    }

    // ------------------------------------------------------------------ reads

    private void ThrowIfFailed()
    {
        if (_exception is not null)
        {
            ExceptionDispatchInfo.Throw(_exception); // asyncio re-raises the same exception object
        }
    }

    private StreamReadAwaitable Begin(ReadKind kind, int count, byte[]? separator, string name)
    {
        if (_waiter is not null)
        {
            // asyncio forbids two reads waiting at once; here a read also may not overtake the waiting one.
            throw new InvalidOperationException(name + "() called while another coroutine is already waiting for incoming data");
        }
        if (kind is ReadKind.ReadUntil or ReadKind.ReadLine)
        {
            ThrowIfFailed();
        }
        _pendingKind = kind;
        _pendingCount = count;
        _pendingSeparator = separator;
        _scanOffset = 0;
        if (TryComplete(out byte[]? result, out Exception? error))
        {
            _pendingSeparator = null;
            if (error is not null)
            {
                throw error;
            }
            return new StreamReadAwaitable(result!);
        }
        if (_paused)
        {
            // Waiting for data while paused would deadlock (readexactly(n) with n over the limit).
            _paused = false;
            _transport!.ResumeReading();
        }
        _waiter = new ReadWaiter(_loop, this);
        return new StreamReadAwaitable(_waiter);
    }

    /// <summary>Called by the awaiter when the coroutine resumes from a wait: takes the data now, or throws.</summary>
    internal byte[] FinishWait(ReadWaiter waiter)
    {
        try
        {
            waiter.GetResultForAwait(); // CancelledError or the connection's error: the data stays buffered
        }
        catch
        {
            ClearPending(waiter);
            throw;
        }
        bool completed = TryComplete(out byte[]? result, out Exception? error);
        ClearPending(waiter);
        if (!completed)
        {
            throw new InvalidOperationException("The read was woken up before it could complete.");
        }
        if (error is not null)
        {
            throw error;
        }
        return result!;
    }

    private void ClearPending(ReadWaiter waiter)
    {
        if (ReferenceEquals(_waiter, waiter))
        {
            _waiter = null;
            _pendingSeparator = null;
        }
    }

    private async FutureTask<byte[]> ReadToEndAsync()
    {
        // asyncio reads blocks of `limit` until EOF, so a large stream never stalls on the pause threshold.
        var blocks = new List<byte[]>();
        int total = 0;
        while (true)
        {
            byte[] block = await ReadAsync(_limit);
            if (block.Length == 0)
            {
                break;
            }
            blocks.Add(block);
            total += block.Length;
        }
        if (blocks.Count == 1)
        {
            return blocks[0];
        }
        var all = new byte[total];
        int offset = 0;
        foreach (byte[] block in blocks)
        {
            block.CopyTo(all, offset);
            offset += block.Length;
        }
        return all;
    }

    /// <summary>Completes the pending read from the buffer if it can (taking the data); false if it must wait.</summary>
    private bool TryComplete(out byte[]? result, out Exception? error)
    {
        result = null;
        error = null;
        switch (_pendingKind)
        {
            case ReadKind.Read:
                if (Buffered == 0 && !_eof)
                {
                    return false;
                }
                result = Take(Math.Min(_pendingCount, Buffered));
                MaybeResumeTransport();
                return true;

            case ReadKind.ReadExactly:
                if (Buffered >= _pendingCount)
                {
                    result = Take(_pendingCount);
                    MaybeResumeTransport();
                    return true;
                }
                if (_eof)
                {
                    error = new IncompleteReadError(Take(Buffered), _pendingCount);
                    return true;
                }
                return false;

            default:
                return TryCompleteUntil(out result, out error);
        }
    }

    private bool TryCompleteUntil(out byte[]? result, out Exception? error)
    {
        result = null;
        error = null;
        int separatorLength = _pendingSeparator!.Length;
        bool line = _pendingKind == ReadKind.ReadLine;
        switch (Scan())
        {
            case ScanResult.Found when _foundAt <= _limit:
                result = Take(_foundAt + separatorLength);
                MaybeResumeTransport();
                return true;
            case ScanResult.Found:
                error = new LimitOverrunError("Separator is found, but chunk is longer than limit", _foundAt);
                break;
            case ScanResult.Overrun:
                error = new LimitOverrunError("Separator is not found, and chunk exceed the limit", _scanOffset);
                break;
            default:
                if (!_eof)
                {
                    return false;
                }
                byte[] partial = Take(Buffered);
                if (line)
                {
                    result = partial; // readline returns the incomplete last line
                }
                else
                {
                    error = new IncompleteReadError(partial, null);
                }
                return true;
        }
        if (line)
        {
            // readline drops the over-long line (with its newline if found, else the whole buffer).
            var overrun = (LimitOverrunError)error;
            if (Buffered > overrun.Consumed && _buffer![_start + overrun.Consumed] == (byte)'\n')
            {
                Skip(overrun.Consumed + 1);
            }
            else
            {
                Skip(Buffered);
            }
            MaybeResumeTransport();
            error = new InvalidDataException(overrun.Message, overrun);
        }
        return true;
    }

    private enum ScanResult
    {
        NotFound,
        Found,
        Overrun,
    }

    private ScanResult Scan()
    {
        byte[] separator = _pendingSeparator!;
        int length = Buffered;
        if (length - _scanOffset >= separator.Length)
        {
            int index = _buffer.AsSpan(_start + _scanOffset, length - _scanOffset).IndexOf(separator);
            if (index >= 0)
            {
                _foundAt = _scanOffset + index;
                return ScanResult.Found;
            }
            _scanOffset = length + 1 - separator.Length;
        }
        // Checked even when nothing new was scanned: the scan is asked twice for one wake-up (whether to wake
        // the read, then by the read itself), and the second call must give the same answer.
        return _scanOffset > _limit ? ScanResult.Overrun : ScanResult.NotFound;
    }

    /// <summary>Whether the waiting read could complete now (no data taken).</summary>
    private bool CanComplete() => _pendingKind switch
    {
        ReadKind.Read => Buffered > 0 || _eof,
        ReadKind.ReadExactly => Buffered >= _pendingCount || _eof,
        _ => _eof || Scan() != ScanResult.NotFound,
    };

    private void WakeIfReady()
    {
        ReadWaiter? waiter = _waiter;
        if (waiter is not null && !waiter.IsDone && CanComplete())
        {
            waiter.SetResult();
        }
    }

    private void OnDataAdded()
    {
        WakeIfReady();
        // A read still waiting for more would re-resume at once (asyncio's _wait_for_data), so don't pause under it.
        bool readStillWaiting = _waiter is not null && !_waiter.IsDone;
        if (_transport is not null && !_paused && !readStillWaiting && Buffered > 2 * (long)_limit)
        {
            _transport.PauseReading();
            _paused = true;
        }
    }

    private void MaybeResumeTransport()
    {
        if (_paused && Buffered <= _limit)
        {
            _paused = false;
            _transport!.ResumeReading();
        }
    }

    // ------------------------------------------------------------------ buffer

    /// <summary>Copies out and consumes <paramref name="count"/> bytes: the one allocation of a read.</summary>
    private byte[] Take(int count)
    {
        if (count == 0)
        {
            return Array.Empty<byte>();
        }
        byte[] bytes = _buffer.AsSpan(_start, count).ToArray();
        Skip(count);
        return bytes;
    }

    private void Skip(int count)
    {
        _start += count;
        if (_start == _end && !_lent)
        {
            _start = _end = 0;
        }
        MaybeRelease();
    }

    /// <summary>Makes room for at least <paramref name="needed"/> bytes after the data (only while no receive holds the tail).</summary>
    private void EnsureTail(int needed)
    {
        if (_buffer is null)
        {
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(InitialCapacity, needed));
            _start = _end = 0;
            return;
        }
        if (_start == _end)
        {
            _start = _end = 0;
        }
        if (_buffer.Length - _end >= needed)
        {
            return;
        }
        int used = _end - _start;
        if (_start > 0 && _buffer.Length - used >= needed && used <= _buffer.Length / 2)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, used);
        }
        else
        {
            byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, used + needed));
            Buffer.BlockCopy(_buffer, _start, larger, 0, used);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        _start = 0;
        _end = used;
    }

    /// <summary>Gives the array back to the pool once no more data can come and the buffer is empty.</summary>
    private void MaybeRelease()
    {
        if (_buffer is not null && _start == _end && !_lent && (_eof || _exception is not null))
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
            _start = _end = 0;
        }
    }
}
