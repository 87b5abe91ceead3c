# Iteration order of a getter cancelled while being woken, join()/task_done() and 3.13's shutdown()
# waking getters and putters (asyncio reference; run with Python 3.13).
import asyncio

log = []
loop = asyncio.new_event_loop()
n = 0
def tick():
    global n
    n += 1
    log.append(f"it{n}")
    loop.call_soon(tick)
loop.call_soon(tick)

q = asyncio.Queue()
bounded = asyncio.Queue(maxsize=1)
tasks = {}

async def getter(name, queue):
    log.append(f"{name} get")
    try:
        item = await queue.get()
        log.append(f"{name} got {item}")
        queue.task_done()
        log.append(f"{name} task_done")
    except asyncio.CancelledError:
        log.append(f"{name} cancelled")
    except asyncio.QueueShutDown:
        log.append(f"{name} shut down")

async def putter(name, queue, item):
    log.append(f"{name} put {item}")
    try:
        await queue.put(item)
        log.append(f"{name} put {item} done")
    except asyncio.QueueShutDown:
        log.append(f"{name} shut down")

async def joiner():
    log.append("j join")
    await q.join()
    log.append("j joined")

async def driver():
    await asyncio.sleep(0)
    q.put_nowait(1)                      # wakes g1...
    log.append("d put 1")
    tasks["g1"].cancel()                 # ...which is cancelled before it resumes: g2 gets the item
    log.append("d cancel g1")
    loop.create_task(joiner())           # waits until g2 marks the item done
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log.append(f"d took {bounded.get_nowait()}")   # wakes p1
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log.append("d shutdown")
    bounded.shutdown()                   # wakes the waiting putter p2
    q.shutdown()                         # wakes the waiting getter g3
    log.append("d end")

bounded.put_nowait(10)
tasks["g1"] = loop.create_task(getter("g1", q))
loop.create_task(getter("g2", q))
loop.create_task(getter("g3", q))
loop.create_task(driver())
loop.create_task(putter("p1", bounded, 11))
loop.create_task(putter("p2", bounded, 12))
for _ in range(8):
    loop.stop(); loop.run_forever()
print(repr(log))
