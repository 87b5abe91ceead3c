namespace AsyncioGen.Generator.Tests;

/// <summary>The inputs of the snapshot tests: one per shape and option.</summary>
internal static class SnapshotSources
{
    public const string CallbackResult = """
        using System;
        using AsyncioGen;

        namespace Demo;

        internal partial class Calculator
        {
            [Future]
            internal void Compute(int x, Action<int> onDone) => onDone(x * 2);
        }
        """;

    public const string CallbackResultAndErrorAfter = """
        using System;
        using AsyncioGen;

        namespace Demo;

        public partial class Downloader
        {
            [Future]
            public void Download(string url, Action<string> onDone, Action<Exception> onError) => onDone(url);
        }
        """;

    public const string CallbackErrorBefore = """
        using System;
        using System.IO;
        using AsyncioGen;

        namespace Demo;

        internal static partial class Sensors
        {
            [Future]
            internal static void Read(int channel, Action<IOException> onError, Action<double> onValue) => onValue(channel);
        }
        """;

    public const string CallbackOutcome = """
        using System;
        using AsyncioGen;

        namespace Demo;

        internal partial class Resolver
        {
            [Future]
            internal void Resolve(string host, Action<string?, Exception?> onOutcome) => onOutcome(host, null);

            [Future]
            internal void Port(string service, Action<int?, Exception?> onOutcome) => onOutcome(80, null);
        }
        """;

    public const string CustomDelegates = """
        using System;
        using AsyncioGen;

        namespace Demo;

        public delegate void ReadDone(int bytes);
        public delegate void NodeCallback(Exception? error, byte[]? data);

        internal partial class Device
        {
            [Future]
            internal void Read(byte[] buffer, ReadDone done) => done(buffer.Length);

            [Future]
            internal void Fetch(string key, NodeCallback callback) => callback(null, new byte[1]);
        }
        """;

    public const string Resultless = """
        using System;
        using AsyncioGen;

        namespace Demo;

        internal partial class Door
        {
            [Future]
            internal void Open(Action onOpened) => onOpened();

            [Future]
            internal void Close(Action<Exception?> onClosed) => onClosed(null);

            [Future]
            internal void Lock(Action onLocked, Action<Exception> onError) => onLocked();
        }
        """;

    public const string StatePassing = """
        using System;
        using AsyncioGen;

        namespace Demo;

        public delegate void Completion(int result, Exception? error, object? state);

        internal partial class Channel
        {
            [Future]
            internal void Receive(int size, Action<int, object?> callback, object? state) => callback(size, state);

            [Future]
            internal void Send(int size, Completion callback, object? state) => callback(size, null, state);

            [Future]
            internal static void Flush(Action<object?> callback, object? state) => callback(state);
        }
        """;

    public const string Apm = """
        using System;
        using System.Threading.Tasks;
        using AsyncioGen;

        namespace Demo;

        internal partial class Pipe
        {
            [Future]
            internal IAsyncResult BeginRead(byte[] buffer, int offset, int count, AsyncCallback? callback, object? state) => throw new NotImplementedException();

            internal int EndRead(IAsyncResult asyncResult) => 0;

            [Future]
            internal IAsyncResult BeginWrite(byte[] buffer, AsyncCallback? callback, object? state) => throw new NotImplementedException();

            internal void EndWrite(IAsyncResult asyncResult) { }

            [Future(Name = "LookupAsync")]
            internal static IAsyncResult BeginResolve(string host, AsyncCallback? callback, object? state) => throw new NotImplementedException();

            internal static string EndResolve(IAsyncResult asyncResult) => "";
        }
        """;

    public const string Cancellation = """
        using System;
        using System.Threading;
        using AsyncioGen;

        namespace Demo;

        internal partial class Timer
        {
            [Future]
            internal void Wait(int milliseconds, CancellationToken cancellationToken, Action onElapsed) { }

            [Future]
            internal IDisposable Subscribe(string topic, Action<string> onMessage) => throw new NotImplementedException();
        }
        """;

    public const string GenericNested = """
        using System;
        using AsyncioGen;

        namespace Demo.Deep;

        public partial class Outer<T>
            where T : class
        {
            internal partial struct Inner
            {
                [Future]
                private void Take(T value, Action<T> onDone) => onDone(value);
            }

            public partial interface IStore<in TKey>
            {
                [Future]
                public void Load(TKey key, Action<T?, Exception?> onOutcome) => onOutcome(null, null);
            }
        }
        """;

    public const string GlobalNamespaceAndName = """
        using System;
        using AsyncioGen;

        partial class Program
        {
            [Future(Name = "FetchItAsync")]
            static void Fetch(Action<string> done) => done("x");
        }
        """;

