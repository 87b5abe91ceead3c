using System;
using System.Net.Sockets;

namespace AsyncioGen.Streams;

/// <summary>How a socket transfer reports: the byte count or the error, and the caller's state (the twin's future).</summary>
internal delegate void TransferCompletion(int bytesTransferred, Exception? error, object? state);

/// <summary>How an accept reports: the connected socket or the error, and the caller's state.</summary>
internal delegate void AcceptCompletion(Socket? socket, Exception? error, object? state);

/// <summary>How a connect reports: null on success or the error, and the caller's state.</summary>
internal delegate void ConnectCompletion(Exception? error, object? state);
