# Iteration order of Queue waits, woken getters/putters and a stolen wake-up (asyncio reference).
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

q = asyncio.Queue(maxsize=1)

async def getter(name):
    log.append(f"{name} get")
    item = await q.get()
    log.append(f"{name} got {item}")

async def putter(name, item):
    log.append(f"{name} put {item}")
    await q.put(item)
    log.append(f"{name} put {item} done")

async def producer():
    await asyncio.sleep(0)
    q.put_nowait(1)                   # wakes g1
    log.append("p put 1")
    v = q.get_nowait()                # steals it: g1 must wait again, behind g2
    log.append(f"p stole {v}")
    await asyncio.sleep(0)
    q.put_nowait(2)                   # wakes g1 again? no: g1 is behind g2 now only if it re-queued
    log.append("p put 2")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    q.put_nowait(3)
    log.append("p put 3")
    await putter("p", 4)              # full: waits until a getter takes 3
    log.append("p end")

loop.create_task(getter("g1"))
loop.create_task(getter("g2"))
loop.create_task(producer())
for _ in range(10):
    loop.stop(); loop.run_forever()
loop.create_task(getter("g3"))
loop.create_task(getter("g4"))
for _ in range(6):
    loop.stop(); loop.run_forever()
print(repr(log))
