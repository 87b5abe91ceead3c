namespace AsyncioGen.Generator.Tests;

/// <summary>Allocation-free callees of the newer shapes: each parks its callback (or state) and fires it from the loop with a static callback.</summary>
internal static class ShapeAllocationSources
{
    public const string Source = """
        using System;
        using System.ComponentModel;
        using AsyncioGen;
        using AsyncioGen.Interop;

        namespace ShapeAllocation;

        internal sealed class Handle
        {
        }

        internal delegate void CountedEventHandler(object sender, CountedEventArgs e);

        internal sealed class CountedEventArgs(int result, object? userState) : AsyncCompletedEventArgs(null, false, userState)
        {
            public int Result { get; } = result;
        }

        internal sealed partial class Quiet(EventLoop loop)
        {
            private static readonly Action<Quiet> s_fireValues = static q => { Action<int, string> done = q._values!; q._values = null; done(1, "x"); };
            private static readonly Action<Quiet> s_fireInt = static q => { Action<int> done = q._int!; q._int = null; done(1); };
            private static readonly Action<Quiet> s_fireEvent = static q => { object? state = q._state; q._state = null; q.Counted?.Invoke(q, new CountedEventArgs(1, state)); };

            private readonly Handle _handle = new();
            private Action<int, string>? _values;
            private Action<int>? _int;
            private object? _state;

            public event CountedEventHandler? Counted;

            [Future]
            internal void Values(Action<int, string> onDone)
            {
                _values = onDone;
                loop.CallSoon(s_fireValues, this);
            }

            [Future]
            internal void NotLast(Action<int> onDone, int timeout)
            {
                _int = onDone;
                loop.CallSoon(s_fireInt, this);
            }

            [Future]
            internal void Generic<T>(Action<T> onDone)
            {
                _int = (Action<int>)(object)onDone;
                loop.CallSoon(s_fireInt, this);
            }

            [Future(ExplicitLoop = true)]
            internal void Explicit(Action<int> onDone)
            {
                _int = onDone;
                loop.CallSoon(s_fireInt, this);
            }

            [Future]
            internal Handle WithHandle(Action<int> onDone)
            {
                _int = onDone;
                loop.CallSoon(s_fireInt, this);
                return _handle;
            }

            [Future(Name = "CountAsync", Cancel = nameof(CountAsyncCancel))]
            internal void CountedAsync(object? userState)
            {
                _state = userState;
                loop.CallSoon(s_fireEvent, this);
            }

            internal void CountAsyncCancel()
            {
            }

        }

        internal static class Measure
        {
            private const int N = 1000;
            private static object? s_sink;

            /// <summary>Sizes (future types, delegate, event args), then the bytes of N awaits of each twin.</summary>
            public static long[] Run() => Asyncio.Run(static async () =>
            {
                EventLoop loop = Asyncio.GetRunningLoop();
                var quiet = new Quiet(loop);
                for (int i = 0; i < 200; i++)
                {
                    await quiet.ValuesAsync();
                    await quiet.NotLastAsync(1);
                    await quiet.GenericAsync<int>();
                    await quiet.ExplicitAsync(loop);
                    await quiet.WithHandleAsync();
                    await quiet.CountAsync();
                }

                long Size(Func<object> make)
                {
                    long start = GC.GetAllocatedBytesForCurrentThread();
                    for (int i = 0; i < N; i++)
                    {
                        s_sink = make();
                    }
                    s_sink = null;
                    return (GC.GetAllocatedBytesForCurrentThread() - start) / N;
                }

                static Delegate Combine() => (Func<int, string, (int, string)>)(static (a, b) => (a, b));
                var one = new GeneratedFuture<int>(loop);
                long[] sizes =
                {
                    Size(() => new GeneratedFuture<int>(loop)),
                    Size(() => new GeneratedValuesFuture<(int, string)>(loop, Combine())),
                    Size(() => new GeneratedHandleFuture<int, Handle>(loop)),
                    Size(() => new GeneratedEapFuture<Quiet, int>(loop, quiet, static (q, s) => q.CountAsyncCancel())),
                    Size(() => new Action<int>(one.OnResult)),
                    Size(() => new CountedEventArgs(1, null)),
                };

                long values = 0, notLast = 0, generic = 0, explicitLoop = 0, handle = 0, eap = 0;
                long start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    await quiet.ValuesAsync();
                }
                values = GC.GetAllocatedBytesForCurrentThread() - start;

                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    await quiet.NotLastAsync(1);
                }
                notLast = GC.GetAllocatedBytesForCurrentThread() - start;

                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    await quiet.GenericAsync<int>();
                }
                generic = GC.GetAllocatedBytesForCurrentThread() - start;

                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    await quiet.ExplicitAsync(loop);
                }
                explicitLoop = GC.GetAllocatedBytesForCurrentThread() - start;

                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    await quiet.WithHandleAsync();
                }
                handle = GC.GetAllocatedBytesForCurrentThread() - start;

                start = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < N; i++)
                {
                    await quiet.CountAsync();
                }
                eap = GC.GetAllocatedBytesForCurrentThread() - start;

                return new[] { sizes[0], sizes[1], sizes[2], sizes[3], sizes[4], sizes[5], values, notLast, generic, explicitLoop, handle, eap };
            });
        }
        """;
}
