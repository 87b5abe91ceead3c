using System.Collections.Generic;

namespace AsyncioGen.Tests.Ports;

/// <summary>
/// The RPC client pattern: pending futures by request id, replies arriving later from the transport, WaitFor
/// timeouts cancelling the pending future, late replies dropped.
/// </summary>
public class RpcClientPort
{
    private sealed class RpcClient
    {
        private readonly EventLoop _loop;
        private readonly PortedProgram _py;
        public readonly Dictionary<int, Future<string>> Pending = new();
        private int _nextId;

        public RpcClient(EventLoop loop, PortedProgram py)
        {
            _loop = loop;
            _py = py;
        }

        public Future<string> Send(double delay, string value)
        {
            // The "transport" answers after `delay` seconds.
            _nextId++;
            int requestId = _nextId;
            Future<string> fut = _loop.CreateFuture<string>();
            Pending[requestId] = fut;
            fut.AddDoneCallback(f => Pending.Remove(requestId));
            _loop.CallLater(delay, () => OnReply(requestId, value));
            _py.Print($"request {requestId} sent");
            return fut;
        }

        private void OnReply(int requestId, string value)
        {
            if (!Pending.TryGetValue(requestId, out Future<string>? fut) || fut.IsDone)
            {
                _py.Print($"reply {requestId} dropped");
                return;
            }
            fut.SetResult(value);
            _py.Print($"reply {requestId} delivered");
        }
    }

    private static async FutureTask MainAsync(PortedProgram py)
    {
        var client = new RpcClient(Asyncio.GetRunningLoop(), py);
        py.Print($"got {await Asyncio.WaitFor(client.Send(1, "a"), 2)}");
        try
        {
            await Asyncio.WaitFor(client.Send(3, "b"), 2);
        }
        catch (System.TimeoutException)
        {
            py.Print($"request timed out; pending={client.Pending.Count}");
        }
        await Asyncio.Sleep(2);
        string[] results = await Asyncio.Gather(client.Send(2, "c"), client.Send(1, "d"));
        py.Print($"gathered ['{string.Join("', '", results)}']; pending={client.Pending.Count}");
    }

    [Fact]
    public void PrintsWhatThePythonOriginalPrints() => PortedProgram.AssertPrintsLikePython("rpc_client.py", MainAsync);
}
