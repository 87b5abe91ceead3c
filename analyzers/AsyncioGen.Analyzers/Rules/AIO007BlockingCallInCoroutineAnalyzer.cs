using System.Collections.Immutable;
using System.Linq;
using AsyncioGen.Analyzers.Helpers;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO007: a blocking wait directly inside a coroutine (an async function returning FutureTask):
/// Thread.Sleep, Task.Wait/WaitAll/WaitAny, Task&lt;T&gt;.Result / ValueTask&lt;T&gt;.Result,
/// GetAwaiter().GetResult() on a BCL task, ManualResetEventSlim.Wait, SemaphoreSlim.Wait,
/// WaitHandle.WaitOne/WaitAll/WaitAny, CountdownEvent.Wait, Barrier.SignalAndWait, Thread.Join,
/// BlockingCollection.Take, Process.WaitForExit; GetAwaiter().GetResult() on AsyncioGen's own awaitables
/// (futures, lock/semaphore/event/queue awaitables); synchronous I/O (File.ReadAllText..., Stream.Read/Write/Flush
/// on streams that are not in memory, StreamReader/StreamWriter, Socket, HttpClient.Send, Console.ReadLine).
/// Nested lambdas and local functions are not the coroutine (Task.Run, RunInExecutor bodies run elsewhere),
/// except a sync lambda passed to a loop callback method (CallSoon, CallLater, CallAt, CallSoonThreadsafe,
/// AddDoneCallback): it runs on the loop too, so sleeps, thread waits and synchronous I/O are reported there
/// (result reads are not: a done-callback reading its own future is fine). Quiet on zero timeouts, nameof,
/// and on a task already known complete (awaited before, awaited through Task.WhenAll, or under an IsCompleted check).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingCallInCoroutineAnalyzer : AsyncioAnalyzer
{
    /// <summary>Diagnostic property naming the fix shape: "Sleep", "Await" or absent.</summary>
    public const string FixProperty = "Fix";

    public BlockingCallInCoroutineAnalyzer()
        : base(DiagnosticDescriptors.AIO007)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        var blocking = new BlockingTypes(start.Compilation);
        start.RegisterOperationAction(c => AnalyzeInvocation(c, symbols, blocking), OperationKind.Invocation);
        start.RegisterOperationAction(c => AnalyzeProperty(c, symbols), OperationKind.PropertyReference);
    }

    private sealed class BlockingTypes
    {
        public readonly INamedTypeSymbol? Thread;
        public readonly INamedTypeSymbol? ManualResetEventSlim;
        public readonly INamedTypeSymbol? SemaphoreSlim;
        public readonly INamedTypeSymbol? WaitHandle;
        public readonly INamedTypeSymbol? TaskAwaiter;
        public readonly INamedTypeSymbol? TaskAwaiterOfT;
        public readonly INamedTypeSymbol? ValueTaskAwaiter;
        public readonly INamedTypeSymbol? ValueTaskAwaiterOfT;
        public readonly INamedTypeSymbol? CountdownEvent;
        public readonly INamedTypeSymbol? Barrier;
        public readonly INamedTypeSymbol? BlockingCollection;
        public readonly INamedTypeSymbol? Process;
        public readonly INamedTypeSymbol? File;
        public readonly INamedTypeSymbol? Stream;
        public readonly INamedTypeSymbol? MemoryStream;
        public readonly INamedTypeSymbol? UnmanagedMemoryStream;
        public readonly INamedTypeSymbol? StreamReader;
        public readonly INamedTypeSymbol? StreamWriter;
        public readonly INamedTypeSymbol? Socket;
        public readonly INamedTypeSymbol? HttpClient;
        public readonly INamedTypeSymbol? Console;

        public BlockingTypes(Compilation compilation)
        {
            File = compilation.GetTypeByMetadataName("System.IO.File");
            Stream = compilation.GetTypeByMetadataName("System.IO.Stream");
            MemoryStream = compilation.GetTypeByMetadataName("System.IO.MemoryStream");
            UnmanagedMemoryStream = compilation.GetTypeByMetadataName("System.IO.UnmanagedMemoryStream");
            StreamReader = compilation.GetTypeByMetadataName("System.IO.StreamReader");
            StreamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
            Socket = compilation.GetTypeByMetadataName("System.Net.Sockets.Socket");
            HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
            Console = compilation.GetTypeByMetadataName("System.Console");
            Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
            ManualResetEventSlim = compilation.GetTypeByMetadataName("System.Threading.ManualResetEventSlim");
            SemaphoreSlim = compilation.GetTypeByMetadataName("System.Threading.SemaphoreSlim");
            WaitHandle = compilation.GetTypeByMetadataName("System.Threading.WaitHandle");
            TaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter");
            TaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.TaskAwaiter`1");
            ValueTaskAwaiter = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter");
            ValueTaskAwaiterOfT = compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.ValueTaskAwaiter`1");
            CountdownEvent = compilation.GetTypeByMetadataName("System.Threading.CountdownEvent");
            Barrier = compilation.GetTypeByMetadataName("System.Threading.Barrier");
            BlockingCollection = compilation.GetTypeByMetadataName("System.Collections.Concurrent.BlockingCollection`1");
            Process = compilation.GetTypeByMetadataName("System.Diagnostics.Process");
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, AsyncioSymbols symbols, BlockingTypes types)
    {
        if (context.Operation is not IInvocationOperation invocation || invocation.TargetMethod is not { } method || invocation.Syntax is null)
        {
            return;
        }
        INamedTypeSymbol? type = method.ContainingType;
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return;
        }
        string? what = null;
        string advice;
        string? fix = null;
        IOperation? task = null;
        // Thread waits and I/O block a sync loop callback as much as a coroutine; result reads are coroutine-only.
        bool inLoopCallbacks = false;
        switch (method.Name)
        {
            case "Sleep" when TypeHierarchy.IsType(type, types.Thread):
                if (IsZero(invocation.Arguments.FirstOrDefault()?.Value))
                {
                    return;
                }
                what = "Thread.Sleep";
                advice = "use 'await Asyncio.Sleep(seconds)'";
                fix = "Sleep";
                inLoopCallbacks = true;
                break;
            case "Wait" when TypeHierarchy.DerivesFrom(type, symbols.Task) && !method.IsStatic:
                if (IsZero(invocation.Arguments.FirstOrDefault()?.Value))
                {
                    return;
                }
                what = "Task.Wait";
                advice = "await the task instead";
                task = invocation.Instance;
                fix = invocation.Arguments.Length == 0 && invocation.Parent is IExpressionStatementOperation ? "Await" : null;
                break;
            case "WaitAll" or "WaitAny" when TypeHierarchy.IsType(type, symbols.Task):
                what = "Task." + method.Name;
                advice = method.Name == "WaitAll" ? "use 'await Asyncio.Gather(...)'" : "use 'await Asyncio.Wait(...)'";
                break;
            case "GetResult" when (TypeHierarchy.IsType(type, types.TaskAwaiter) || TypeHierarchy.IsType(type, types.TaskAwaiterOfT)
                                   || TypeHierarchy.IsType(type, types.ValueTaskAwaiter) || TypeHierarchy.IsType(type, types.ValueTaskAwaiterOfT)):
                if (Unwrap(invocation.Instance) is not IInvocationOperation { TargetMethod.Name: "GetAwaiter" } getAwaiter)
                {
                    return;
                }
                what = "GetAwaiter().GetResult()";
                advice = "await the task instead";
                task = getAwaiter.Instance;
                fix = task is not null ? "Await" : null;
                break;
            case "GetResult" when symbols.IsRuntimeType(type) && !symbols.IsFuture(type):
                // An AsyncioGen awaiter (future, lock, semaphore, event, queue): on the loop thread nothing can
                // complete it while this thread waits. Future.GetResult itself is a result read (AIO005), not this.
                if (Unwrap(invocation.Instance) is not IInvocationOperation { TargetMethod.Name: "GetAwaiter" } runtimeAwaiter)
                {
                    return;
                }
                what = "GetAwaiter().GetResult()";
                advice = "await it instead";
                task = runtimeAwaiter.Instance;
                fix = task is not null ? "Await" : null;
                break;
            case "Join" when TypeHierarchy.IsType(type, types.Thread) && !method.IsStatic:
            case "Wait" when TypeHierarchy.IsType(type, types.CountdownEvent):
            case "SignalAndWait" when TypeHierarchy.IsType(type, types.Barrier):
            case "Take" when TypeHierarchy.IsType(type, types.BlockingCollection) && !method.IsStatic:
            case "WaitForExit" when TypeHierarchy.IsType(type, types.Process):
                if (IsZero(invocation.Arguments.FirstOrDefault()?.Value))
                {
                    return;
                }
                what = type.Name + "." + method.Name;
                advice = "run it off the loop with 'await loop.RunInExecutor(...)' or wait on a Future";
                inLoopCallbacks = true;
                break;
            case "Wait" when TypeHierarchy.IsType(type, types.ManualResetEventSlim) || TypeHierarchy.IsType(type, types.SemaphoreSlim):
                if (IsZero(invocation.Arguments.FirstOrDefault()?.Value))
                {
                    return;
                }
                what = type.Name + ".Wait";
                advice = TypeHierarchy.IsType(type, types.SemaphoreSlim) ? "use an asyncio-style lock or 'await Asyncio.WrapFuture(semaphore.WaitAsync())'" : "wait on a Future instead";
                inLoopCallbacks = true;
                break;
            case "WaitOne" or "WaitAll" or "WaitAny" when TypeHierarchy.DerivesFrom(type, types.WaitHandle):
                if (method.Name == "WaitOne" && IsZero(invocation.Arguments.FirstOrDefault()?.Value))
                {
                    return;
                }
                what = "WaitHandle." + method.Name;
                advice = "wait on a Future instead";
                inLoopCallbacks = true;
                break;
            default:
                what = SynchronousIo(invocation, method, type, types);
                if (what is null)
                {
                    return;
                }
                advice = "use the async variant ('await Asyncio.WrapFuture(...ReadAsync(...))') or run it with 'await loop.RunInExecutor(...)'";
                inLoopCallbacks = true;
                break;
        }
        Report(context, symbols, invocation, what, advice, fix, task, inLoopCallbacks);
    }

    private static void AnalyzeProperty(OperationAnalysisContext context, AsyncioSymbols symbols)
    {
        if (context.Operation is not IPropertyReferenceOperation reference || reference.Property is not { Name: "Result" } property || reference.Syntax is null)
        {
            return;
        }
        INamedTypeSymbol? type = property.ContainingType;
        if (!TypeHierarchy.DerivesFrom(type, symbols.TaskOfT) && !TypeHierarchy.IsType(type, symbols.ValueTaskOfT))
        {
            return;
        }
        if (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
        {
            return;
        }
        string what = TypeHierarchy.IsType(type, symbols.ValueTaskOfT) ? "ValueTask<T>.Result" : "Task<T>.Result";
        Report(context, symbols, reference, what, "await the task instead", reference.Instance is not null ? "Await" : null, reference.Instance, inLoopCallbacks: false);
    }

    /// <summary>
    /// The asyncio linters' ASYNC2xx family: a synchronous I/O call ("File.ReadAllText"), or null. Async
    /// variants have other names; streams over memory (MemoryStream, UnmanagedMemoryStream) do no I/O.
    /// </summary>
    private static string? SynchronousIo(IInvocationOperation invocation, IMethodSymbol method, INamedTypeSymbol type, BlockingTypes types)
    {
        string name = method.Name;
        if (method.IsStatic)
        {
            if (TypeHierarchy.IsType(type, types.File) && name is "ReadAllText" or "ReadAllBytes" or "ReadAllLines" or "ReadLines"
                    or "WriteAllText" or "WriteAllBytes" or "WriteAllLines" or "AppendAllText" or "AppendAllLines" or "Copy" or "Move" or "Replace")
            {
                return "File." + name;
            }
            if (TypeHierarchy.IsType(type, types.Console) && name is "ReadLine" or "ReadKey" or "Read")
            {
                return "Console." + name;
            }
            return null;
        }
        if (TypeHierarchy.DerivesFrom(type, types.Stream) && name is "Read" or "Write" or "Flush" or "ReadByte" or "WriteByte" or "CopyTo" or "ReadExactly" or "ReadAtLeast")
        {
            // The receiver's static type decides: 'Stream s' may be a network stream, 'MemoryStream m' is not.
            ITypeSymbol? receiver = Unwrap(invocation.Instance)?.Type ?? type;
            if (TypeHierarchy.DerivesFrom(receiver, types.MemoryStream) || TypeHierarchy.DerivesFrom(receiver, types.UnmanagedMemoryStream))
            {
                return null;
            }
            return receiver.Name + "." + name;
        }
        if (TypeHierarchy.DerivesFrom(type, types.StreamReader) && name is "ReadLine" or "ReadToEnd" or "Read" or "ReadBlock")
        {
            return "StreamReader." + name;
        }
        if (TypeHierarchy.DerivesFrom(type, types.StreamWriter) && name is "Write" or "WriteLine" or "Flush")
        {
            return "StreamWriter." + name;
        }
        if (TypeHierarchy.DerivesFrom(type, types.Socket) && name is "Receive" or "Send" or "Accept" or "Connect" or "ReceiveFrom" or "SendTo" or "SendFile" or "ReceiveMessageFrom")
        {
            return "Socket." + name;
        }
        if (TypeHierarchy.DerivesFrom(type, types.HttpClient) && name == "Send")
        {
            return "HttpClient.Send";
        }
        return null;
    }

    private static void Report(OperationAnalysisContext context, AsyncioSymbols symbols, IOperation operation, string what, string advice, string? fix, IOperation? task, bool inLoopCallbacks)
    {
        if (CodeShape.IsInNameOf(operation) || operation.SemanticModel is not { } model)
        {
            return;
        }
        string where = "a coroutine";
        if (!symbols.IsInCoroutine(operation.Syntax, model, context.CancellationToken))
        {
            if (!inLoopCallbacks || !IsInLoopCallback(operation, symbols))
            {
                return;
            }
            where = "a loop callback";
            if (fix == "Sleep")
            {
                advice = "schedule the rest with 'loop.CallLater(seconds, ...)'";
            }
            fix = null; // no 'await' in a sync callback
        }
        if (task is not null && IsKnownComplete(task, operation, model, context.CancellationToken))
        {
            return;
        }
        ImmutableDictionary<string, string?> properties = fix is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(FixProperty, fix);
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.AIO007, operation.Syntax.GetLocation(), properties, what, advice, where));
    }

    /// <summary>
    /// True when <paramref name="operation"/> sits directly in a sync lambda passed to CallSoon, CallLater,
    /// CallAt, CallSoonThreadsafe or AddDoneCallback: that body runs on the loop thread.
    /// </summary>
    private static bool IsInLoopCallback(IOperation operation, AsyncioSymbols symbols)
    {
        IOperation? current = operation.Parent;
        while (current is not null and not IAnonymousFunctionOperation and not ILocalFunctionOperation and not IMethodBodyBaseOperation)
        {
            current = current.Parent;
        }
        if (current is not IAnonymousFunctionOperation { Symbol.IsAsync: false } lambda)
        {
            return false;
        }
        return CodeShape.UseOfDelegate(lambda) is IArgumentOperation { Parent: IInvocationOperation call } && symbols.IsLoopCallbackMethod(call.TargetMethod);
    }

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }
        return operation;
    }

    private static bool IsZero(IOperation? argument)
    {
        argument = Unwrap(argument);
        if (argument is null)
        {
            return false;
        }
        if (argument.ConstantValue is { HasValue: true, Value: int i })
        {
            return i == 0;
        }
        return argument is IFieldReferenceOperation { Field.Name: "Zero" } or IPropertyReferenceOperation { Property.Name: "Zero" };
    }

    /// <summary>AsyncFixer's guards: the task was awaited before, awaited through Task.WhenAll, or is read under an IsCompleted check.</summary>
    private static bool IsKnownComplete(IOperation task, IOperation use, SemanticModel model, System.Threading.CancellationToken cancellationToken)
    {
        ISymbol? symbol = ReferencedSymbol(Unwrap(task));
        if (symbol is null)
        {
            return false;
        }
        SyntaxNode? function = CodeShape.EnclosingFunctionSyntax(use.Syntax);
        if (function is null)
        {
            return false;
        }
        int position = use.Syntax.SpanStart;
        foreach (AwaitExpressionSyntax awaitSyntax in function.DescendantNodes().OfType<AwaitExpressionSyntax>())
        {
            if (awaitSyntax.SpanStart >= position)
            {
                continue;
            }
            if (model.GetOperation(awaitSyntax, cancellationToken) is not IAwaitOperation awaitOperation)
            {
                continue;
            }
            IOperation? awaited = Unwrap(awaitOperation.Operation);
            if (SymbolEqualityComparer.Default.Equals(ReferencedSymbol(awaited), symbol))
            {
                return true;
            }
            if (awaited is IInvocationOperation { TargetMethod.Name: "WrapFuture" or "Shield" } wrap
                && wrap.Arguments.Any(a => SymbolEqualityComparer.Default.Equals(ReferencedSymbol(Unwrap(a.Value)), symbol)))
            {
                // await Asyncio.WrapFuture(t): the wrapper completes when t does (what AIO016's fix writes).
                return true;
            }
            if (awaited is IInvocationOperation { TargetMethod.Name: "WhenAll" })
            {
                // await Task.WhenAll(...): the tasks passed (or iterated from the collection passed) are done.
                return true;
            }
        }
        for (SyntaxNode? current = use.Syntax.Parent; current is not null && current != function; current = current.Parent)
        {
            ExpressionSyntax? condition = current switch
            {
                IfStatementSyntax s => s.Condition,
                ConditionalExpressionSyntax c => c.Condition,
                _ => null,
            };
            if (condition is not null && !condition.Span.Contains(use.Syntax.Span)
                && condition.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Any(m =>
                    m.Name.Identifier.ValueText is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" or "Status"
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(m.Expression, cancellationToken).Symbol, symbol)))
            {
                return true;
            }
        }
        return false;
    }

    private static ISymbol? ReferencedSymbol(IOperation? operation) => operation switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        IPropertyReferenceOperation property when property.Arguments.IsEmpty => property.Property,
        _ => null,
    };
}
