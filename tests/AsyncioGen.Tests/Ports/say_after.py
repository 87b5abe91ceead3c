# asyncio docs, "Coroutines and Tasks": say_after awaited in sequence, then as two tasks.
import asyncio

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)

async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    print("started")
    await say_after(1, 'hello')
    await say_after(2, 'world')
    print(f"finished after {loop.time() - start:.0f} s")

    task1 = asyncio.create_task(say_after(1, 'hello'))
    task2 = asyncio.create_task(say_after(2, 'world'))
    start = loop.time()
    print("started")
    await task1
    await task2
    print(f"finished after {loop.time() - start:.0f} s")

    async with asyncio.TaskGroup() as tg:
        task1 = tg.create_task(say_after(1, 'hello'))
        task2 = tg.create_task(say_after(2, 'world'))
        print("started")
    print(f"both tasks have completed now: {task1.done()}, {task2.done()}")

asyncio.run(main())
