# asyncio docs: wait_for on an eternity, asyncio.timeout, shield keeping the inner task alive.
import asyncio

async def eternity():
    # Sleep for one hour
    await asyncio.sleep(3600)
    print('yay!')

async def long_operation():
    await asyncio.sleep(10)
    return "done"

async def main():
    # Wait for at most 1 second
    try:
        await asyncio.wait_for(eternity(), timeout=1.0)
    except TimeoutError:
        print('timeout!')

    try:
        async with asyncio.timeout(1):
            await long_operation()
    except TimeoutError:
        print("The long operation timed out, but we've handled it.")
    print("This statement will run regardless.")

    inner = asyncio.create_task(long_operation())
    try:
        await asyncio.wait_for(asyncio.shield(inner), timeout=1)
    except TimeoutError:
        print(f"shielded: outer timed out, inner cancelled={inner.cancelled()}")
    print(f"inner result={await inner}")

asyncio.run(main())
