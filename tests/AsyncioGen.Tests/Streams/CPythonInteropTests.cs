using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading.Tasks;
using AsyncioGen;
using AsyncioGen.Streams;
using static AsyncioGen.Tests.Streams.StreamTest;
using StreamReader = AsyncioGen.Streams.StreamReader;
using StreamWriter = AsyncioGen.Streams.StreamWriter;

namespace AsyncioGen.Tests.Streams;

/// <summary>
/// A real asyncio peer: CPython's streams (python3 from PATH, standard library only) against ours, both ways,
/// bytes compared on both sides. .ci/run checks that python3 exists; here its absence fails the test.
/// </summary>
[Collection("Streams")]
public class CPythonInteropTests
{
    // Connects, sends every byte value in messages of growing sizes, reads each echo back exactly,
    // then sends lines and reads them back; exits 0 and prints OK with the byte count, or exits 1.
    private const string EchoClient = """
        import asyncio, sys

        async def main(port):
            reader, writer = await asyncio.open_connection('127.0.0.1', port)
            total = 0
            for size in (1, 63, 64, 1000, 65536, 300000):
                message = bytes((i * 7 + size) % 256 for i in range(size))
                writer.write(message)
                await writer.drain()
                echo = await reader.readexactly(size)
                if echo != message:
                    print('MISMATCH', size); sys.exit(1)
                total += size
            for line in (b'hello\n', b'asyncio \xff\x00 bytes\n'):
                writer.write(line)
                if await reader.readline() != line:
                    print('LINE MISMATCH'); sys.exit(1)
                total += len(line)
            writer.write_eof()
            if await reader.read() != b'':
                print('NO EOF'); sys.exit(1)
            writer.close()
            await writer.wait_closed()
            print('OK', total)

        asyncio.run(asyncio.wait_for(main(int(sys.argv[1])), 30))
        """;

    // Serves one echo connection on an ephemeral port (printed first), then exits.
    private const string EchoServer = """
        import asyncio, sys

        async def main():
            done = asyncio.get_running_loop().create_future()
            async def handle(reader, writer):
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
                writer.close()
                await writer.wait_closed()
                done.set_result(None)
            server = await asyncio.start_server(handle, '127.0.0.1', 0)
            print(server.sockets[0].getsockname()[1], flush=True)
            async with server:
                await done

        asyncio.run(asyncio.wait_for(main(), 30))
        """;

    private static readonly Func<StreamReader, StreamWriter, FutureTask> EchoHandler = StreamTest.Echo(65536);

    private static Process StartPython(string script, params string[] args)
    {
        var info = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("The interop tests need python3 (CPython 3.8+, standard library only) on PATH.", ex);
        }
    }

    [Fact]
    public void CPythonClientAgainstOurServer() => Run(async () =>
    {
        await using Server server = await Asyncio.StartServerAsync(EchoHandler, "127.0.0.1", 0);
        using Process python = StartPython(EchoClient, PortOf(server).ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            Task<string> output = python.StandardOutput.ReadToEndAsync();
            Task<string> errors = python.StandardError.ReadToEndAsync();
            await Asyncio.WrapFuture(python.WaitForExitAsync());
            Assert.True(python.ExitCode == 0, "python3 client failed: " + await Asyncio.WrapFuture(output) + await Asyncio.WrapFuture(errors));
            Assert.Equal("OK 366687", (await Asyncio.WrapFuture(output)).Trim());
        }
        finally
        {
            if (!python.HasExited)
            {
                python.Kill();
            }
        }
    }, seconds: 60);

    [Fact]
    public void OurClientAgainstACPythonServer() => Run(async () =>
    {
        using Process python = StartPython(EchoServer);
        try
        {
            string? portLine = await Asyncio.WrapFuture(python.StandardOutput.ReadLineAsync());
            if (portLine is null)
            {
                Assert.Fail("python3 server did not start: " + await Asyncio.WrapFuture(python.StandardError.ReadToEndAsync()));
            }
            var (reader, writer) = await Asyncio.OpenConnectionAsync("127.0.0.1", int.Parse(portLine, System.Globalization.CultureInfo.InvariantCulture));
            long total = 0;
            foreach (int size in new[] { 1, 64, 4096, 65536, 1_000_000 })
            {
                byte[] message = Pattern(size, size);
                writer.Write(message);
                await writer.DrainAsync();
                Assert.Equal(message, await reader.ReadExactlyAsync(size));
                total += size;
            }
            writer.Write(Bytes("a line\n"));
            Assert.Equal("a line\n", Text(await reader.ReadLineAsync()));
            writer.WriteEof();
            Assert.Empty(await reader.ReadAsync(-1)); // the CPython handler closes after our EOF
            writer.Close();
            await writer.WaitClosedAsync();
            await Asyncio.WrapFuture(python.WaitForExitAsync());
            Assert.Equal(0, python.ExitCode);
            Assert.Equal(1_069_697, total);
        }
        finally
        {
            if (!python.HasExited)
            {
                python.Kill();
            }
        }
    }, seconds: 60);
}
