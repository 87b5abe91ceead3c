# Thread bridges: to_thread carries the context along, run_in_executor does not; run_coroutine_threadsafe
# from a worker thread runs the coroutine on the loop's thread; gather over several to_thread calls.
import asyncio
import contextvars
import threading
import time

request_id = contextvars.ContextVar("request_id", default="-")
loop_thread = None

def blocking(n):
    time.sleep(0.05)
    return f"{request_id.get()}:{n * n}"

async def add(a, b):
    await asyncio.sleep(0)
    print(f"add runs on the loop thread: {threading.current_thread() is loop_thread}")
    return a + b

def from_thread(loop):
    fut = asyncio.run_coroutine_threadsafe(add(2, 3), loop)
    return fut.result(timeout=5)

async def main():
    global loop_thread
    loop_thread = threading.current_thread()
    loop = asyncio.get_running_loop()
    request_id.set("req-7")
    print(await asyncio.to_thread(blocking, 4))
    print(await loop.run_in_executor(None, blocking, 5))
    print(f"from thread: {await asyncio.to_thread(from_thread, loop)}")
    results = await asyncio.gather(*(asyncio.to_thread(blocking, i) for i in range(3)))
    print(results)

asyncio.run(main())
