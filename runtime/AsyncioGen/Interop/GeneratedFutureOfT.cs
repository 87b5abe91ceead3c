using System;
using System.ComponentModel;
using System.Threading;

namespace AsyncioGen.Interop;

/// <summary>
/// The future behind a generated <c>[Future]</c> twin with a result. Its methods are the completion
/// callbacks: they may be called from any thread, once; a late result for a cancelled future is dropped,
/// a second call is reported to the loop's exception handler. For generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public class GeneratedFuture<T> : Future<T>
{
    private static readonly Action<GeneratedFuture<T>> s_finishPending = static f => f.FinishPending();

    private int _invoked;
    private object? _cancellation;
    private Exception? _pendingError;
    private T _pendingResult = default!;

    /// <summary>Creates a pending future on <paramref name="loop"/>.</summary>
    public GeneratedFuture(EventLoop loop) : base(loop ?? throw new ArgumentNullException(nameof(loop)))
    {
    }

    /// <summary>The future passed as the state of a state-passing or APM call.</summary>
    public static GeneratedFuture<T> FromState(object? state) => (GeneratedFuture<T>)state!;

    /// <summary>A token cancelled when this future is cancelled (allocates its source on first use).</summary>
    public CancellationToken CancellationToken => GeneratedFutureHelpers.GetToken(ref _cancellation);

    /// <summary>Disposes <paramref name="registration"/> when this future is cancelled.</summary>
    public void SetCancellationRegistration(IDisposable? registration) =>
        GeneratedFutureHelpers.AddRegistration(this, ref _cancellation, registration);

    /// <summary>The success callback.</summary>
    public void OnResult(T result)
    {
        if (Interlocked.Exchange(ref _invoked, 1) != 0)
        {
            GeneratedFutureHelpers.ReportSecondCall(this);
            return;
        }
        if (LoopOrNull?.IsOnLoopThread == true)
        {
            FinishResult(result);
        }
        else
        {
            _pendingResult = result;
            GeneratedFutureHelpers.Post(this, s_finishPending);
        }
    }

    /// <summary>The error callback (a null error, which an <c>Action&lt;Exception?&gt;</c> may pass, fails the future with <see cref="ArgumentNullException"/>).</summary>
    public void OnError(Exception? error)
    {
        if (Interlocked.Exchange(ref _invoked, 1) != 0)
        {
            GeneratedFutureHelpers.ReportSecondCall(this);
            return;
        }
        error ??= new ArgumentNullException(nameof(error), "The error callback was invoked with null.");
        if (LoopOrNull?.IsOnLoopThread == true)
        {
            FinishError(error);
        }
        else
        {
            _pendingError = error;
            GeneratedFutureHelpers.Post(this, s_finishPending);
        }
    }

    /// <summary>The one callback carrying the outcome, result first: an error wins over the result.</summary>
    public void OnOutcome(T? result, Exception? error)
    {
        if (error is null)
        {
            OnResult(result!);
        }
        else
        {
            OnError(error);
        }
    }

    /// <summary>The one callback carrying the outcome, error first (Node.js style).</summary>
    public void OnErrorOrResult(Exception? error, T? result) => OnOutcome(result, error);

    /// <summary>The operation reports it was cancelled (an EAP completion with <c>Cancelled</c>): the future is cancelled.</summary>
    public void OnCancelled() => OnError(new OperationCanceledException("The operation was cancelled."));

    /// <summary>True once a completion callback (or the synchronous exception) reached this future.</summary>
    protected bool CallbackInvoked => Volatile.Read(ref _invoked) != 0;

    /// <summary>An exception the callback form threw synchronously: lands on the future.</summary>
    public void OnSynchronousException(Exception exception)
    {
        if (Interlocked.Exchange(ref _invoked, 1) != 0)
        {
            GeneratedFutureHelpers.ReportThrowAfterCompletion(this, exception);
            return;
        }
        FinishError(exception);
    }

    /// <summary>The static AsyncCallback body of an APM twin with a static EndOp.</summary>
    public static void OnAsyncCallback(IAsyncResult asyncResult, Func<IAsyncResult, T> end)
    {
        if (asyncResult?.AsyncState is not GeneratedFuture<T> future)
        {
            return;
        }
        T result;
        try
        {
            result = end(asyncResult);
        }
        catch (Exception ex)
        {
            future.OnError(ex);
            return;
        }
        future.OnResult(result);
    }

    /// <inheritdoc/>
    public override bool Cancel(string? message = null)
    {
        if (IsCancelFromForeignThread(message, out bool posted))
        {
            return posted;
        }
        if (!base.Cancel(message))
        {
            return false;
        }
        GeneratedFutureHelpers.RunCancellation(this, ref _cancellation);
        return true;
    }

    private void FinishPending()
    {
        Exception? error = _pendingError;
        T result = _pendingResult;
        _pendingError = null;
        _pendingResult = default!;
        if (error is null)
        {
            FinishResult(result);
        }
        else
        {
            FinishError(error);
        }
    }

    private void FinishResult(T result)
    {
        if (!IsDone)
        {
            SetResult(result);
        }
    }

    private void FinishError(Exception error)
    {
        if (IsDone)
        {
            return;
        }
        if (error is OperationCanceledException)
        {
            Cancel(error.Message);
        }
        else
        {
            SetException(error);
        }
    }
}
