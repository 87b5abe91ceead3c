using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using AsyncioGen;

namespace CallbackBridge;

/// <summary>
/// A callback-style socket API over <see cref="SocketAsyncEventArgs"/>: each operation reports once, through
/// <c>onDone</c> or <c>onError</c>, on whatever thread the socket completes it (often an I/O thread).
/// <c>[Future]</c> gives every operation an awaitable twin (<c>AcceptAsync</c>, <c>ConnectAsync</c>, …)
/// whose completion is marshalled back to the event loop.
/// </summary>
internal static partial class SocketCallbacks
{
    /// <summary>Set when a <see cref="ReceiveCancellable"/> socket receive ended because its token was cancelled.</summary>
    internal static volatile bool ReceiveAborted;

    [Future]
    internal static void Accept(Socket listener, Action<Socket> onDone, Action<Exception> onError) =>
        Start(listener.AcceptAsync, new SocketAsyncEventArgs(), e => onDone(e.AcceptSocket!), onError);

    [Future]
    internal static void Connect(Socket socket, EndPoint remote, Action onDone, Action<Exception> onError) =>
        Start(socket.ConnectAsync, new SocketAsyncEventArgs { RemoteEndPoint = remote }, _ => onDone(), onError);

    [Future]
    internal static void Send(Socket socket, byte[] data, Action<int> onDone, Action<Exception> onError)
    {
        var args = new SocketAsyncEventArgs();
        args.SetBuffer(data, 0, data.Length);
        Start(socket.SendAsync, args, e => onDone(e.BytesTransferred), onError);
    }

    [Future]
    internal static void Receive(Socket socket, byte[] buffer, Action<int> onDone, Action<Exception> onError)
    {
        var args = new SocketAsyncEventArgs();
        args.SetBuffer(buffer, 0, buffer.Length);
        Start(socket.ReceiveAsync, args, e => onDone(e.BytesTransferred), onError);
    }

    /// <summary>A receive that can be called off: the twin feeds the token from the future's cancellation.</summary>
    [Future]
    internal static void ReceiveCancellable(Socket socket, byte[] buffer, CancellationToken cancellationToken, Action<int?, Exception?> onOutcome)
    {
        socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).AsTask().ContinueWith(
            task =>
            {
                ReceiveAborted = cancellationToken.IsCancellationRequested && task.Exception?.InnerException is OperationCanceledException;
                onOutcome(task.IsCompletedSuccessfully ? task.Result : null, task.IsCompletedSuccessfully ? null : task.Exception?.InnerException ?? new OperationCanceledException());
            },
            TaskScheduler.Default);
    }

    /// <summary>Runs one SocketAsyncEventArgs operation; <c>Completed</c> fires on an I/O thread unless it finished at once.</summary>
    private static void Start(Func<SocketAsyncEventArgs, bool> operation, SocketAsyncEventArgs args, Action<SocketAsyncEventArgs> onSuccess, Action<Exception> onError)
    {
        void Finish(SocketAsyncEventArgs e)
        {
            try
            {
                if (e.SocketError == SocketError.Success)
                {
                    onSuccess(e);
                }
                else
                {
                    onError(new SocketException((int)e.SocketError));
                }
            }
            finally
            {
                e.Dispose();
            }
        }

        args.Completed += (_, e) => Finish(e);
        if (!operation(args))
        {
            Finish(args);
        }
    }
}
