# Iteration order of contended Lock, Semaphore and Event waits, cancellation while waiting and
# while being woken (asyncio reference).
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

lock = asyncio.Lock()
sem = asyncio.Semaphore(1)
ev = asyncio.Event()

async def locker(name, hold):
    log.append(f"{name} acquire")
    async with lock:
        log.append(f"{name} locked")
        for _ in range(hold):
            await asyncio.sleep(0)
    log.append(f"{name} unlocked")

async def limited(name, hold):
    log.append(f"{name} sem acquire")
    try:
        async with sem:
            log.append(f"{name} sem in")
            for _ in range(hold):
                await asyncio.sleep(0)
        log.append(f"{name} sem out")
    except asyncio.CancelledError:
        log.append(f"{name} sem cancelled")

async def event_waiter(name):
    log.append(f"{name} ev wait")
    await ev.wait()
    log.append(f"{name} ev set")

async def driver(tasks):
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    tasks["s3"].cancel()                 # cancelled while waiting
    log.append("cancel s3")
    await asyncio.sleep(0)
    tasks["s2"].cancel()                 # s1 released just before, in this iteration: s2 is being woken
    log.append("cancel s2")
    await asyncio.sleep(0)
    ev.set()
    log.append("ev set")
    ev.clear()
    log.append("ev clear")

tasks = {}
loop.create_task(locker("l1", 2))
loop.create_task(locker("l2", 1))
loop.create_task(locker("l3", 0))
loop.create_task(limited("s1", 3))
tasks["s2"] = loop.create_task(limited("s2", 0))
tasks["s3"] = loop.create_task(limited("s3", 0))
loop.create_task(limited("s4", 0))
loop.create_task(event_waiter("e1"))
loop.create_task(event_waiter("e2"))
loop.create_task(driver(tasks))
for _ in range(12):
    loop.stop(); loop.run_forever()
print(repr(log))
