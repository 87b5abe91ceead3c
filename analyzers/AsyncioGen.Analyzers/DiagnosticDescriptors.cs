using AsyncioGen.SourceGeneration;
using Microsoft.CodeAnalysis;

namespace AsyncioGen.Analyzers;

/// <summary>
/// The diagnostic catalogue (docs/diagnostics/README.md is its index). One descriptor per id; each links its
/// help page in <c>docs/diagnostics</c>. Keep <c>AnalyzerReleases.Unshipped.md</c> in step.
/// </summary>
public static class DiagnosticDescriptors
{
    // Where the help pages are published. The repository address is for the owners to confirm when the
    // project is published (the package metadata leaves RepositoryUrl open for the same reason); the
    // generator's AIO199 uses the same base.
    private const string HelpBase = "https://github.com/asynciogen/asynciogen/blob/main/docs/diagnostics/";

    public const string UsageCategory = "AsyncioGen.Usage";
    public const string DesignCategory = "AsyncioGen.Design";
    public const string ReliabilityCategory = "AsyncioGen.Reliability";
    public const string PerformanceCategory = "AsyncioGen.Performance";
    public const string GeneratorCategory = "AsyncioGen.Generator";

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity, string description) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, description: description, helpLinkUri: HelpBase + id + ".md");

    /// <summary>AIO001: "Future '{0}' may already be done here: {1}".</summary>
    public static readonly DiagnosticDescriptor AIO001 = Create(
        DiagnosticIds.FutureCompletedTwice,
        "Future completed more than once",
        "Future '{0}' may already be done here: {1}; a second SetResult/SetException throws InvalidStateError",
        UsageCategory, DiagnosticSeverity.Warning,
        "A future can be completed once. On some path this call completes a future that an earlier SetResult, SetException or Cancel already completed.");

    /// <summary>AIO002: "'{0}' exposes a Future in a public API ...".</summary>
    public static readonly DiagnosticDescriptor AIO002 = Create(
        DiagnosticIds.FutureInPublicApi,
        "Future exposed in a public API",
        "'{0}' exposes {1} in a public API; callers could complete it. Expose FutureAwaitable<T> or a FutureTask instead, or make the member internal.",
        DesignCategory, DiagnosticSeverity.Warning,
        "asyncio's rule of thumb: never expose Future objects in user-facing APIs. A public Future lets any caller call SetResult or Cancel on your operation.");

    /// <summary>AIO003: "Use loop.CreateFuture...".</summary>
    public static readonly DiagnosticDescriptor AIO003 = Create(
        DiagnosticIds.UseCreateFuture,
        "Create futures with loop.CreateFuture",
        "Create the future with '{0}.CreateFuture{1}()' instead of 'new {2}()'",
        DesignCategory, DiagnosticSeverity.Info,
        "The recommended way to create a future is the loop's CreateFuture: the future is bound to the loop you name, and a loop can supply an optimized implementation.");

    /// <summary>AIO004: "completes '{0}' without checking IsCancelled".</summary>
    public static readonly DiagnosticDescriptor AIO004 = Create(
        DiagnosticIds.CompletionWithoutCancelledCheck,
        "Future completed in a callback without a cancellation check",
        "'{0}' completes '{1}' {2} without checking IsCancelled or IsDone; if the future was cancelled meanwhile this throws InvalidStateError",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "A callback, or a coroutine after an await, that completes a future which may have been cancelled meanwhile must check first: if (!fut.IsCancelled) fut.SetResult(...).");

    /// <summary>AIO005: "GetResult on a future not known to be done".</summary>
    public static readonly DiagnosticDescriptor AIO005 = Create(
        DiagnosticIds.ResultOfFutureNotKnownDone,
        "Result read from a future that may not be done",
        "'{0}' is called on '{1}', which is not known to be done here; await it or check IsDone first, or InvalidStateError is thrown",
        UsageCategory, DiagnosticSeverity.Warning,
        "GetResult and GetException throw InvalidStateError on a pending future. Await the future, or read it only after an IsDone check.");

    /// <summary>AIO006: "The task returned by '{0}' is dropped".</summary>
    public static readonly DiagnosticDescriptor AIO006 = Create(
        DiagnosticIds.TaskDropped,
        "Task dropped",
        "The task returned by '{0}' is dropped; keep a reference (a field, a TaskGroup, or await it) so its failure is observed",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "A task whose result is dropped can fail unnoticed (its exception is only reported when it is collected). Save a reference to the task, await it, or create it in a TaskGroup.");

    /// <summary>AIO007: "'{0}' blocks the event loop".</summary>
    public static readonly DiagnosticDescriptor AIO007 = Create(
        DiagnosticIds.BlockingCallInCoroutine,
        "Blocking call in a coroutine",
        "'{0}' blocks the event loop thread inside {2}; {1}",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "A coroutine or loop callback runs on the loop thread. Blocking it (Thread.Sleep, Task.Wait, .Result, GetAwaiter().GetResult(), synchronous I/O) stops every other task and can deadlock.");

    /// <summary>AIO008: "'{0}' touches a future or loop from a thread-pool callback".</summary>
    public static readonly DiagnosticDescriptor AIO008 = Create(
        DiagnosticIds.FutureTouchedFromForeignThread,
        "Future or loop used from another thread",
        "'{0}' is called on {1} from code that runs on another thread ({2}): the runtime posts it to the loop, where it takes effect at the next iteration (in debug mode it throws); call loop.CallSoonThreadsafe to make the hop explicit",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "Futures and loops belong to their loop's thread. A call from the thread pool or a timer is posted to the loop by the runtime, so it takes effect later than the code reads (the future is not done yet on return, a second completion is only reported); in debug mode it throws. CallSoonThreadsafe makes that hop explicit.");

    /// <summary>AIO009: "Awaiting a future bound to another loop".</summary>
    public static readonly DiagnosticDescriptor AIO009 = Create(
        DiagnosticIds.FutureOfOtherLoopAwaited,
        "Future of another loop awaited",
        "'{0}' is bound to loop '{1}' but is awaited on {2}; a future can only be awaited by code running on its own loop",
        UsageCategory, DiagnosticSeverity.Warning,
        "A task can only await futures of its own loop; awaiting another loop's future fails the task with 'got Future attached to a different loop'.");

    /// <summary>AIO010: "capturing lambda passed to '{0}'".</summary>
    public static readonly DiagnosticDescriptor AIO010 = Create(
        DiagnosticIds.CapturingCallback,
        "Capturing lambda where a state overload avoids the allocation",
        "The lambda passed to '{0}' captures {1} and allocates a closure per call; use the overload that takes a state and a static lambda",
        PerformanceCategory, DiagnosticSeverity.Info,
        "CallSoon, CallLater and AddDoneCallback have overloads that take a state argument, so the callback can be a static lambda and scheduling allocates nothing.");

    /// <summary>AIO011: "Future '{0}' is not completed on every path".</summary>
    public static readonly DiagnosticDescriptor AIO011 = Create(
        DiagnosticIds.FutureNeverCompleted,
        "Future not completed on every path",
        "Future '{0}' is not completed on every path of '{1}'; whoever awaits it may wait forever",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "A future created and returned (or passed on) by a method that also owns its completion must be completed, failed or cancelled on every path, including exceptions.");

    /// <summary>AIO012: "'{0}' on a FutureTask always throws".</summary>
    public static readonly DiagnosticDescriptor AIO012 = Create(
        DiagnosticIds.CompletionOnTask,
        "SetResult or SetException called on a task",
        "'{0}' is called on a FutureTask, which always throws: a task's outcome is its coroutine's",
        UsageCategory, DiagnosticSeverity.Error,
        "Tasks own their result. SetResult and SetException on a FutureTask throw InvalidOperationException; complete a separate future instead.");

    /// <summary>AIO013: "async lambda passed to '{0}'".</summary>
    public static readonly DiagnosticDescriptor AIO013 = Create(
        DiagnosticIds.AsyncLambdaAsCallback,
        "async lambda passed as a loop callback",
        "An async lambda passed to '{0}' becomes async void: its exceptions escape the loop's handler and nothing awaits it; start a task from a synchronous lambda instead",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "Loop callbacks are synchronous Actions. An async lambda converted to one is async void: it is not awaited and its failure crashes the process.");

    /// <summary>AIO014: "'{0}' called from code running on a loop".</summary>
    public static readonly DiagnosticDescriptor AIO014 = Create(
        DiagnosticIds.RunLoopFromLoop,
        "Loop run from code running on a loop",
        "'{0}' is called from a coroutine or loop callback; the loop is already running, so this always throws",
        UsageCategory, DiagnosticSeverity.Error,
        "RunUntilComplete, RunForever and Asyncio.Run cannot be called while a loop runs on the thread. Await the work instead.");

    /// <summary>AIO015: "'{0}' swallows CancelledError" ({0} = "catch (Exception)" or "catch").</summary>
    public static readonly DiagnosticDescriptor AIO015 = Create(
        DiagnosticIds.CancelledErrorSwallowed,
        "CancelledError swallowed in a coroutine",
        "'{0}' swallows CancelledError in a coroutine; rethrow it, catch a narrower type, or call Uncancel() if refusing the cancellation is intended",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "Cancellation reaches a coroutine as CancelledError. Swallowing it makes the task ignore cancel requests, which breaks timeouts, TaskGroup and shutdown.");

    /// <summary>AIO016: "BCL Task awaited inside a coroutine".</summary>
    public static readonly DiagnosticDescriptor AIO016 = Create(
        DiagnosticIds.BclTaskAwaitedInCoroutine,
        "BCL Task awaited in a coroutine",
        "Awaiting '{0}' inside a FutureTask coroutine: cancelling the task cannot reach it; wrap it with Asyncio.WrapFuture",
        DesignCategory, DiagnosticSeverity.Info,
        "A task cancelled while it awaits a System.Threading.Tasks.Task only sees CancelledError at its next await of a future. Wrapping the Task makes the wait cancellable.");

    /// <summary>AIO017: "ConfigureAwait(false) in a coroutine".</summary>
    public static readonly DiagnosticDescriptor AIO017 = Create(
        DiagnosticIds.ConfigureAwaitFalseInCoroutine,
        "ConfigureAwait(false) in a coroutine",
        "'ConfigureAwait(false)' in a FutureTask coroutine: everything after this await runs off the loop thread, where futures and the loop must not be touched; remove it",
        UsageCategory, DiagnosticSeverity.Error,
        "A coroutine is a step function of its loop. ConfigureAwait(false) resumes it on a thread-pool thread, so the rest of the coroutine (its completions, its awaits of futures) runs on the wrong thread.");

    /// <summary>AIO018: "await in cleanup without Shield".</summary>
    public static readonly DiagnosticDescriptor AIO018 = Create(
        DiagnosticIds.UnshieldedAwaitInCleanup,
        "Unshielded await in cleanup code",
        "'await' inside {0} of a coroutine can be cancelled before the cleanup finishes; await 'Asyncio.Shield(...)' of the cleanup instead",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "Cleanup that awaits while the task is being cancelled (a finally block, a catch of CancelledError) is interrupted by the next cancellation request, for example a second Cancel() or an enclosing timeout. Shield the awaited work so it completes.");

    /// <summary>AIO019: "Timeout block without await".</summary>
    public static readonly DiagnosticDescriptor AIO019 = Create(
        DiagnosticIds.TimeoutWithoutAwait,
        "Timeout block that never awaits",
        "The body of this {0} never awaits, so the timeout can never fire: a timeout cancels the body at an await",
        UsageCategory, DiagnosticSeverity.Warning,
        "Asyncio.Timeout delivers its cancellation at the body's next await. A body without an await runs to the end however long it takes; the timeout is dead code.");

    /// <summary>AIO020: "async void touches futures or loops".</summary>
    public static readonly DiagnosticDescriptor AIO020 = Create(
        DiagnosticIds.AsyncVoidTouchesLoop,
        "async void method uses futures or the loop",
        "async void '{0}' uses {1}; nothing can await or cancel it and its exceptions escape the loop's handler: return FutureTask instead",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "An async void method is not a task: its failure crashes the process instead of reaching the loop's exception handler, and no TaskGroup, timeout or shutdown can wait for or cancel it.");

    /// <summary>AIO021: "nested future".</summary>
    public static readonly DiagnosticDescriptor AIO021 = Create(
        DiagnosticIds.NestedFuture,
        "Future of a future",
        "'{0}' is a future of a future ({1}): awaiting it once gives the inner future, not its result",
        UsageCategory, DiagnosticSeverity.Warning,
        "A Future<Future<T>> or FutureTask<FutureTask<T>> usually means an async lambda was wrapped once too often; awaiting it yields the inner future, whose completion and failure nobody then observes.");

    /// <summary>AIO022: "null returned as a future".</summary>
    public static readonly DiagnosticDescriptor AIO022 = Create(
        DiagnosticIds.NullFutureReturned,
        "null returned where a future or task is expected",
        "'{0}' returns null as a {1}; awaiting it throws NullReferenceException: return a future instead",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "A method that returns a future or task is awaited by its callers; a null result throws NullReferenceException at the await, far from the cause.");

    /// <summary>AIO023: "'{0}' is acquired but not released on every path".</summary>
    public static readonly DiagnosticDescriptor AIO023 = Create(
        DiagnosticIds.LockNotReleasedOnEveryPath,
        "Lock acquired without a release on every path",
        "'{0}' is acquired here and released later, but not on every path (an exception or early exit in between keeps it locked); use 'using (await {0}.LockAsync())'",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "A Lock released by a plain statement stays locked when the code in between throws, returns or is cancelled, and every other task then waits forever. asyncio writes 'async with lock:'; AsyncioGen's equivalent is 'using (await lk.LockAsync())', or a try/finally that releases.");

    /// <summary>AIO024: "busy-wait on '{0}' with Asyncio.Sleep" (asyncio linters' ASYNC110).</summary>
    public static readonly DiagnosticDescriptor AIO024 = Create(
        DiagnosticIds.BusyWaitWithSleep,
        "Busy-wait with Asyncio.Sleep instead of an Event",
        "This loop polls '{0}' with Asyncio.Sleep; wait on an Event that the code changing the condition sets",
        PerformanceCategory, DiagnosticSeverity.Info,
        "A loop whose only work is sleeping until a condition holds wakes up for nothing and reacts late. An Event (or Condition) wakes the waiter exactly when the condition changes (flake8-async's ASYNC110).");

    /// <summary>AIO099: a rule failed on this code (the base analyzer's guard; never AD0001).</summary>
    public static readonly DiagnosticDescriptor AIO099 = Create(
        DiagnosticIds.AnalyzerInternalError,
        "AsyncioGen analyzer internal error",
        "The AsyncioGen rule '{0}' failed on this code ({1}: {2}); please report it. The other rules still ran.",
        ReliabilityCategory, DiagnosticSeverity.Warning,
        "A bug inside one AsyncioGen analyzer. The failure is reported where it happened instead of as AD0001, and only that rule skips this code.");

    /// <summary>AIO101: "[Future] method's type must be partial".</summary>
    public static readonly DiagnosticDescriptor AIO101 = Create(
        FutureDiagnosticIds.TypeNotPartial,
        "[Future] method in a type that is not partial",
        "Type '{0}' must be declared partial (with every containing type) for [Future] method '{1}' to get its awaitable twin",
        GeneratorCategory, DiagnosticSeverity.Error,
        "The generator adds the twin to the method's type, so that type and every type containing it must be partial.");

    /// <summary>AIO102: "[Future] method shape not supported".</summary>
    public static readonly DiagnosticDescriptor AIO102 = Create(
        FutureDiagnosticIds.ShapeUnsupported,
        "[Future] method shape not supported",
        "[Future] method '{0}' has a shape the generator does not support: {1}",
        GeneratorCategory, DiagnosticSeverity.Error,
        "A [Future] method must be a callback-style operation of one of the documented shapes: completion callback(s) (Action<T>, Action<T1, T2>, with an error callback or an Exception? value), a state-passing callback + object? state, a BeginOp/EndOp pair, or OpAsync(..., object? userState) + an OpCompleted event. The message says what to change.");

    /// <summary>AIO103: "twin name clashes".</summary>
    public static readonly DiagnosticDescriptor AIO103 = Create(
        FutureDiagnosticIds.NameClash,
        "[Future] twin name clashes with an existing member",
        "The awaitable twin '{0}' of [Future] method '{1}' clashes with {2}; choose another name with [Future(Name = \"...\")]",
        GeneratorCategory, DiagnosticSeverity.Error,
        "The twin is named after the method with an Async suffix unless [Future(Name = ...)] says otherwise; that name must be free.");

    /// <summary>AIO104: "callback parameter type unsupported".</summary>
    public static readonly DiagnosticDescriptor AIO104 = Create(
        FutureDiagnosticIds.CallbackParameterUnsupported,
        "[Future] callback parameter type not supported",
        "[Future] method '{0}': the callback's parameter type '{1}' cannot be a future's result ({2}); use a regular type",
        GeneratorCategory, DiagnosticSeverity.Error,
        "A future's result is stored in a field, so the result type cannot be a ref struct, a pointer or a by-ref parameter.");

    /// <summary>AIO105: "generic [Future] method not supported".</summary>
    public static readonly DiagnosticDescriptor AIO105 = Create(
        FutureDiagnosticIds.GenericMethodUnsupported,
        "Generic [Future] method not supported",
        "[Future] method '{0}' is generic: {1}",
        GeneratorCategory, DiagnosticSeverity.Error,
        "Generic callback methods get generic twins; a Begin/End pair or an event-based method cannot, because the callback or event handler the twin shares between calls has no type arguments.");
}
