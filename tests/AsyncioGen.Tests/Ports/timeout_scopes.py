# asyncio.timeout in depth: reschedule, expired(), when(), timeout_at, nested scopes (the inner one fires,
# the outer one fires), a scope that does not fire, and wait() with a timeout returning what is pending.
import asyncio

async def work(delay, name):
    await asyncio.sleep(delay)
    return name

async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()

    async with asyncio.timeout(None) as cm:
        print(f"when={cm.when()}")
        cm.reschedule(loop.time() + 5)
        print(f"rescheduled to +{cm.when() - start:.0f} s")
        await work(1, "fits")
    print(f"fits: expired={cm.expired()}")

    try:
        async with asyncio.timeout(1) as cm:
            await work(2, "too slow")
    except TimeoutError as e:
        print(f"too slow: expired={cm.expired()} cause={type(e.__cause__).__name__}")

    try:
        async with asyncio.timeout(10) as outer:
            try:
                async with asyncio.timeout(1) as inner:
                    await work(5, "inner")
            except TimeoutError:
                print(f"inner fired: inner={inner.expired()} outer={outer.expired()}")
            await work(20, "after")
    except TimeoutError:
        print(f"outer fired: outer={outer.expired()} at +{loop.time() - start:.0f} s")

    try:
        async with asyncio.timeout_at(loop.time() + 1):
            await work(3, "at")
    except TimeoutError:
        print("timeout_at fired")

    tasks = [asyncio.create_task(work(d, n)) for n, d in [("a", 1), ("b", 3)]]
    done, pending = await asyncio.wait(tasks, timeout=2)
    print(f"wait(timeout=2): done={[t.result() for t in done]} pending={len(pending)}")
    await asyncio.wait(pending)
    print(f"total +{loop.time() - start:.0f} s")

asyncio.run(main())
