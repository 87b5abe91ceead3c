# Iteration order of Barrier.wait: filling, the releasing party, draining, the next round, reset, abort (asyncio reference).
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

barrier = asyncio.Barrier(3)

async def party(name, rounds):
    for r in range(rounds):
        log.append(f"{name} wait r{r}")
        try:
            i = await barrier.wait()
            log.append(f"{name} passed r{r} index={i}")
        except asyncio.BrokenBarrierError:
            log.append(f"{name} broken r{r}")
            return

async def late(name, delay):
    for _ in range(delay):
        await asyncio.sleep(0)
    await party(name, 1)

async def resetter(delay):
    for _ in range(delay):
        await asyncio.sleep(0)
    log.append("reset")
    await barrier.reset()
    log.append("reset done")

async def aborter(delay):
    for _ in range(delay):
        await asyncio.sleep(0)
    log.append("abort")
    await barrier.abort()
    log.append("abort done")

loop.create_task(party("a", 2))
loop.create_task(party("b", 2))
loop.create_task(late("c", 2))
loop.create_task(late("d", 1))     # arrives while the first round is being released
loop.create_task(late("e", 8))    # waits alone...
loop.create_task(resetter(10))     # ...until a reset breaks its wait
loop.create_task(late("f", 13))    # waits alone...
loop.create_task(aborter(16))      # ...until an abort breaks it
loop.create_task(late("g", 18))    # finds the barrier broken
for _ in range(20):
    loop.stop(); loop.run_forever()
print(repr(log))
