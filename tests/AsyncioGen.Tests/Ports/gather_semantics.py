# gather: the first failure propagates at once and the other children keep running; return_exceptions collects;
# round-robin of tasks yielding with sleep(0); as_completed with a timeout; shield passing a failure through.
import asyncio

class JobError(Exception):
    pass

async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        print(f"{name} raises")
        raise JobError(name)
    print(f"{name} returns")
    return name

async def spinner(name, n):
    for i in range(n):
        print(f"{name} step {i}")
        await asyncio.sleep(0)

async def main():
    slow = asyncio.create_task(job("slow", 3))
    try:
        await asyncio.gather(job("ok", 1), job("bad", 2, fail=True), slow)
    except JobError as e:
        print(f"gather raised JobError({e}); slow done={slow.done()} cancelled={slow.cancelled()}")
    print(f"slow still finishes: {await slow}")

    results = await asyncio.gather(job("r1", 1), job("r2", 1, fail=True), return_exceptions=True)
    print([r if isinstance(r, str) else f"{type(r).__name__}({r})" for r in results])

    await asyncio.gather(spinner("x", 3), spinner("y", 2))

    pending = [job("fast", 1), job("late", 5)]
    try:
        for fut in asyncio.as_completed(pending, timeout=2):
            print(f"as_completed: {await fut}")
    except TimeoutError:
        print("as_completed timed out")
    await asyncio.sleep(4)

    try:
        await asyncio.shield(job("shielded", 1, fail=True))
    except JobError as e:
        print(f"shield passed JobError({e}) through")

asyncio.run(main())
