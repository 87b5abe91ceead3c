# The iterations SemaphoreTests.{AcquireCancelledBeforeAwokenPassesTheCountOn,AcquireHang,AcquireNoHang} count, under CPython 3.13.
import asyncio
def once(loop):
    loop.stop(); loop.run_forever()

# AcquireCancelledBeforeAwokenPassesTheCountOn
loop = asyncio.new_event_loop(); sem = asyncio.Semaphore(0); got = []
async def c(n):
    await sem.acquire(); got.append(n)
t1 = loop.create_task(c(1)); t2 = loop.create_task(c(2)); once(loop)
sem.release(); t1.cancel()
for i in range(3): once(loop); print("passon", i+1, t1.cancelled(), got, sem._value)

# AcquireHang
loop = asyncio.new_event_loop(); sem = asyncio.Semaphore(0)
t1 = loop.create_task(sem.acquire()); t2 = loop.create_task(sem.acquire()); once(loop)
sem.release(); t1.cancel()
for i in range(3): once(loop); print("hang", i+1, t1.cancelled(), t2.done(), sem.locked())

# AcquireNoHang
loop = asyncio.new_event_loop(); sem = asyncio.Semaphore(1)
async def worker():
    async with sem:
        await asyncio.sleep(0)
a = loop.create_task(worker()); b = loop.create_task(worker())
for i in range(5): once(loop); print("nohang", i+1, a.done(), b.done(), sem.locked(), sem._value)
