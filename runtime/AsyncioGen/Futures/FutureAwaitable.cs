using System;

namespace AsyncioGen;

/// <summary>
/// A read-only view of a <see cref="Future{T}"/> for public APIs (asyncio's rule: never expose a
/// future users could complete). It can be awaited, and a task awaiting it can still cancel the
/// operation behind it; it costs no allocation.
/// </summary>
public readonly struct FutureAwaitable<T> : IEquatable<FutureAwaitable<T>>
{
    private readonly Future<T>? _future;

    /// <summary>Wraps <paramref name="future"/>.</summary>
    public FutureAwaitable(Future<T> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        _future = future;
    }

    private Future<T> Future => _future ?? throw new InvalidOperationException("This FutureAwaitable was default-initialized and wraps no future.");

    /// <summary>True once the operation finished, failed or was cancelled.</summary>
    public bool IsDone => Future.IsDone;

    /// <summary>True if the operation was cancelled.</summary>
    public bool IsCancelled => Future.IsCancelled;

    /// <summary>Awaits the operation's result.</summary>
    public FutureAwaiter<T> GetAwaiter() => Future.GetAwaiter();

    /// <inheritdoc/>
    public bool Equals(FutureAwaitable<T> other) => ReferenceEquals(_future, other._future);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FutureAwaitable<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _future?.GetHashCode() ?? 0;

    /// <summary>Equal when they wrap the same future.</summary>
    public static bool operator ==(FutureAwaitable<T> left, FutureAwaitable<T> right) => left.Equals(right);

    /// <summary>Equal when they wrap the same future.</summary>
    public static bool operator !=(FutureAwaitable<T> left, FutureAwaitable<T> right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => _future?.ToString() ?? "<FutureAwaitable empty>";
}

/// <summary>A read-only view of a result-less <see cref="AsyncioGen.Future"/> for public APIs; see <see cref="FutureAwaitable{T}"/>.</summary>
public readonly struct FutureAwaitable : IEquatable<FutureAwaitable>
{
    private readonly Future? _future;

    /// <summary>Wraps <paramref name="future"/>.</summary>
    public FutureAwaitable(Future future)
    {
        ArgumentNullException.ThrowIfNull(future);
        _future = future;
    }

    private Future Future => _future ?? throw new InvalidOperationException("This FutureAwaitable was default-initialized and wraps no future.");

    /// <summary>True once the operation finished, failed or was cancelled.</summary>
    public bool IsDone => Future.IsDone;

    /// <summary>True if the operation was cancelled.</summary>
    public bool IsCancelled => Future.IsCancelled;

    /// <summary>Awaits the operation.</summary>
    public FutureAwaiter GetAwaiter() => Future.GetAwaiter();

    /// <inheritdoc/>
    public bool Equals(FutureAwaitable other) => ReferenceEquals(_future, other._future);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is FutureAwaitable other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _future?.GetHashCode() ?? 0;

    /// <summary>Equal when they wrap the same future.</summary>
    public static bool operator ==(FutureAwaitable left, FutureAwaitable right) => left.Equals(right);

    /// <summary>Equal when they wrap the same future.</summary>
    public static bool operator !=(FutureAwaitable left, FutureAwaitable right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => _future?.ToString() ?? "<FutureAwaitable empty>";
}
