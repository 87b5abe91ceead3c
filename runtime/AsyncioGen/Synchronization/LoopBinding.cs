using System;
using System.Threading;

namespace AsyncioGen;

/// <summary>
/// asyncio's <c>mixins._LoopBoundMixin</c>: a primitive binds to the running loop the first time it
/// needs one (when a waiter future must be created) and refuses every other loop afterwards.
/// </summary>
internal static class LoopBinding
{
    public static EventLoop Bind(ref EventLoop? bound, object owner)
    {
        EventLoop loop = Asyncio.GetRunningLoop();
        EventLoop? previous = Interlocked.CompareExchange(ref bound, loop, null);
        if (previous is not null && !ReferenceEquals(previous, loop))
        {
            throw new InvalidOperationException(owner + " is bound to a different event loop");
        }
        return loop;
    }
}
