using System;

namespace AsyncioGen;

/// <summary>
/// The future <see cref="Asyncio.Gather{T}(Future{T}[])"/> returns (asyncio's <c>_GatheringFuture</c>):
/// it is also the bookkeeping object, registered on every child with a static invoker, so a gather of
/// N futures allocates this object and the result array, nothing per child.
/// </summary>
internal abstract class GatherFuture<TResult> : Future<TResult[]>
{
    // Done-callback on each child: the child is the item's state, this gather its argument.
    private static readonly ReadyInvoker s_onChildDone = static (_, child, gather) =>
        ((GatherFuture<TResult>)gather!).OnChildDone((Future)child!);

    private protected readonly Future[] Children;
    private readonly bool _returnExceptions;
    private int _finished;
    private bool _cancelRequested;

    private protected GatherFuture(EventLoop loop, Future[] children, bool returnExceptions) : base(loop)
    {
        Children = children;
        _returnExceptions = returnExceptions;
    }

    /// <summary>Registers on the pending children, then takes the done ones in argument order, as asyncio does.</summary>
    internal void Start()
    {
        bool anyDone = false;
        foreach (Future child in Children)
        {
            if (child.IsDone)
            {
                anyDone = true;
            }
            else
            {
                child.AddDoneCallbackCore(new DoneCallback(null, this, s_onChildDone, null));
            }
        }
        if (anyDone)
        {
            foreach (Future child in Children)
            {
                if (child.IsDone)
                {
                    OnChildDone(child);
                }
            }
        }
    }

    /// <summary>Results in argument order; only called once every child is done.</summary>
    private protected abstract TResult[] CollectResults();

    private void OnChildDone(Future child)
    {
        _finished++;
        if (IsDone)
        {
            if (!child.IsCancelled)
            {
                child.GetException(); // marks it retrieved: the gather already reported its outcome
            }
            return;
        }
        if (!_returnExceptions)
        {
            if (child.IsCancelled)
            {
                // asyncio sets the CancelledError as the gather's exception (it is not "cancelled").
                CompleteWithException(child.MakeCancelledError());
                return;
            }
            Exception? error = child.GetException();
            if (error is not null)
            {
                CompleteWithException(error);
                return;
            }
        }
        if (_finished == Children.Length)
        {
            TResult[] results = CollectResults();
            if (_cancelRequested)
            {
                CompleteWithException(child.MakeCancelledError());
            }
            else
            {
                SetResultFromTask(results);
            }
        }
    }

    /// <summary>
    /// Cancels every child that is not done (asyncio's <c>_GatheringFuture.cancel</c>); the gather then
    /// finishes with <see cref="CancelledError"/> once the children have. Returns true if any child
    /// accepted the cancellation.
    /// </summary>
    public override bool Cancel(string? message = null)
    {
        if (IsCancelFromForeignThread(message, out bool posted))
        {
            return posted;
        }
        if (IsDone)
        {
            return false;
        }
        bool any = false;
        foreach (Future child in Children)
        {
            if (child.Cancel(message))
            {
                any = true;
            }
        }
        if (any)
        {
            _cancelRequested = true;
        }
        return any;
    }
}

/// <summary>A gather of futures of one result type: every child succeeded when results are collected.</summary>
internal sealed class TypedGatherFuture<T> : GatherFuture<T>
{
    public TypedGatherFuture(EventLoop loop, Future<T>[] children) : base(loop, children, returnExceptions: false)
    {
    }

    private protected override T[] CollectResults()
    {
        var results = new T[Children.Length];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = ((Future<T>)Children[i]).GetResult();
        }
        return results;
    }
}

/// <summary>A gather of futures of any types; with returnExceptions, exceptions take their child's place.</summary>
internal sealed class MixedGatherFuture : GatherFuture<object?>
{
    public MixedGatherFuture(EventLoop loop, Future[] children, bool returnExceptions) : base(loop, children, returnExceptions)
    {
    }

    private protected override object?[] CollectResults()
    {
        var results = new object?[Children.Length];
        for (int i = 0; i < results.Length; i++)
        {
            Future child = Children[i];
            if (child.IsCancelled)
            {
                results[i] = new CancelledError(child.CancelMessage);
            }
            else
            {
                results[i] = child.GetException() ?? child.ResultAsObject;
            }
        }
        return results;
    }
}
