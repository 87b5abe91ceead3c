# asyncio docs, Barrier: three parties meet; the barrier's state between and after.
import asyncio

async def example_barrier():
    # barrier with 3 parties
    b = asyncio.Barrier(3)

    # create 2 new waiting tasks
    asyncio.create_task(b.wait())
    asyncio.create_task(b.wait())

    await asyncio.sleep(0)
    print(f"parties={b.parties} n_waiting={b.n_waiting} broken={b.broken}")

    # The third .wait() call passes the barrier
    await b.wait()
    print(f"parties={b.parties} n_waiting={b.n_waiting} broken={b.broken}")
    print("barrier passed")

    await asyncio.sleep(0)
    print(f"parties={b.parties} n_waiting={b.n_waiting} broken={b.broken}")

asyncio.run(example_barrier())
