using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using AsyncioGen.Analyzers.Flow;
using AsyncioGen.Analyzers.Family;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Rules;

/// <summary>
/// AIO008: a future or loop touched from code that runs on another thread: the body of a lambda
/// passed to Task.Run, Task.Factory.StartNew, ThreadPool.(Unsafe)QueueUserWorkItem, new Timer(...),
/// new Thread(...), ContinueWith or RunInExecutor, and code after <c>await x.ConfigureAwait(false)</c>
/// (a forward dataflow over the method's graph; an await of a future brings the code back to the loop).
/// CallSoonThreadsafe and the read-only members are allowed; so are futures and loops created by the
/// off-loop code itself.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ForeignThreadAnalyzer : AsyncioAnalyzer
{
    public ForeignThreadAnalyzer()
        : base(DiagnosticDescriptors.AIO008)
    {
    }

    private protected override void Register(RuleStart start)
    {
        AsyncioSymbols symbols = start.Symbols;
        start.RegisterOperationAction(operationContext =>
        {
            if (operationContext.Operation is IInvocationOperation invocation
                && IsTouch(invocation, symbols)
                && OffLoopLambda(invocation, symbols) is { } offLoop
                && !CreatedBy(invocation.Instance, offLoop.Lambda.Symbol))
            {
                operationContext.ReportDiagnostic(Create(invocation, offLoop.Context.Description));
            }
        }, OperationKind.Invocation);
        start.RegisterOperationBlockAction(block =>
        {
            Dictionary<SyntaxNode, IAnonymousFunctionOperation> lambdas = FlowHelpers.IndexLambdas(block.OperationBlocks);
            foreach (FunctionGraph root in FunctionGraph.Roots(block, n => n is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" }))
            {
                AnalyzeConfigureAwait(root, symbols, lambdas, block.ReportDiagnostic);
            }
        });
    }

    private static Diagnostic Create(IInvocationOperation invocation, string where)
    {
        string kind = invocation.TargetMethod.ContainingType.Name == "EventLoop" || invocation.TargetMethod.ContainingType.Name.EndsWith("Loop", StringComparison.Ordinal)
            ? "loop" : "future";
        IOperation? receiver = FlowHelpers.StripConversions(invocation.Instance);
        string name = receiver is null ? "?" : FlowHelpers.GetVariable(receiver)?.Name ?? receiver.Syntax.ToString();
        return Diagnostic.Create(DiagnosticDescriptors.AIO008, invocation.Syntax.GetLocation(), invocation.TargetMethod.Name, $"{kind} '{name}'", where);
    }

    private static bool IsTouch(IInvocationOperation invocation, AsyncioSymbols symbols) =>
        invocation.Instance is not null
        && symbols.RoleOf(invocation.TargetMethod) is MemberRole.Completion or MemberRole.DoneCallback or MemberRole.SchedulesOnLoop or MemberRole.LoopThreadOnly;

    private readonly struct OffLoop
    {
        public OffLoop(IAnonymousFunctionOperation lambda, LambdaContext context)
        {
            Lambda = lambda;
            Context = context;
        }

        public IAnonymousFunctionOperation Lambda { get; }

        public LambdaContext Context { get; }
    }

    /// <summary>The nearest enclosing off-loop lambda, looking through lambdas of unknown kind; loop callbacks stop the search.</summary>
    private static OffLoop? OffLoopLambda(IOperation operation, AsyncioSymbols symbols)
    {
        for (IOperation? node = operation.Parent; node is not null; node = node.Parent)
        {
            if (node is ILocalFunctionOperation)
            {
                return null;
            }
            if (node is IAnonymousFunctionOperation lambda)
            {
                LambdaContext context = FlowHelpers.ClassifyLambda(lambda, symbols);
                switch (context.Kind)
                {
                    case LambdaContextKind.OffLoop:
                        return new OffLoop(lambda, context);
                    case LambdaContextKind.Unknown:
                        if (symbols.IsCoroutine(lambda.Symbol))
                        {
                            return null;
                        }
                        continue;
                    default:
                        return null;
                }
            }
        }
        return null;
    }

    /// <summary>A receiver that is a local of the off-loop code itself (a loop or future that thread created).</summary>
    private static bool CreatedBy(IOperation? receiver, IMethodSymbol lambda) =>
        FlowHelpers.GetVariable(receiver) is ILocalSymbol local && FlowHelpers.IsDeclaredWithin(local, lambda);

    private static void AnalyzeConfigureAwait(FunctionGraph function, AsyncioSymbols symbols, Dictionary<SyntaxNode, IAnonymousFunctionOperation> lambdas, Action<Diagnostic> report)
    {
        // An off-loop lambda is reported whole by the operation action; do not report it twice.
        bool offLoop = function.Lambda is not null && FlowHelpers.ClassifyLambda(function.Lambda, symbols).Kind == LambdaContextKind.OffLoop;
        if (function.Symbol.IsAsync && !offLoop)
        {
            new ConfigureAwaitAnalysis(symbols, report).Run(function.Graph, OffLoopState.OnLoop);
        }
        foreach (FunctionGraph child in function.Children(lambdas))
        {
            AnalyzeConfigureAwait(child, symbols, lambdas, report);
        }
    }

    private sealed class OffLoopState
    {
        public static readonly OffLoopState OnLoop = new(false);
        public static readonly OffLoopState MaybeOff = new(true);

        private OffLoopState(bool off) => Off = off;

        public bool Off { get; }
    }

    private sealed class ConfigureAwaitAnalysis : ForwardFlowAnalysis<OffLoopState>
    {
        private readonly AsyncioSymbols _symbols;
        private readonly Action<Diagnostic> _report;

        public ConfigureAwaitAnalysis(AsyncioSymbols symbols, Action<Diagnostic> report)
        {
            _symbols = symbols;
            _report = report;
        }

        protected override OffLoopState Join(OffLoopState a, OffLoopState b) => a.Off || b.Off ? OffLoopState.MaybeOff : OffLoopState.OnLoop;

        protected override bool AreEqual(OffLoopState a, OffLoopState b) => a == b;

        protected override OffLoopState Visit(IOperation node, OffLoopState state)
        {
            switch (node)
            {
                case IAwaitOperation await:
                    if (FlowHelpers.StripConversions(await.Operation) is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure
                        && configure.Arguments.Length == 1
                        && configure.Arguments[0].Value.ConstantValue is { HasValue: true, Value: false })
                    {
                        return OffLoopState.MaybeOff;
                    }
                    // Awaiting a future resumes through a done callback, on the loop thread.
                    return _symbols.IsFuture(await.Operation.Type) ? OffLoopState.OnLoop : state;
                case IInvocationOperation invocation when state.Off && Reporting && IsTouch(invocation, _symbols):
                    _report(Create(invocation, "code after ConfigureAwait(false)"));
                    return state;
                default:
                    return state;
            }
        }
    }
}
