using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncioGen.Analyzers.Helpers;

/// <summary>
/// What every lambda of a body captures, computed in one walk of the body's operations: each lambda's
/// captures are its own references to variables declared outside it plus its nested lambdas' captures
/// (minus what it declares itself). Asking the semantic model per lambda (AnalyzeDataFlow, then a
/// symbol lookup per identifier) made nested capturing lambdas quadratic.
/// </summary>
internal sealed class CaptureIndex
{
    private readonly Dictionary<IAnonymousFunctionOperation, Frame> _frames = new();
    private readonly HashSet<ISymbol> _written = new(SymbolEqualityComparer.Default);

    private CaptureIndex()
    {
    }

    /// <summary>The captures of one lambda, in order of first use; and whether it uses <c>this</c> or calls a non-static local function declared outside it.</summary>
    public sealed class Captures
    {
        public Captures(IReadOnlyList<ISymbol> variables, bool usesThis, bool callsLocalFunction)
        {
            Variables = variables;
            UsesThis = usesThis;
            CallsLocalFunction = callsLocalFunction;
        }

        public IReadOnlyList<ISymbol> Variables { get; }

        public bool UsesThis { get; }

        public bool CallsLocalFunction { get; }
    }

    private sealed class Frame
    {
        public Frame(IAnonymousFunctionOperation lambda) => Lambda = lambda;

        public IAnonymousFunctionOperation Lambda { get; }

        public Dictionary<ISymbol, int> Variables { get; } = new(SymbolEqualityComparer.Default);

        public bool UsesThis { get; set; }

        public bool CallsLocalFunction { get; set; }

        public bool Declares(ISymbol symbol)
        {
            foreach (Location location in symbol.Locations)
            {
                if (location.IsInSource && location.SourceTree == Lambda.Syntax.SyntaxTree && Lambda.Syntax.Span.Contains(location.SourceSpan))
                {
                    return true;
                }
            }
            return false;
        }

        public void Add(ISymbol symbol, int position)
        {
            if (Declares(symbol))
            {
                return;
            }
            if (!Variables.TryGetValue(symbol, out int first) || position < first)
            {
                Variables[symbol] = position;
            }
        }
    }

    /// <summary>One pass over <paramref name="roots"/> (iterative: deep nesting must not overflow the stack).</summary>
    public static CaptureIndex Build(IEnumerable<IOperation> roots)
    {
        var index = new CaptureIndex();
        var frames = new Stack<Frame>();
        var work = new Stack<(IOperation Operation, bool Exit)>();
        foreach (IOperation root in roots)
        {
            work.Push((root, false));
        }
        while (work.Count > 0)
        {
            (IOperation operation, bool exit) = work.Pop();
            if (exit)
            {
                Frame done = frames.Pop();
                index._frames[done.Lambda] = done;
                if (frames.Count > 0)
                {
                    Frame parent = frames.Peek();
                    foreach (KeyValuePair<ISymbol, int> variable in done.Variables)
                    {
                        parent.Add(variable.Key, variable.Value);
                    }
                    parent.UsesThis |= done.UsesThis;
                    parent.CallsLocalFunction |= done.CallsLocalFunction;
                }
                continue;
            }
            Frame? current = frames.Count > 0 ? frames.Peek() : null;
            switch (operation)
            {
                case IAnonymousFunctionOperation lambda:
                    frames.Push(new Frame(lambda));
                    work.Push((lambda, true));
                    break;
                case ILocalReferenceOperation local:
                    if (!local.IsDeclaration && !local.Local.IsConst)
                    {
                        index.NoteWrite(local, local.Local);
                        current?.Add(local.Local, local.Syntax.SpanStart);
                    }
                    break;
                case IParameterReferenceOperation parameter:
                    index.NoteWrite(parameter, parameter.Parameter);
                    current?.Add(parameter.Parameter, parameter.Syntax.SpanStart);
                    break;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } when current is not null:
                    current.UsesThis = true;
                    break;
                case IInvocationOperation { TargetMethod: { MethodKind: MethodKind.LocalFunction, IsStatic: false } target } when current is not null:
                    current.CallsLocalFunction |= !current.Declares(target);
                    break;
                case IMethodReferenceOperation { Method: { MethodKind: MethodKind.LocalFunction, IsStatic: false } target } when current is not null:
                    current.CallsLocalFunction |= !current.Declares(target);
                    break;
            }
            foreach (IOperation child in operation.ChildOperations.Reverse())
            {
                work.Push((child, false));
            }
        }
        return index;
    }

    /// <summary>The captures of <paramref name="lambda"/>, or null if it is not in the indexed body.</summary>
    public Captures? Of(IAnonymousFunctionOperation lambda)
    {
        if (!_frames.TryGetValue(lambda, out Frame? frame))
        {
            return null;
        }
        var ordered = frame.Variables.OrderBy(v => v.Value).Select(v => v.Key).ToList();
        return new Captures(ordered, frame.UsesThis, frame.CallsLocalFunction);
    }

    /// <summary>True when the variable is assigned, incremented or passed by ref/out anywhere after its declaration.</summary>
    public bool IsWritten(ISymbol variable) => _written.Contains(variable);

    private void NoteWrite(IOperation reference, ISymbol variable)
    {
        IOperation use = reference;
        while (use.Parent is IParenthesizedOperation or ITupleOperation or IConversionOperation { IsImplicit: true })
        {
            use = use.Parent;
        }
        bool written = use.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == use,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out,
            _ => false,
        };
        if (written)
        {
            _written.Add(variable);
        }
    }
}
