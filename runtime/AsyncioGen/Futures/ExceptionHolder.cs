using System;
using System.Runtime.ExceptionServices;

namespace AsyncioGen;

/// <summary>
/// Holds a failed future's exception and reports it if nobody retrieves it (asyncio's
/// <c>__del__</c> "exception was never retrieved"). Futures have no finalizer of their own: only this
/// holder, allocated when an exception is set, has one, as .NET's <c>TaskExceptionHolder</c>.
/// </summary>
internal sealed class ExceptionHolder
{
    private readonly Future _owner;
    private readonly ExceptionDispatchInfo _dispatch;
    private bool _observed;

    public ExceptionHolder(Future owner, Exception exception)
    {
        _owner = owner;
        _dispatch = ExceptionDispatchInfo.Capture(exception);
    }

    public Exception Exception => _dispatch.SourceException;

    public void MarkObserved()
    {
        if (!_observed)
        {
            _observed = true;
            GC.SuppressFinalize(this);
        }
    }

    /// <summary>Rethrows the exception with its original stack trace, and marks it retrieved.</summary>
    public void Throw()
    {
        MarkObserved();
        _dispatch.Throw();
    }

    ~ExceptionHolder()
    {
        if (_observed || Environment.HasShutdownStarted)
        {
            return;
        }
        EventLoop? loop = _owner.LoopOrNull;
        if (loop is null)
        {
            return;
        }
        string message = _owner is ICoroutineTask ? "Task exception was never retrieved" : "Future exception was never retrieved";
        loop.CallExceptionHandlerThreadsafe(new ExceptionContext(message)
        {
            Exception = _dispatch.SourceException,
            Future = _owner,
        });
    }
}
