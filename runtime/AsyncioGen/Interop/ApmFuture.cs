using System;
using System.ComponentModel;

namespace AsyncioGen.Interop;

/// <summary>
/// The future of an APM twin whose <c>EndOp</c> is an instance method: it carries the instance, so the
/// static AsyncCallback can call <c>EndOp</c> with nothing but the future as the call's state.
/// For generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApmFuture<TOwner, T> : GeneratedFuture<T>
{
    private readonly TOwner _owner;

    /// <summary>Creates a pending future on <paramref name="loop"/> for an operation of <paramref name="owner"/>.</summary>
    public ApmFuture(EventLoop loop, TOwner owner) : base(loop) => _owner = owner;

    /// <summary>The static AsyncCallback body: runs <paramref name="end"/> on the owner and completes the future.</summary>
    public static void OnAsyncCallback(IAsyncResult asyncResult, Func<TOwner, IAsyncResult, T> end)
    {
        if (asyncResult?.AsyncState is not ApmFuture<TOwner, T> future)
        {
            return;
        }
        T result;
        try
        {
            result = end(future._owner, asyncResult);
        }
        catch (Exception ex)
        {
            future.OnError(ex);
            return;
        }
        future.OnResult(result);
    }
}

/// <summary>The result-less <see cref="ApmFuture{TOwner, T}"/>. For generated code only.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ApmFuture<TOwner> : GeneratedFuture
{
    private readonly TOwner _owner;

    /// <summary>Creates a pending future on <paramref name="loop"/> for an operation of <paramref name="owner"/>.</summary>
    public ApmFuture(EventLoop loop, TOwner owner) : base(loop) => _owner = owner;

    /// <summary>The static AsyncCallback body: runs <paramref name="end"/> on the owner and completes the future.</summary>
    public static void OnAsyncCallback(IAsyncResult asyncResult, Action<TOwner, IAsyncResult> end)
    {
        if (asyncResult?.AsyncState is not ApmFuture<TOwner> future)
        {
            return;
        }
        try
        {
            end(future._owner, asyncResult);
        }
        catch (Exception ex)
        {
            future.OnError(ex);
            return;
        }
        future.OnCompleted();
    }
}
