namespace AsyncioGen.Generator.Tests;

/// <summary>Callback-form APIs and coroutines that drive their twins; compiled and run by <see cref="BehaviourTests"/>.</summary>
internal static class BehaviourSources
{
    public const string Api = """
        using System;
        using System.Threading;
        using AsyncioGen;

        namespace Scenarios;

        /// <summary>A callback API whose callbacks the scenarios fire by hand.</summary>
        internal sealed partial class Api
        {
            public Action<int>? Done;
            public Action<Exception>? Failed;
            public CancellationToken Token;
            public bool Disposed;
            public Exception? Throw;
            public int CallbackThread;

            [Future]
            internal void Compute(int x, Action<int> onDone, Action<Exception> onError)
            {
                if (Throw is not null)
                {
                    throw Throw;
                }
                Done = onDone;
                Failed = onError;
            }

            [Future]
            internal void ComputeNow(int x, Action<int> onDone) => onDone(x * 2);

            [Future]
            internal void OnThread(int x, Action<int> onDone)
            {
                var thread = new Thread(() => { CallbackThread = Environment.CurrentManagedThreadId; onDone(x * 2); });
                thread.Start();
            }

            [Future]
            internal void Cancellable(int x, CancellationToken cancellationToken, Action<int> onDone)
            {
                Token = cancellationToken;
                Done = onDone;
            }

            [Future]
            internal IDisposable Subscribe(string topic, Action<string> onMessage) => new Subscription(this);

            [Future]
            internal static void Receive(Action<int, object?> callback, object? state) =>
                new Thread(() => callback(7, state)).Start();

            [Future]
            internal IAsyncResult BeginRead(int count, AsyncCallback? callback, object? state)
            {
                var result = new Result(state);
                new Thread(() => callback!(result)).Start();
                return result;
            }

            internal int EndRead(IAsyncResult asyncResult) => Throw is null ? 42 : throw Throw;

            private sealed class Subscription(Api owner) : IDisposable
            {
                public void Dispose() => owner.Disposed = true;
            }

            private sealed class Result(object? state) : IAsyncResult
            {
                public object? AsyncState => state;
                public WaitHandle AsyncWaitHandle => throw new NotSupportedException();
                public bool CompletedSynchronously => false;
                public bool IsCompleted => true;
            }
        }

        /// <summary>A public twin: returns a FutureAwaitable; a task awaiting it can still cancel the operation.</summary>
        public sealed partial class PublicApi
        {
            internal CancellationToken Token;

            /// <summary>Waits forever unless cancelled.</summary>
            [Future]
            public void Wait(CancellationToken cancellationToken, Action onDone) => Token = cancellationToken;
        }
        """;

    public const string Scenarios = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using AsyncioGen;

        namespace Scenarios;

        internal static class Run
        {
            private static List<string> Reports(EventLoop loop)
            {
                var reports = new List<string>();
                loop.SetExceptionHandler((_, context) => reports.Add(context.Message + " | " + context.Exception?.GetType().Name));
                return reports;
            }

            public static string ForeignThread() => Asyncio.Run(static async () =>
            {
                var api = new Api();
                int loopThread = Environment.CurrentManagedThreadId;
                int result = await api.OnThreadAsync(21);
                bool resumedOnLoop = Environment.CurrentManagedThreadId == loopThread;
                bool callbackOffLoop = api.CallbackThread != loopThread;
                return $"{result} resumedOnLoop={resumedOnLoop} callbackOffLoop={callbackOffLoop}";
            });

            public static string LoopThreadCompletesDirectly() => Asyncio.Run(static async () =>
            {
                Future<int> future = new Api().ComputeNowAsync(4);
                bool doneAtOnce = future.IsDone;
                return $"{await future} doneAtOnce={doneAtOnce}";
            });

            public static string DoubleCallback() => Asyncio.Run(static async () =>
            {
                List<string> reports = Reports(Asyncio.GetRunningLoop());
                var api = new Api();
                Future<int> future = api.ComputeAsync(1);
                api.Done!(10);
                api.Done!(11);
                api.Failed!(new InvalidOperationException("late"));
                var thread = new Thread(() => api.Done!(12));
                thread.Start();
                thread.Join();
                int result = await future;
                await Asyncio.Sleep(0.01);
                return $"{result} reports={reports.Count} first={reports[0]}";
            });

