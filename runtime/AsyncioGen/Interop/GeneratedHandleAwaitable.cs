using System;

namespace AsyncioGen.Interop;

/// <summary>
/// What a public twin of a handle-returning method returns: awaitable like <see cref="FutureAwaitable{T}"/>
/// (no <see cref="Future"/> in the public API), with the operation's <see cref="Handle"/>. A struct: no allocation.
/// </summary>
public readonly struct GeneratedHandleAwaitable<T, THandle> : IEquatable<GeneratedHandleAwaitable<T, THandle>>
{
    private readonly GeneratedHandleFuture<T, THandle>? _future;

    /// <summary>Wraps <paramref name="future"/>.</summary>
    public GeneratedHandleAwaitable(GeneratedHandleFuture<T, THandle> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        _future = future;
    }

    private GeneratedHandleFuture<T, THandle> Future => _future ?? throw new InvalidOperationException("This GeneratedHandleAwaitable was default-initialized and wraps no future.");

    /// <summary>The handle the operation returned.</summary>
    public THandle Handle => Future.Handle;

    /// <summary>True once the operation finished, failed or was cancelled.</summary>
    public bool IsDone => Future.IsDone;

    /// <summary>True if the operation was cancelled.</summary>
    public bool IsCancelled => Future.IsCancelled;

    /// <summary>Awaits the operation's result.</summary>
    public FutureAwaiter<T> GetAwaiter() => Future.GetAwaiter();

    /// <inheritdoc/>
    public bool Equals(GeneratedHandleAwaitable<T, THandle> other) => ReferenceEquals(_future, other._future);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GeneratedHandleAwaitable<T, THandle> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _future?.GetHashCode() ?? 0;

    /// <summary>Same future.</summary>
    public static bool operator ==(GeneratedHandleAwaitable<T, THandle> left, GeneratedHandleAwaitable<T, THandle> right) => left.Equals(right);

    /// <summary>Different futures.</summary>
    public static bool operator !=(GeneratedHandleAwaitable<T, THandle> left, GeneratedHandleAwaitable<T, THandle> right) => !left.Equals(right);
}

/// <summary>The result-less <see cref="GeneratedHandleAwaitable{T, THandle}"/>.</summary>
public readonly struct GeneratedHandleAwaitable<THandle> : IEquatable<GeneratedHandleAwaitable<THandle>>
{
    private readonly GeneratedHandleFuture<THandle>? _future;

    /// <summary>Wraps <paramref name="future"/>.</summary>
    public GeneratedHandleAwaitable(GeneratedHandleFuture<THandle> future)
    {
        ArgumentNullException.ThrowIfNull(future);
        _future = future;
    }

    private GeneratedHandleFuture<THandle> Future => _future ?? throw new InvalidOperationException("This GeneratedHandleAwaitable was default-initialized and wraps no future.");

    /// <summary>The handle the operation returned.</summary>
    public THandle Handle => Future.Handle;

    /// <summary>True once the operation finished, failed or was cancelled.</summary>
    public bool IsDone => Future.IsDone;

    /// <summary>True if the operation was cancelled.</summary>
    public bool IsCancelled => Future.IsCancelled;

    /// <summary>Awaits the operation.</summary>
    public FutureAwaiter GetAwaiter() => Future.GetAwaiter();

    /// <inheritdoc/>
    public bool Equals(GeneratedHandleAwaitable<THandle> other) => ReferenceEquals(_future, other._future);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GeneratedHandleAwaitable<THandle> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _future?.GetHashCode() ?? 0;

    /// <summary>Same future.</summary>
    public static bool operator ==(GeneratedHandleAwaitable<THandle> left, GeneratedHandleAwaitable<THandle> right) => left.Equals(right);

    /// <summary>Different futures.</summary>
    public static bool operator !=(GeneratedHandleAwaitable<THandle> left, GeneratedHandleAwaitable<THandle> right) => !left.Equals(right);
}
