using System;
using System.Threading;

namespace AsyncioGen;

/// <summary>A <see cref="CancellationToken"/> as a source of future cancellation.</summary>
public static class FutureCancellationExtensions
{
    /// <summary>
    /// Cancels <paramref name="future"/> (a request, for a task) when <paramref name="token"/> is
    /// cancelled, on the future's loop thread: the token's callback posts the cancellation with
    /// <c>CallSoonThreadsafe</c>, so it takes effect at the loop's next iteration, whatever thread
    /// cancels the token (a token already cancelled, too). The registration is released when the
    /// future is done. Returns the future, for chaining:
    /// <c>await FetchAsync().CancelOn(token)</c>.
    /// </summary>
    public static TFuture CancelOn<TFuture>(this TFuture future, CancellationToken token)
        where TFuture : Future
    {
        ArgumentNullException.ThrowIfNull(future);
        if (!token.CanBeCanceled)
        {
            return future;
        }
        var link = new CancelOnLink(future, future.GetLoop());
        link.Attach(token);
        return future;
    }

    /// <summary>The registration and its future: one object per <c>CancelOn</c>, the delegates are static.</summary>
    private sealed class CancelOnLink
    {
        private static readonly ReadyInvoker s_release = static (_, _, link) => ((CancelOnLink)link!).Release();

        private readonly Future _future;
        private readonly EventLoop _loop;
        private CancellationTokenRegistration _registration;
        private bool _released;

        public CancelOnLink(Future future, EventLoop loop)
        {
            _future = future;
            _loop = loop;
        }

        public void Attach(CancellationToken token)
        {
            CancellationTokenRegistration registration = token.UnsafeRegister(static link => ((CancelOnLink)link!).Fire(), this);
            lock (this)
            {
                if (_released)
                {
                    registration.Dispose();
                    return;
                }
                _registration = registration;
            }
            try
            {
                _loop.CallSoonThreadsafe(static link => link.WatchFuture(), this);
            }
            catch (InvalidOperationException)
            {
                Release(); // the loop is closed: the future can never complete
            }
        }

        private void WatchFuture() =>
            _future.AddDoneCallbackCore(new DoneCallback(null, this, s_release, null));

        private void Fire()
        {
            try
            {
                _loop.CallSoonThreadsafe(static future =>
                {
                    if (!future.IsDone)
                    {
                        future.Cancel();
                    }
                }, _future);
            }
            catch (InvalidOperationException)
            {
                // The loop is closed: nothing left to cancel; never throw into the token's Cancel().
            }
        }

        private void Release()
        {
            CancellationTokenRegistration registration;
            lock (this)
            {
                _released = true;
                registration = _registration;
                _registration = default;
            }
            registration.Dispose();
        }
    }
}
