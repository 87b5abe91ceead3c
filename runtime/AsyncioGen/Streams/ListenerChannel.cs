using System;
using System.Net.Sockets;

namespace AsyncioGen.Streams;

/// <summary>
/// The callback form of a listening socket's accept, over one reused <see cref="SocketAsyncEventArgs"/>; the
/// generator's <c>AcceptAsync</c> twin completes on the loop thread.
/// </summary>
internal sealed partial class ListenerChannel
{
    private static readonly EventHandler<SocketAsyncEventArgs> s_completed = static (_, args) => ((ListenerChannel)args.UserToken!).OnCompleted(args);

    private readonly Socket _listener;
    private readonly SocketAsyncEventArgs _args = new();
    private AcceptCompletion? _callback;
    private object? _state;

    public ListenerChannel(Socket listener)
    {
        _listener = listener;
        _args.UserToken = this;
        _args.Completed += s_completed;
    }

    public Socket Socket => _listener;

    /// <summary>Accepts one connection.</summary>
    [Future]
    internal void Accept(AcceptCompletion callback, object? state)
    {
        _callback = callback;
        _state = state;
        _args.AcceptSocket = null;
        bool pending;
        try
        {
            pending = _listener.AcceptAsync(_args);
        }
        catch
        {
            _callback = null;
            _state = null;
            throw;
        }
        if (!pending)
        {
            OnCompleted(_args);
        }
    }

    public void DisposeArgs() => _args.Dispose();

    private void OnCompleted(SocketAsyncEventArgs args)
    {
        AcceptCompletion callback = _callback!;
        object? state = _state;
        _callback = null;
        _state = null;
        Socket? accepted = args.AcceptSocket;
        args.AcceptSocket = null;
        if (args.SocketError == SocketError.Success)
        {
            callback(accepted, null, state);
        }
        else
        {
            accepted?.Dispose();
            callback(null, new SocketException((int)args.SocketError), state);
        }
    }
}
