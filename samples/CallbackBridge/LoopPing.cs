using System.Net.NetworkInformation;
using AsyncioGen;

namespace CallbackBridge;

/// <summary>
/// <see cref="Ping"/>'s event-based API (EAP): <c>SendAsync(host, timeout, userState)</c> starts an echo
/// and reports through the <c>PingCompleted</c> event, with the user state, <c>Error</c>, <c>Cancelled</c>
/// and the <c>Reply</c>. <c>[Future]</c> on a method of that shape makes the twin <c>PingAsync</c>: it
/// subscribes to <c>PingCompleted</c> once per instance, passes its future as the user state (so each
/// completion finds its own future), and cancelling the future calls <c>SendAsyncCancel</c>.
/// </summary>
internal sealed partial class LoopPing : Ping
{
    [Future(Name = "PingAsync", Cancel = nameof(SendAsyncCancel))]
    internal void SendEcho(string hostNameOrAddress, int timeout, object? userState) => SendAsync(hostNameOrAddress, timeout, userState);
}
