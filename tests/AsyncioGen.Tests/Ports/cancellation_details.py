# Cancellation as a request: messages, cancelling()/uncancel(), a task that refuses, gather and shield.
import asyncio

async def sleeper(name, delay):
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError as e:
        print(f"{name} cancelled: {e.args[0] if e.args else ''}")
        raise

async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn swallows the cancellation")
        asyncio.current_task().uncancel()
    await asyncio.sleep(1)
    return "stubborn finished"

async def main():
    t = asyncio.create_task(sleeper("t", 10))
    await asyncio.sleep(0)
    print(f"cancel -> {t.cancel('first')}, cancelling={t.cancelling()}")
    print(f"cancel again -> {t.cancel('second')}, cancelling={t.cancelling()}")
    try:
        await t
    except asyncio.CancelledError:
        print(f"t done={t.done()} cancelled={t.cancelled()}")

    s = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    s.cancel()
    print(f"stubborn result: {await s}, cancelling={s.cancelling()}")

    g = asyncio.gather(sleeper("g1", 5), sleeper("g2", 5))
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled")

    inner = asyncio.create_task(sleeper("inner", 2))
    outer = asyncio.ensure_future(asyncio.shield(inner))
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print(f"outer cancelled, inner done={inner.done()}")
    print(f"inner result: {await inner}")

asyncio.run(main())
