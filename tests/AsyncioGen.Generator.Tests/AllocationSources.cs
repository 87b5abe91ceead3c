namespace AsyncioGen.Generator.Tests;

/// <summary>A callee that allocates nothing: it parks the callback and fires it from the loop with a static callback.</summary>
internal static class AllocationSources
{
    public const string Source = """
        using System;
        using System.Threading;
        using AsyncioGen;
        using AsyncioGen.Interop;

        namespace Allocation;

        internal sealed partial class Quiet(EventLoop loop)
        {
            private static readonly Action<Quiet> s_firePlain = static q => { Action<int> done = q._done!; q._done = null; done(1); };
            private static readonly Action<Quiet> s_fireTwo = static q => { Action<int> done = q._done!; q._done = null; q._error = null; done(1); };
            private static readonly Action<Quiet> s_fireState = static q => { object? state = q._state; q._state = null; q._stateCallback!(1, state); };
            private static readonly Action<Quiet> s_fireApm = static q => q._asyncCallback!(q._result);

            private readonly ReusableResult _result = new();
            private Action<int>? _done;
            private Action<Exception>? _error;
            private Action<int, object?>? _stateCallback;
            private object? _state;
            private AsyncCallback? _asyncCallback;

            [Future]
            internal void Plain(Action<int> onDone)
            {
                _done = onDone;
                loop.CallSoon(s_firePlain, this);
            }

            [Future]
            internal void Two(Action<int> onDone, Action<Exception> onError)
            {
                _done = onDone;
                _error = onError;
                loop.CallSoon(s_fireTwo, this);
            }

            [Future]
            internal void State(Action<int, object?> callback, object? state)
            {
                _stateCallback = callback;
                _state = state;
                loop.CallSoon(s_fireState, this);
            }

            [Future]
            internal IAsyncResult BeginOp(AsyncCallback? callback, object? state)
            {
                _asyncCallback = callback;
                _result.State = state;
                loop.CallSoon(s_fireApm, this);
                return _result;
            }

            internal int EndOp(IAsyncResult asyncResult)
            {
                _result.State = null;
                return 1;
            }

            private sealed class ReusableResult : IAsyncResult
            {
                public object? State;
                public object? AsyncState => State;
                public WaitHandle AsyncWaitHandle => throw new NotSupportedException();
                public bool CompletedSynchronously => false;
                public bool IsCompleted => true;
            }
        }

        internal static class Measure
        {
            private const int N = 1000;
            private static object? s_sink;

            /// <summary>Bytes per call: future, APM future, delegate, then the four twins awaited.</summary>
            public static long[] Run() => Asyncio.Run(static async () =>
            {
                EventLoop loop = Asyncio.GetRunningLoop();
                var quiet = new Quiet(loop);
                for (int i = 0; i < 200; i++)
                {
                    await quiet.PlainAsync();
                    await quiet.TwoAsync();
                    await quiet.StateAsync();
                    await quiet.OpAsync();
                }

                long start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    s_sink = new GeneratedFuture<int>(loop);
                }
                long future = GC.GetAllocatedBytesForCurrentThread() - start;

                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    s_sink = new ApmFuture<Quiet, int>(loop, quiet);
                }
                long apmFuture = GC.GetAllocatedBytesForCurrentThread() - start;

                var one = new GeneratedFuture<int>(loop);
                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    s_sink = new Action<int>(one.OnResult);
                }
                long callbackDelegate = GC.GetAllocatedBytesForCurrentThread() - start;
                s_sink = null;

                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    await quiet.PlainAsync();
                }
                long plain = GC.GetAllocatedBytesForCurrentThread() - start;

                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    await quiet.TwoAsync();
                }
                long two = GC.GetAllocatedBytesForCurrentThread() - start;

                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    await quiet.StateAsync();
                }
                long state = GC.GetAllocatedBytesForCurrentThread() - start;

                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    await quiet.OpAsync();
                }
                long apm = GC.GetAllocatedBytesForCurrentThread() - start;

                return new[] { future / N, apmFuture / N, callbackDelegate / N, plain, two, state, apm };
            });
        }
        """;
}
