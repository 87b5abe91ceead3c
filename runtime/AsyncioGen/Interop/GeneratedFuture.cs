using System;
using System.ComponentModel;
using System.Threading;

namespace AsyncioGen.Interop;

/// <summary>
/// The result-less future behind a generated <c>[Future]</c> twin. Its methods are the completion
/// callbacks: they may be called from any thread, once; a late result for a cancelled future is dropped,
/// a second call is reported to the loop's exception handler. For generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public class GeneratedFuture : Future
{
    private static readonly Action<GeneratedFuture> s_finishPending = static f => f.FinishPending();

    private int _invoked;
    private object? _cancellation;
    private Exception? _pendingError;

    /// <summary>Creates a pending future on <paramref name="loop"/>.</summary>
    public GeneratedFuture(EventLoop loop) : base(loop ?? throw new ArgumentNullException(nameof(loop)))
    {
    }

    /// <summary>The running loop; throws the twin's "call it from a coroutine" error when there is none.</summary>
    public static EventLoop RunningLoop(string twin) => GeneratedFutureHelpers.RunningLoop(twin);

    /// <summary>The future passed as the state of a state-passing or APM call.</summary>
    public static GeneratedFuture FromState(object? state) => (GeneratedFuture)state!;

    /// <summary>A token cancelled when this future is cancelled (allocates its source on first use).</summary>
    public CancellationToken CancellationToken => GeneratedFutureHelpers.GetToken(ref _cancellation);

    /// <summary>Disposes <paramref name="registration"/> when this future is cancelled.</summary>
    public void SetCancellationRegistration(IDisposable? registration) =>
        GeneratedFutureHelpers.AddRegistration(this, ref _cancellation, registration);

    /// <summary>The success callback.</summary>
    public void OnCompleted()
    {
        if (Interlocked.Exchange(ref _invoked, 1) != 0)
        {
            GeneratedFutureHelpers.ReportSecondCall(this);
            return;
        }
        if (LoopOrNull?.IsOnLoopThread == true)
        {
            FinishResult();
        }
        else
        {
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

    /// <summary>The one callback carrying the outcome: <see langword="null"/> for success.</summary>
    public void OnOutcome(Exception? error)
    {
        if (error is null)
        {
            OnCompleted();
        }
        else
        {
            OnError(error);
        }
    }

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
    public static void OnAsyncCallback(IAsyncResult asyncResult, Action<IAsyncResult> end)
    {
        if (asyncResult?.AsyncState is not GeneratedFuture future)
        {
            return;
        }
        try
        {
            end(asyncResult);
        }
        catch (Exception ex)
        {
            future.OnError(ex);
            return;
        }
        future.OnCompleted();
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
        _pendingError = null;
        if (error is null)
        {
            FinishResult();
        }
        else
        {
            FinishError(error);
        }
    }

    private void FinishResult()
    {
        if (!IsDone)
        {
            SetResult();
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
