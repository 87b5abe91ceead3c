using System;

namespace AsyncioGen;

/// <summary>
/// The outer future of <see cref="Asyncio.Shield{T}(Future{T})"/>: it mirrors the inner future, and
/// cancelling it leaves the inner alone (it only stops listening). Registered on the inner with a
/// static invoker, itself as the argument.
/// </summary>
internal static class Shielding
{
    private static readonly ReadyInvoker s_onInnerDone = static (_, inner, outer) => OnInnerDone((Future)inner!, (Future)outer!);

    public static void Attach(Future inner, Future outer) =>
        inner.AddDoneCallbackCore(new DoneCallback(null, outer, s_onInnerDone, null));

    private static void OnInnerDone(Future inner, Future outer)
    {
        if (outer.IsDone)
        {
            if (!inner.IsCancelled)
            {
                inner.GetException(); // the outer was cancelled: nobody else will look at this outcome
            }
            return;
        }
        if (inner.IsCancelled)
        {
            outer.CancelCore(null);
            return;
        }
        Exception? error = inner.GetException();
        if (error is not null)
        {
            outer.CompleteWithException(error);
        }
        else if (outer is IShieldOf shield)
        {
            shield.CopyResult(inner);
        }
        else
        {
            outer.CompleteWithResult();
        }
    }

    /// <summary>The outer is cancelled: stop listening to the inner (asyncio's <c>_outer_done_callback</c>).</summary>
    public static void Detach(Future inner, Future outer)
    {
        if (!inner.IsDone)
        {
            inner.RemoveDoneCallbacksWithArg(outer);
        }
    }
}

/// <summary>A shield that carries a result.</summary>
internal interface IShieldOf
{
    void CopyResult(Future inner);
}

/// <summary>The outer future of a shield over a <see cref="Future{T}"/>.</summary>
internal sealed class ShieldFuture<T> : Future<T>, IShieldOf
{
    private readonly Future<T> _inner;

    public ShieldFuture(EventLoop loop, Future<T> inner) : base(loop) => _inner = inner;

    public void CopyResult(Future inner) => SetResultFromTask(((Future<T>)inner).GetResult());

    public override bool Cancel(string? message = null)
    {
        if (IsCancelFromForeignThread(message, out bool posted))
        {
            return posted;
        }
        bool cancelled = base.Cancel(message);
        if (cancelled)
        {
            Shielding.Detach(_inner, this);
        }
        return cancelled;
    }
}

/// <summary>The outer future of a shield over a result-less <see cref="Future"/>.</summary>
internal sealed class ShieldFuture : Future
{
    private readonly Future _inner;

    public ShieldFuture(EventLoop loop, Future inner) : base(loop) => _inner = inner;

    public override bool Cancel(string? message = null)
    {
        if (IsCancelFromForeignThread(message, out bool posted))
        {
            return posted;
        }
        bool cancelled = base.Cancel(message);
        if (cancelled)
        {
            Shielding.Detach(_inner, this);
        }
        return cancelled;
    }
}
