# Consumers waiting on a Condition; a producer notifies one, then all; a PriorityQueue and a LifoQueue drained.
import asyncio

async def consumer(name, cond, items):
    async with cond:
        while not items:
            print(f"{name} waits")
            await cond.wait()
        item = items.pop(0)
        print(f"{name} got {item}")

async def main():
    cond = asyncio.Condition()
    items = []
    tasks = [asyncio.create_task(consumer(f"c{i}", cond, items)) for i in range(3)]
    await asyncio.sleep(0)
    async with cond:
        items.append("first")
        cond.notify()
    await asyncio.sleep(0)
    async with cond:
        items.extend(["second", "third"])
        cond.notify_all()
    await asyncio.gather(*tasks)

    pq = asyncio.PriorityQueue()
    for p in [5, 1, 4, 2, 3]:
        pq.put_nowait(p)
    print(f"priority order: {[pq.get_nowait() for _ in range(pq.qsize())]}")
    lq = asyncio.LifoQueue()
    for p in [5, 1, 4]:
        await lq.put(p)
    print(f"lifo order: {[await lq.get() for _ in range(lq.qsize())]}")

asyncio.run(main())
