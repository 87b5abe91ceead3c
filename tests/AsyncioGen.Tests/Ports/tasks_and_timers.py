# Task names, current_task inside an inline-awaited coroutine, all_tasks; timers: FIFO on ties, cancelled handles.
import asyncio

async def whoami(label):
    print(f"{label}: current task is {asyncio.current_task().get_name()}")

async def worker(delay):
    await whoami("worker before sleep")
    await asyncio.sleep(delay)
    await whoami("worker after sleep")
    return asyncio.current_task().get_name()

async def main():
    asyncio.current_task().set_name("main")
    await whoami("main")
    w1 = asyncio.create_task(worker(1), name="worker-1")
    w2 = asyncio.create_task(worker(2), name="worker-2")
    print(f"tasks alive: {sorted(t.get_name() for t in asyncio.all_tasks())}")
    print(f"results: {await w1}, {await w2}")
    print(f"tasks alive: {sorted(t.get_name() for t in asyncio.all_tasks())}")

    loop = asyncio.get_running_loop()
    start = loop.time()
    loop.call_later(1, print, "timer A (1 s)")
    loop.call_later(1, print, "timer B (1 s, same deadline)")
    h = loop.call_later(0.5, print, "timer C (cancelled)")
    loop.call_at(start + 0.25, print, "timer D (call_at)")
    loop.call_soon(print, "call_soon runs first")
    h.cancel()
    print(f"handle cancelled={h.cancelled()}")
    await asyncio.sleep(2)
    print(f"slept {loop.time() - start:.0f} s")

asyncio.run(main())
