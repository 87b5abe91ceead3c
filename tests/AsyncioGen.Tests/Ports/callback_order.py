# What runs when: call_soon callbacks, done-callbacks, an awaited coroutine (inline) and a task (next iteration).
import asyncio

async def sub(name):
    print(f"{name} runs")
    return name

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "callback 1")
    print(f"awaited {await sub('inline sub')}")
    loop.call_soon(print, "callback 2")
    task = asyncio.create_task(sub("task sub"))
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print(f"done-callback A sees {f.result()}"))
    fut.add_done_callback(lambda f: print(f"done-callback B sees {f.result()}"))
    fut.set_result(42)
    print("set_result returned")
    print(f"awaited {await task}")
    await asyncio.sleep(0)
    print(f"future={await fut}")

asyncio.run(main())
