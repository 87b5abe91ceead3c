namespace AsyncioGen.Analyzers;

/// <summary>Every diagnostic id, as constants for code fixes and tests. Ids are stable.</summary>
public static class DiagnosticIds
{
    public const string FutureCompletedTwice = "AIO001";
    public const string FutureInPublicApi = "AIO002";
    public const string UseCreateFuture = "AIO003";
    public const string CompletionWithoutCancelledCheck = "AIO004";
    public const string ResultOfFutureNotKnownDone = "AIO005";
    public const string TaskDropped = "AIO006";
    public const string BlockingCallInCoroutine = "AIO007";
    public const string FutureTouchedFromForeignThread = "AIO008";
    public const string FutureOfOtherLoopAwaited = "AIO009";
    public const string CapturingCallback = "AIO010";
    public const string FutureNeverCompleted = "AIO011";
    public const string CompletionOnTask = "AIO012";
    public const string AsyncLambdaAsCallback = "AIO013";
    public const string CancelledErrorSwallowed = "AIO015";
    public const string RunLoopFromLoop = "AIO014";
    public const string BclTaskAwaitedInCoroutine = "AIO016";
    public const string ConfigureAwaitFalseInCoroutine = "AIO017";
    public const string UnshieldedAwaitInCleanup = "AIO018";
    public const string TimeoutWithoutAwait = "AIO019";
    public const string AsyncVoidTouchesLoop = "AIO020";
    public const string NestedFuture = "AIO021";
    public const string NullFutureReturned = "AIO022";
    public const string LockNotReleasedOnEveryPath = "AIO023";
    public const string BusyWaitWithSleep = "AIO024";

    public const string AnalyzerInternalError = "AIO099";

    // AIO101-AIO105 are FutureDiagnosticIds, in the validation shared with the generator.
}
