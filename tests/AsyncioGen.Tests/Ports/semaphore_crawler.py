# A crawler limited to two fetches at a time by a Semaphore; results gathered in argument order.
import asyncio

async def fetch(sem, url, delay):
    print(f"queued {url}")
    async with sem:
        print(f"start {url}")
        await asyncio.sleep(delay)
        print(f"done {url}")
        return len(url) * 10 + int(delay)

async def main():
    sem = asyncio.Semaphore(2)
    urls = [("a.example", 3), ("bb.example", 1), ("c.example", 2), ("dd.example", 1), ("e.example", 1)]
    results = await asyncio.gather(*(fetch(sem, url, delay) for url, delay in urls))
    print(results)
    print(f"locked after: {sem.locked()}")

asyncio.run(main())
