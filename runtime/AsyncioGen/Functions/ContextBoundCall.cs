using System;
using System.Threading;

namespace AsyncioGen;

/// <summary>A function run inside a captured <see cref="ExecutionContext"/> (asyncio's <c>ctx.run(func)</c> in <c>to_thread</c>).</summary>
internal sealed class ContextBoundCall<T>
{
    private readonly Func<T> _function;
    private readonly ExecutionContext? _context;
    private T _result = default!;

    public ContextBoundCall(Func<T> function, ExecutionContext? context)
    {
        _function = function;
        _context = context;
    }

    public T Invoke()
    {
        if (_context is null)
        {
            return _function();
        }
        ExecutionContext.Run(_context, static state =>
        {
            var call = (ContextBoundCall<T>)state!;
            call._result = call._function();
        }, this);
        return _result;
    }
}
