# Iteration order of Condition.wait / notify / notify_all / wait_for (asyncio reference).
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

cond = asyncio.Condition()
state = 0

async def waiter(name):
    async with cond:
        log.append(f"{name} wait")
        await cond.wait()
        log.append(f"{name} woke")
    log.append(f"{name} out")

async def predicate_waiter(name, target):
    async with cond:
        log.append(f"{name} wait_for")
        r = await cond.wait_for(lambda: state >= target)
        log.append(f"{name} got {r} state={state}")
    log.append(f"{name} out")

async def notifier():
    global state
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        log.append("n notify 1")
    log.append("n released")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    async with cond:
        state = 1
        cond.notify_all()
        log.append("n notify_all")
        await asyncio.sleep(0)       # keeps the lock one more iteration: the woken wait to re-acquire it
        log.append("n still holds")
    log.append("n released")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    async with cond:
        state = 2
        cond.notify(2)
        log.append("n notify 2")
    log.append("n end")

loop.create_task(waiter("w1"))
loop.create_task(waiter("w2"))
loop.create_task(predicate_waiter("p1", 2))
loop.create_task(waiter("w3"))
loop.create_task(notifier())
for _ in range(16):
    loop.stop(); loop.run_forever()
print(repr(log))
