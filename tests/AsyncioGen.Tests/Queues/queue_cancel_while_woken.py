# The iterations of QueueTests.{Getter,Putter}CancelledWhileBeingWoken* under CPython (prints True False / 7 True / True False / True 2).
import asyncio
def once(loop):
    loop.stop(); loop.run_forever()
loop = asyncio.new_event_loop(); q = asyncio.Queue()
t1 = loop.create_task(q.get()); t2 = loop.create_task(q.get()); once(loop)
q.put_nowait(7); t1.cancel()
once(loop); print("get", t1.cancelled(), t2.done())
once(loop); print("get", t2.result(), q.empty())
q = asyncio.Queue(1); q.put_nowait(0)
p1 = loop.create_task(q.put(1)); p2 = loop.create_task(q.put(2)); once(loop)
q.get_nowait(); p1.cancel()
once(loop); print("put", p1.cancelled(), p2.done())
once(loop); print("put", p2.done(), q.get_nowait())
