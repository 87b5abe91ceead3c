using System;
using System.ComponentModel;

namespace AsyncioGen.Interop;

/// <summary>
/// The future of a twin whose callback reports several values (<c>Action&lt;int, string&gt;</c>): each value
/// arrives as a parameter and a combiner makes the one result (a value tuple or a generated record struct).
/// The combiner is a static lambda the compiler caches, so per call only the future and the bound callback
/// delegate are allocated, as for a one-value callback. For generated code only.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GeneratedValuesFuture<T> : GeneratedFuture<T>
{
    private readonly Delegate _combine;

    /// <summary>Creates a pending future on <paramref name="loop"/>; <paramref name="combine"/> is a <c>Func&lt;T1, …, T&gt;</c>.</summary>
    public GeneratedValuesFuture(EventLoop loop, Delegate combine) : base(loop) =>
        _combine = combine ?? throw new ArgumentNullException(nameof(combine));

    /// <summary>The success callback of two values.</summary>
    public void OnValues<T1, T2>(T1 value1, T2 value2) => OnResult(((Func<T1, T2, T>)_combine)(value1, value2));

    /// <summary>The success callback of three values.</summary>
    public void OnValues<T1, T2, T3>(T1 value1, T2 value2, T3 value3) => OnResult(((Func<T1, T2, T3, T>)_combine)(value1, value2, value3));

    /// <summary>The success callback of four values.</summary>
    public void OnValues<T1, T2, T3, T4>(T1 value1, T2 value2, T3 value3, T4 value4) =>
        OnResult(((Func<T1, T2, T3, T4, T>)_combine)(value1, value2, value3, value4));

    /// <summary>Two values and the error last: an error wins over the values.</summary>
    public void OnValuesOutcome<T1, T2>(T1? value1, T2? value2, Exception? error)
    {
        if (error is null)
        {
            OnValues(value1!, value2!);
        }
        else
        {
            OnError(error);
        }
    }

    /// <summary>Three values and the error last.</summary>
    public void OnValuesOutcome<T1, T2, T3>(T1? value1, T2? value2, T3? value3, Exception? error)
    {
        if (error is null)
        {
            OnValues(value1!, value2!, value3!);
        }
        else
        {
            OnError(error);
        }
    }

    /// <summary>Four values and the error last.</summary>
    public void OnValuesOutcome<T1, T2, T3, T4>(T1? value1, T2? value2, T3? value3, T4? value4, Exception? error)
    {
        if (error is null)
        {
            OnValues(value1!, value2!, value3!, value4!);
        }
        else
        {
            OnError(error);
        }
    }

    /// <summary>The error first, then two values (Node.js style).</summary>
    public void OnErrorOrValues<T1, T2>(Exception? error, T1? value1, T2? value2) => OnValuesOutcome(value1, value2, error);

    /// <summary>The error first, then three values.</summary>
    public void OnErrorOrValues<T1, T2, T3>(Exception? error, T1? value1, T2? value2, T3? value3) => OnValuesOutcome(value1, value2, value3, error);

    /// <summary>The error first, then four values.</summary>
    public void OnErrorOrValues<T1, T2, T3, T4>(Exception? error, T1? value1, T2? value2, T3? value3, T4? value4) =>
        OnValuesOutcome(value1, value2, value3, value4, error);
}
