# TaskGroup: the first failure cancels the rest; a sibling already woken in the same iteration still runs and fails
# (the group hears of the first failure through a scheduled done-callback); the failures arrive together
# (ExceptionGroup in Python, AggregateException in .NET). Only one task prints when cancelled: the group cancels
# its tasks in set order, which Python does not define.
import asyncio

class FetchError(Exception):
    pass

async def fail(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} fails")
    raise FetchError(name)

async def slow():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("slow cancelled")
        raise

cleaned = []

async def cleanup_after(delay):
    try:
        await asyncio.sleep(delay)
    finally:
        cleaned.append(True)

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            t1 = tg.create_task(slow())
            t2 = tg.create_task(fail("a", 1))
            t3 = tg.create_task(fail("b", 1))
            t4 = tg.create_task(cleanup_after(5))
            print("body done")
    except* FetchError as eg:
        print(f"failures: {sorted(str(e) for e in eg.exceptions)}")
    print(f"slow cancelled={t1.cancelled()} b cancelled={t3.cancelled()} cleanup cancelled={t4.cancelled()} cleaned={cleaned == [True]}")

    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(asyncio.sleep(1, result="x"))
        b = tg.create_task(asyncio.sleep(2, result="y"))
    print(f"all done: {a.result()}{b.result()}")

asyncio.run(main())
