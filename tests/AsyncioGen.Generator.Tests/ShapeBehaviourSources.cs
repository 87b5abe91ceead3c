namespace AsyncioGen.Generator.Tests;

/// <summary>APIs of the newer shapes (several values, callback not last, generic, explicit loop, handle, EAP) and coroutines that drive their twins.</summary>
internal static class ShapeBehaviourSources
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.Threading;
        using AsyncioGen;
        using AsyncioGen.Interop;

        namespace Shapes;

        internal delegate void ReadDone(int bytes, string text);

        internal sealed partial class Multi
        {
            public Action<int, string?, Exception?>? Outcome;

            [Future]
            internal void Read(int count, Action<int, string> onDone)
            {
                var thread = new Thread(() => onDone(count, "abc".Substring(0, count)));
                thread.Start();
            }

            [Future(ResultType = "ReadResult")]
            internal void ReadRecord(int count, ReadDone onDone) => onDone(count, "r" + count);

            [Future]
            internal void ReadNamed(int count, ReadDone onDone) => onDone(count, "n" + count);

            [Future]
            internal void ReadOrFail(Action<int, string?, Exception?> onOutcome) => Outcome = onOutcome;

            [Future]
            internal void ReadNode(Action<Exception?, int, double> callback) => callback(null, 7, 0.5);

            public static string Values() => Asyncio.Run(static async () =>
            {
                var multi = new Multi();
                (int count, string text) = await multi.ReadAsync(2);
                Multi.ReadResult record = await multi.ReadRecordAsync(3);
                var named = await multi.ReadNamedAsync(4);
                (int n, double d) = await multi.ReadNodeAsync();
                Future<(int, string)> failing = multi.ReadOrFailAsync();
                multi.Outcome!(1, null, new TimeoutException("late"));
                string error;
                try
                {
                    await failing;
                    error = "none";
                }
                catch (TimeoutException ex)
                {
                    error = ex.Message;
                }
                Future<(int, string)> succeeding = multi.ReadOrFailAsync();
                multi.Outcome!(5, "five", null);
                return $"{count} {text} | {record.Bytes} {record.Text} {record} | {named.bytes} {named.text} | {n} {d} | {error} | {await succeeding}";
            });
        }

        internal sealed class SendOptions
        {
            public int Retries { get; init; }
        }

        internal sealed partial class NotLast
        {
            public CancellationToken Token;
            public Action<long>? Done;

            [Future]
            internal void Upload(string path, Action<long> onDone, int timeoutMs = 1000) => onDone(path.Length * 1000L + timeoutMs);

            [Future]
            internal void Send(byte[] data, Action<long> onDone, SendOptions options, CancellationToken cancellationToken)
            {
                Token = cancellationToken;
                Done = onDone;
            }

            public static string Run() => Asyncio.Run(static async () =>
            {
                var api = new NotLast();
                long first = await api.UploadAsync("ab");
                long second = await api.UploadAsync("abc", timeoutMs: 5);
                Future<long> sending = api.SendAsync(new byte[3], new SendOptions { Retries = 2 });
                bool before = api.Token.IsCancellationRequested;
                sending.Cancel();
                return $"{first} {second} tokenBefore={before} tokenAfter={api.Token.IsCancellationRequested} cancelled={sending.IsCancelled}";
            });
        }

        internal sealed partial class Cache
        {
            private readonly Dictionary<string, object> _items = new() { ["a"] = "alpha", ["n"] = 42 };

            [Future]
            internal void Get<T>(string key, Action<T> onDone, Action<Exception> onError)
            {
                if (_items.TryGetValue(key, out object? value) && value is T typed)
                {
                    onDone(typed);
                }
                else
                {
                    onError(new KeyNotFoundException(key));
                }
            }

            [Future]
            internal static void Make<T>(Action<T?, Exception?> onOutcome) where T : class, new() => onOutcome(new T(), null);

            public static string Run() => Asyncio.Run(static async () =>
            {
                var cache = new Cache();
                string text = await cache.GetAsync<string>("a");
                int number = await cache.GetAsync<int>("n");
                string missing;
                try
                {
                    await cache.GetAsync<int>("a");
                    missing = "found";
                }
                catch (KeyNotFoundException ex)
                {
                    missing = ex.Message;
                }
                List<int> made = await MakeAsync<List<int>>();
                return $"{text} {number} missing={missing} made={made.Count}";
            });
        }

        internal sealed partial class Sensor
        {
            public Action<double>? Done;

            [Future(ExplicitLoop = true)]
            internal void Read(int channel, Action<double> onValue) => Done = onValue;

            [Future(ExplicitLoop = true)]
            internal void ReadNow(int channel, Action<double> onValue) => onValue(channel * 1.5);

            public static string Run()
            {
                var sensor = new Sensor();
                using var loop = new EventLoop();
                // No loop is running here: the twin takes the loop explicitly.
                Future<double> now = sensor.ReadNowAsync(loop, 2);
                Future<double> later = sensor.ReadAsync(loop, 1);
                var thread = new Thread(() => sensor.Done!(9.5));
                thread.Start();
                double a = loop.RunUntilComplete(now);
                double b = loop.RunUntilComplete(later);
                thread.Join();
                string noLoop;
                try
                {
                    sensor.ReadNowAsync(2);
                    noLoop = "no exception";
                }
                catch (InvalidOperationException ex)
                {
                    noLoop = ex.Message.Contains("ReadNowAsync") ? "InvalidOperationException" : ex.Message;
                }
                string nullLoop;
                try
                {
                    sensor.ReadNowAsync(null!, 2);
                    nullLoop = "no exception";
                }
                catch (ArgumentNullException ex)
                {
                    nullLoop = ex.ParamName ?? "";
                }
                return $"{a} {b} running={Asyncio.Run(static async () => await new Sensor().ReadNowAsync(4))} noLoop={noLoop} null={nullLoop}";
            }
        }

        /// <summary>A transfer in progress.</summary>
        public sealed class Transfer
        {
            /// <summary>Times paused.</summary>
            public int Pauses;

            /// <summary>Pauses it.</summary>
            public void Pause() => Pauses++;
        }

        internal sealed class Lease : IDisposable
        {
            public bool Disposed;
            public void Dispose() => Disposed = true;
        }

        /// <summary>Starts transfers.</summary>
        public sealed partial class Transfers
        {
            private Action<long>? _done;
            private Action? _acquired;

            [Future]
            internal Transfer Start(string url, Action<long> onDone)
            {
                _done = onDone;
                return new Transfer();
            }

            [Future]
            internal Lease Acquire(Action onDone)
            {
                _acquired = onDone;
                return new Lease();
            }

            /// <summary>Public: the twin returns a GeneratedHandleAwaitable, not a future.</summary>
            [Future]
            public Transfer Resume(Action<long> onDone)
            {
                _done = onDone;
                return new Transfer { Pauses = 10 };
            }

            internal static string Run() => Asyncio.Run(static async () =>
            {
                var transfers = new Transfers();
                GeneratedHandleFuture<long, Transfer> started = transfers.StartAsync("x");
                started.Handle.Pause();
                transfers._done!(100);
                long bytes = await started;
                GeneratedHandleFuture<Lease> lease = transfers.AcquireAsync();
                bool disposedBefore = lease.Handle.Disposed;
                lease.Cancel();
                GeneratedHandleAwaitable<long, Transfer> resumed = transfers.ResumeAsync();
                resumed.Handle.Pause();
                transfers._done!(7);
                long more = await resumed;
                return $"{bytes} pauses={started.Handle.Pauses} disposedBefore={disposedBefore} disposedAfter={lease.Handle.Disposed} resumed={more} pauses={resumed.Handle.Pauses}";
            });
        }

        internal delegate void ComputeCompletedEventHandler(object sender, ComputeCompletedEventArgs e);

        internal sealed class ComputeCompletedEventArgs(int result, Exception? error, bool cancelled, object? userState)
            : AsyncCompletedEventArgs(error, cancelled, userState)
        {
            private readonly int _result = result;

            public int Result
            {
                get
                {
                    RaiseExceptionIfNecessary();
                    return _result;
                }
            }
        }

        /// <summary>An EAP component: operations finish when the test says, in any order, on any thread.</summary>
        internal sealed partial class Computer
        {
            public readonly List<(int Input, object? State)> Pending = new();
            public readonly List<object?> CancelRequests = new();

            public event ComputeCompletedEventHandler? ComputeCompleted;

            public event AsyncCompletedEventHandler? ResetCompleted;

            public int Subscribers => ComputeCompleted?.GetInvocationList().Length ?? 0;

            [Future(Cancel = nameof(CancelAsync))]
            internal void ComputeAsync(int input, object? userState) => Pending.Add((input, userState));

            [Future]
            internal void ResetAsync(object? userState) => ResetCompleted?.Invoke(this, new AsyncCompletedEventArgs(null, false, userState));

            public void CancelAsync(object? userState) => CancelRequests.Add(userState);

            public void Finish(int index, Exception? error = null, bool cancelled = false) =>
                ComputeCompleted?.Invoke(this, new ComputeCompletedEventArgs(Pending[index].Input * 10, error, cancelled, Pending[index].State));

            public void FinishForeign() => ComputeCompleted?.Invoke(this, new ComputeCompletedEventArgs(-1, null, false, "someone else's state"));

            public static string Run() => Asyncio.Run(static async () =>
            {
                var computer = new Computer();
                Future<int> a = computer.ComputeFutureAsync(1);
                Future<int> b = computer.ComputeFutureAsync(2);
                Future<int> c = computer.ComputeFutureAsync(3);
                Future<int> d = computer.ComputeFutureAsync(4);
                Future<int> e = computer.ComputeFutureAsync(5);
                int subscribers = computer.Subscribers;
                computer.FinishForeign();
                computer.Finish(1);                                   // b first: routed by user state
                var thread = new Thread(() => computer.Finish(0));    // a from another thread
                thread.Start();
                thread.Join();
                computer.Finish(2, error: new TimeoutException("slow"));
                computer.Finish(3, cancelled: true);
                int requestsAfterReportedCancel = computer.CancelRequests.Count;
                e.Cancel();
                computer.Finish(4, cancelled: true);                  // the API confirms: dropped, no second request
                string failure;
                try
                {
                    await c;
                    failure = "none";
                }
                catch (TimeoutException ex)
                {
                    failure = ex.Message;
                }
                await computer.ResetFutureAsync();
                await Asyncio.Sleep(0);
                return $"b={await b} a={await a} c={failure} d.cancelled={d.IsCancelled} e.cancelled={e.IsCancelled} "
                    + $"requests={requestsAfterReportedCancel},{computer.CancelRequests.Count} requestIsFuture={ReferenceEquals(computer.CancelRequests[0], e)} subscribers={subscribers},{computer.Subscribers}";
            });
        }
        """;
}
