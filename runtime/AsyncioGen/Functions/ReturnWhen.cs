namespace AsyncioGen;

/// <summary>When <see cref="Asyncio.Wait(System.Collections.Generic.IEnumerable{Future}, double?, ReturnWhen)"/> returns (asyncio's <c>return_when</c> constants).</summary>
public enum ReturnWhen
{
    /// <summary>When any future finishes or is cancelled (asyncio's <c>FIRST_COMPLETED</c>).</summary>
    FirstCompleted,

    /// <summary>When any future finishes with an exception, else when all are done (asyncio's <c>FIRST_EXCEPTION</c>).</summary>
    FirstException,

    /// <summary>When all futures are done (asyncio's <c>ALL_COMPLETED</c>).</summary>
    AllCompleted,
}
