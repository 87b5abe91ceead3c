# A bounded queue: the producer blocks when it is full; join() waits for task_done of every item.
import asyncio

async def producer(q, n):
    for i in range(n):
        print(f"put {i} (size {q.qsize()})")
        await q.put(i)
    print("producer done")

async def consumer(name, q):
    while True:
        item = await q.get()
        print(f"{name} got {item}")
        await asyncio.sleep(0)
        q.task_done()

async def main():
    q = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer(f"c{i}", q)) for i in range(2)]
    await producer(q, 6)
    await q.join()
    print(f"joined, empty={q.empty()}")
    for c in consumers:
        c.cancel()
    results = await asyncio.gather(*consumers, return_exceptions=True)
    print([type(r).__name__ for r in results])

asyncio.run(main())
