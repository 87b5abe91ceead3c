# as_completed and wait(FIRST_COMPLETED): completion order, not submission order.
import asyncio

async def work(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return name

async def main():
    aws = [work("slow", 3), work("fast", 1), work("middle", 2)]
    for coro in asyncio.as_completed(aws):
        result = await coro
        print(f"as_completed gave {result}")

    tasks = [asyncio.create_task(work(n, d)) for n, d in [("a", 2), ("b", 1), ("c", 3)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"done={sorted(t.result() for t in done)} pending={len(pending)}")
    done, pending = await asyncio.wait(tasks)
    print(f"done={sorted(t.result() for t in done)} pending={len(pending)}")

asyncio.run(main())
