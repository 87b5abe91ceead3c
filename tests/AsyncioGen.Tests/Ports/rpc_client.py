# The RPC client pattern: pending futures by request id, replies arriving later from the transport,
# wait_for timeouts cancelling the pending future, late replies dropped.
import asyncio

class RpcClient:
    def __init__(self, loop):
        self.loop = loop
        self.pending = {}
        self.next_id = 0

    def send(self, delay, value):
        # The "transport" answers after `delay` seconds.
        self.next_id += 1
        request_id = self.next_id
        fut = self.loop.create_future()
        self.pending[request_id] = fut
        fut.add_done_callback(lambda f: self.pending.pop(request_id, None))
        self.loop.call_later(delay, self.on_reply, request_id, value)
        print(f"request {request_id} sent")
        return fut

    def on_reply(self, request_id, value):
        fut = self.pending.get(request_id)
        if fut is None or fut.done():
            print(f"reply {request_id} dropped")
            return
        fut.set_result(value)
        print(f"reply {request_id} delivered")

async def main():
    client = RpcClient(asyncio.get_running_loop())
    print(f"got {await asyncio.wait_for(client.send(1, 'a'), 2)}")
    try:
        await asyncio.wait_for(client.send(3, 'b'), 2)
    except TimeoutError:
        print(f"request timed out; pending={len(client.pending)}")
    await asyncio.sleep(2)
    results = await asyncio.gather(client.send(2, 'c'), client.send(1, 'd'))
    print(f"gathered {results}; pending={len(client.pending)}")

asyncio.run(main())
