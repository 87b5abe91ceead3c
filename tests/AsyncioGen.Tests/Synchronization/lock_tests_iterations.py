# The iterations LockTests.{CancelRace,CancelReleaseRace,NewcomerWaitsBehindAWokenWaiter} count, under CPython.
import asyncio
def once(loop):
    loop.stop(); loop.run_forever()

# CancelRace
loop = asyncio.new_event_loop(); lk = asyncio.Lock()
async def lockit(blocker):
    await lk.acquire()
    try:
        if blocker is not None: await blocker
    finally:
        lk.release()
fa = loop.create_future()
ta = loop.create_task(lockit(fa)); once(loop)
tb = loop.create_task(lockit(None)); once(loop)
tc = loop.create_task(lockit(None)); once(loop)
fa.set_result(None); tb.cancel()
for i in range(4): once(loop); print("race", i+1, lk.locked(), ta.done(), tb.cancelled(), tc.done())

# CancelReleaseRace
loop = asyncio.new_event_loop(); lk = asyncio.Lock(); order = []
loop.run_until_complete(lk.acquire())
async def waiter(name):
    await lk.acquire(); order.append(name); lk.release()
t1 = loop.create_task(waiter("t1")); t2 = loop.create_task(waiter("t2")); t3 = loop.create_task(waiter("t3")); once(loop)
lk.release(); t1.cancel()
for i in range(4): once(loop); print("crr", i+1, t1.cancelled(), order, lk.locked(), t2.done(), t3.done())

# NewcomerWaitsBehindAWokenWaiter
loop = asyncio.new_event_loop(); lk = asyncio.Lock(); order = []
loop.run_until_complete(lk.acquire())
async def take(n):
    await lk.acquire(); order.append(n); await asyncio.sleep(0); lk.release()
loop.create_task(take(1)); once(loop)
lk.release()
late = loop.create_task(take(2))
for i in range(5): once(loop); print("newcomer", i+1, order, late.done())
