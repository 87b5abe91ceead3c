import asyncio
def new():
    loop = asyncio.new_event_loop()
    return loop
def once(loop, k=1):
    for _ in range(k):
        loop.stop(); loop.run_forever()

# TaskByTaskFilling
loop = new(); b = asyncio.Barrier(3)
loop.create_task(b.wait()); once(loop); print("tbt1", b.n_waiting)
loop.create_task(b.wait()); once(loop); print("tbt2", b.n_waiting)
loop.create_task(b.wait());
for i in range(3): once(loop); print("tbt3", i+1, b.n_waiting, repr(b))

# TasksWaitUntilTheBarrierFills (N=5)
loop = new(); b = asyncio.Barrier(5); passed = []
async def p(): passed.append(await b.wait())
for _ in range(4): loop.create_task(p())
once(loop); print("fill1", passed, b.n_waiting)
loop.create_task(p())
for i in range(3): once(loop); print("fill2", i+1, len(passed), b.n_waiting)

# LastArrivalGetsTheLastIndexWithoutWaiting
loop = new(); b = asyncio.Barrier(2)
f = loop.create_task(b.wait()); once(loop)
s = loop.create_task(b.wait())
for i in range(3): once(loop); print("last", i+1, f.done(), s.done())

# TasksArrivingWhileDrainingWaitForTheNextRound
loop = new(); b = asyncio.Barrier(2); log = []
async def party(name):
    await b.wait(); log.append(name)
loop.create_task(party("a")); once(loop)
loop.create_task(party("b")); loop.create_task(party("c"))
for i in range(3): once(loop); print("drain", i+1, log, b.n_waiting)
loop.create_task(party("d"))
for i in range(3): once(loop); print("drain-d", i+1, log)

# CancellingOneWaiterLeavesTheOthersWaiting
loop = new(); b = asyncio.Barrier(3)
a = loop.create_task(b.wait()); bb = loop.create_task(b.wait()); once(loop); print("cancel1", b.n_waiting)
a.cancel()
for i in range(2): once(loop); print("cancel2", i+1, a.cancelled(), b.n_waiting, b.broken)
c = loop.create_task(b.wait()); d = loop.create_task(b.wait())
for i in range(3): once(loop); print("cancel3", i+1, bb.done(), c.done(), d.done())

# TasksWaitingAgainAfterAResetPass
loop = new(); b = asyncio.Barrier(3); results = []
async def party2():
    try:
        await b.wait(); results.append("passed")
    except asyncio.BrokenBarrierError:
        results.append("broken")
        await b.wait(); results.append("passed after reset")
ts = [loop.create_task(party2()) for _ in range(2)]
once(loop)
loop.run_until_complete(b.reset())
for i in range(3): once(loop); print("reset", i+1, results, repr(b))
loop.create_task(party2())
for i in range(4): once(loop); print("reset2", i+1, results, [t.done() for t in ts])

# Repr
loop = new(); b = asyncio.Barrier(5)
async def w(): await b.wait()
loop.create_task(w()); loop.create_task(w()); once(loop); print("repr1", repr(b))
loop.run_until_complete(b.abort())
for i in range(2): once(loop); print("repr2", i+1, repr(b))

# NWaitingIsZeroWhileDraining
loop = new(); b = asyncio.Barrier(2); seen = []
async def pw():
    await b.wait(); seen.append(repr(b).split(" [")[1])
ta = loop.create_task(pw()); tb = loop.create_task(pw())
for i in range(2): once(loop); print("nwait", i+1, ta.done(), tb.done(), seen, repr(b).split(" [")[1])

# CancelledWaiterDoesNotCountTowardsTheNextTrip
loop = new(); b = asyncio.Barrier(2)
a = loop.create_task(b.wait()); once(loop); a.cancel(); once(loop); print("cw1", b.n_waiting)
bt = loop.create_task(b.wait()); once(loop); print("cw2", bt.done())
ct = loop.create_task(b.wait())
for i in range(2): once(loop); print("cw3", i+1, bt.done(), ct.done())