    public const string AccessibilityAndParameters = """
        using System;
        using AsyncioGen;

        namespace Demo;

        public enum Mode { Fast = 1, Slow = 2 }

        public partial class Service
        {
            [Future]
            protected void Ping(Action onDone) => onDone();

            [Future]
            protected internal void Echo(string text, Action<string> onDone) => onDone(text);

            [Future]
            private protected void Count(Action<int> onDone) => onDone(1);

            [Future]
            private void Move(in int position, ref readonly double speed, dynamic tag, Action<int> onDone) => onDone(position);

            [Future]
            public void Query(string @class, Mode mode = Mode.Slow, int retries = -3, string? tag = null, double ratio = 0.5, Action<int>? onDone = null) { }

            [Future]
            public static void Query2(string name = "a\"b", char c = 'x', long big = 5L, decimal price = 1.5m, bool flag = true, short small = -2, Action<int>? onDone = null) { }
        }

        public static partial class Extensions
        {
            [Future]
            public static void Touch(this Service service, Action onDone) => onDone();
        }
        """;

    public const string MultiValue = """
        using System;
        using AsyncioGen;

        namespace Demo;

        public delegate void ReadDone(int bytes, string text);

        internal partial class Reader
        {
            [Future]
            internal void Read(int count, Action<int, string> onDone) => onDone(count, "x");

            [Future]
            internal void ReadNamed(int count, ReadDone onDone) => onDone(count, "x");

            [Future(ResultType = "ReadResult")]
            internal void ReadRecord(int count, ReadDone onDone) => onDone(count, "x");

            [Future]
            internal void ReadOrFail(int count, Action<int, string?, Exception?> onOutcome) => onOutcome(count, "x", null);

            [Future]
            internal void ReadNode(int count, Action<Exception?, int, string?> callback) => callback(null, count, "x");

            [Future]
            internal void ReadThree(Action<int, string, double> onDone, Action<Exception> onError) => onDone(1, "x", 2.0);
        }
        """;

    public const string CallbackNotLast = """
        using System;
        using System.Threading;
        using AsyncioGen;

        namespace Demo;

        public sealed class SendOptions
        {
        }

        internal partial class Uploader
        {
            [Future]
            internal void Upload(string path, Action<long> onDone, int timeoutMs = 1000) => onDone(path.Length);

            [Future]
            internal void Send(byte[] data, Action onDone, Action<Exception> onError, SendOptions options, CancellationToken cancellationToken) => onDone();
        }
        """;

    public const string GenericMethods = """
        using System;
        using AsyncioGen;

        namespace Demo;

        internal partial class Cache
        {
            [Future]
            internal void Get<T>(string key, Action<T> onDone) => onDone(default!);

            [Future]
            internal static void Convert<TIn, TOut>(TIn value, Action<TOut?, Exception?> onOutcome)
                where TIn : struct
                where TOut : class, new() => onOutcome(new TOut(), null);

            [Future]
            internal void Lookup<TKey>(TKey key, Action<int, object?> callback, object? state)
                where TKey : notnull => callback(1, state);
        }
        """;

    public const string ExplicitLoop = """
        using System;
        using AsyncioGen;

        namespace Demo;

        public partial class Sensor
        {
            [Future(ExplicitLoop = true)]
            internal void Read(int channel, Action<double> onValue) => onValue(channel);

            [Future(ExplicitLoop = true)]
            public static void Calibrate(Action onDone) => onDone();
        }
        """;

    public const string Handle = """
        using System;
        using AsyncioGen;

        namespace Demo;

        public sealed class Transfer
        {
            public void Pause() { }
        }

        public sealed class Lease : IDisposable
        {
            public void Dispose() { }
        }

        public partial class Transfers
        {
            [Future]
            internal Transfer Start(string url, Action<long> onDone) => new Transfer();

            [Future]
            internal Lease Acquire(Action onDone) => new Lease();

            [Future]
            public Transfer Resume(Action<long> onDone) => new Transfer();
        }
        """;

    public const string EventBased = """
        using System;
        using System.ComponentModel;
        using AsyncioGen;

        namespace Demo;

        public delegate void DownloadCompletedEventHandler(object sender, DownloadCompletedEventArgs e);

        public sealed class DownloadCompletedEventArgs(string? result, Exception? error, bool cancelled, object? userState)
            : AsyncCompletedEventArgs(error, cancelled, userState)
        {
            public string? Result { get; } = result;
        }

        public partial class Downloader
        {
            public event DownloadCompletedEventHandler? DownloadCompleted;

            public event AsyncCompletedEventHandler? FlushCompleted;

            [Future(Cancel = nameof(CancelAsync))]
            internal void DownloadAsync(string url, object? userState) => DownloadCompleted?.Invoke(this, new DownloadCompletedEventArgs(url, null, false, userState));

            public void CancelAsync(object? userState) { }

            [Future]
            public void FlushAsync(object? userState) => FlushCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, userState));
        }
        """;
}