            public static string ResultAfterCancelDropped() => Asyncio.Run(static async () =>
            {
                List<string> reports = Reports(Asyncio.GetRunningLoop());
                var api = new Api();
                Future<int> future = api.ComputeAsync(1);
                future.Cancel();
                api.Done!(5);
                Future<int> offLoop = api.ComputeAsync(2);
                offLoop.Cancel();
                var thread = new Thread(() => api.Done!(6));
                thread.Start();
                thread.Join();
                await Asyncio.Sleep(0.01);
                return $"cancelled={future.IsCancelled},{offLoop.IsCancelled} reports={reports.Count}";
            });

            public static string SynchronousException() => Asyncio.Run(static async () =>
            {
                var api = new Api { Throw = new InvalidOperationException("boom") };
                Future<int> future = api.ComputeAsync(1);
                bool failedAtOnce = future.IsDone;
                try
                {
                    await future;
                    return "no exception";
                }
                catch (InvalidOperationException ex)
                {
                    return $"{ex.Message} failedAtOnce={failedAtOnce}";
                }
            });

            public static string ErrorCallbackFromThread() => Asyncio.Run(static async () =>
            {
                var api = new Api();
                Future<int> future = api.ComputeAsync(1);
                var thread = new Thread(() => api.Failed!(new TimeoutException("slow")));
                thread.Start();
                try
                {
                    await future;
                    return "no exception";
                }
                catch (TimeoutException ex)
                {
                    return ex.Message;
                }
            });

            public static string OperationCanceledCancels() => Asyncio.Run(static async () =>
            {
                var api = new Api();
                Future<int> future = api.ComputeAsync(1);
                api.Failed!(new OperationCanceledException("gone"));
                await Asyncio.Sleep(0);
                return $"cancelled={future.IsCancelled}";
            });

            public static string TokenCancelled() => Asyncio.Run(static async () =>
            {
                var api = new Api();
                Future<int> future = api.CancellableAsync(1);
                bool before = api.Token.IsCancellationRequested;
                future.Cancel();
                bool after = api.Token.IsCancellationRequested;
                api.Done!(3);
                await Asyncio.Sleep(0);
                return $"canBeCanceled={api.Token.CanBeCanceled} before={before} after={after} cancelled={future.IsCancelled}";
            });

            public static string DisposableDisposed() => Asyncio.Run(static async () =>
            {
                var api = new Api();
                Future<string> future = api.SubscribeAsync("news");
                bool before = api.Disposed;
                future.Cancel();
                await Asyncio.Sleep(0);
                return $"before={before} after={api.Disposed}";
            });

            public static string PublicTwinCancelledByTask() => Asyncio.Run(static async () =>
            {
                var api = new PublicApi();
                FutureTask task = Asyncio.CreateTask(async () => await api.WaitAsync());
                await Asyncio.Sleep(0.01);
                task.Cancel();
                try
                {
                    await task;
                }
                catch (CancelledError)
                {
                }
                return $"tokenCancelled={api.Token.IsCancellationRequested} taskCancelled={task.IsCancelled}";
            });

            public static string StatePassingFromThread() => Asyncio.Run(static async () => $"{await Api.ReceiveAsync()}");

            public static string Apm() => Asyncio.Run(static async () =>
            {
                var api = new Api();
                int ok = await api.ReadAsync(1);
                api.Throw = new System.IO.IOException("disk");
                try
                {
                    await api.ReadAsync(1);
                    return "no exception";
                }
                catch (System.IO.IOException ex)
                {
                    return $"{ok} {ex.Message}";
                }
            });

            public static string NoRunningLoop()
            {
                try
                {
                    new Api().ComputeNowAsync(1);
                    return "no exception";
                }
                catch (InvalidOperationException ex)
                {
                    return ex.Message;
                }
            }
        }
        """;
}
