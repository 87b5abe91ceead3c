using System;
using System.Text;
using System.Threading;

namespace AsyncioGen;

public partial class EventLoop
{
    private Action<EventLoop, ExceptionContext>? _exceptionHandler;

    /// <summary>
    /// Sets the handler for errors the loop cannot raise to anyone: failing callbacks, exceptions
    /// never retrieved (asyncio's <c>set_exception_handler</c>). <see langword="null"/> restores the default.
    /// </summary>
    public void SetExceptionHandler(Action<EventLoop, ExceptionContext>? handler) => _exceptionHandler = handler;

    /// <summary>The handler set with <see cref="SetExceptionHandler"/>, or <see langword="null"/> for the default.</summary>
    public Action<EventLoop, ExceptionContext>? GetExceptionHandler() => _exceptionHandler;

    /// <summary>
    /// Reports an error to the exception handler (asyncio's <c>call_exception_handler</c>). Never throws:
    /// a failing handler is itself reported by the default handler.
    /// </summary>
    public void CallExceptionHandler(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Action<EventLoop, ExceptionContext>? handler = _exceptionHandler;
        if (handler is null)
        {
            try
            {
                DefaultExceptionHandler(context);
            }
            catch (Exception ex)
            {
                WriteLastResort("Exception in default exception handler", ex);
            }
            return;
        }
        try
        {
            handler(this, context);
        }
        catch (Exception ex)
        {
            try
            {
                DefaultExceptionHandler(new ExceptionContext("Unhandled error in exception handler")
                {
                    Exception = ex,
                    InnerContext = context,
                });
            }
            catch (Exception inner)
            {
                WriteLastResort("Exception in default exception handler", inner);
            }
        }
    }

    /// <summary>
    /// The default handler (asyncio's <c>default_exception_handler</c>): writes the message, the
    /// future or handle concerned and the exception to standard error.
    /// </summary>
    public virtual void DefaultExceptionHandler(ExceptionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Console.Error.WriteLine(Format(context));
    }

    /// <summary>The text the default handler writes for <paramref name="context"/>.</summary>
    internal static string Format(ExceptionContext context)
    {
        var text = new StringBuilder();
        text.Append(string.IsNullOrEmpty(context.Message) ? "Unhandled exception in event loop" : context.Message);
        if (context.Future is not null)
        {
            text.AppendLine().Append(context.Future is IFutureTask ? "task: " : "future: ").Append(context.Future);
        }
        if (context.Handle is not null)
        {
            text.AppendLine().Append("handle: ").Append(context.Handle);
        }
        if (context.InnerContext is not null)
        {
            text.AppendLine().Append("context: ").Append(context.InnerContext.Message);
        }
        if (context.Exception is not null)
        {
            text.AppendLine().Append(context.Exception);
        }
        return text.ToString();
    }

    /// <summary>
    /// Reports from any thread (a finalizer, say): posted to the loop while it is open, so the loop's
    /// handler gets it; once the loop is closed (also if it closes before running the report), the default
    /// handler gets it. A report is never dropped.
    /// </summary>
    internal void CallExceptionHandlerThreadsafe(ExceptionContext context)
    {
        if (!_closed)
        {
            try
            {
                CallSoonThreadsafeCore(new ReadyItem(null, context, this, s_report, ExecutionContext.Capture()));
                return;
            }
            catch (InvalidOperationException)
            {
                // Closed in the meantime: fall through to the default handler.
            }
        }
        CallDefaultHandlerSafely(context);
    }

    private static readonly ReadyInvoker s_report = static (_, context, loop) => ((EventLoop)loop!).CallExceptionHandler((ExceptionContext)context!);

    /// <summary>True for a report posted by <see cref="CallExceptionHandlerThreadsafe"/> (Close hands those to the default handler).</summary>
    private static bool IsReport(in ReadyItem item, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ExceptionContext? report)
    {
        report = ReferenceEquals(item.Invoker, s_report) ? (ExceptionContext)item.State! : null;
        return report is not null;
    }

    private void CallDefaultHandlerSafely(ExceptionContext context)
    {
        try
        {
            DefaultExceptionHandler(context);
        }
        catch (Exception ex)
        {
            WriteLastResort("Exception in default exception handler", ex);
        }
    }

    private static void WriteLastResort(string message, Exception ex)
    {
        try
        {
            Console.Error.WriteLine(message + Environment.NewLine + ex);
        }
        catch (Exception)
        {
            // Standard error is gone; there is nowhere left to report to.
        }
    }
}
