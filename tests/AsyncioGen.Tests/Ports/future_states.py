# A future's life: states, reprs, results, exceptions, cancellation messages, InvalidStateError, callbacks.
import asyncio

class BoomError(Exception):
    pass

def show(label, fut):
    print(f"{label}: {fut!r} done={fut.done()} cancelled={fut.cancelled()}")

async def main():
    loop = asyncio.get_running_loop()

    fut = loop.create_future()
    show("new", fut)
    try:
        fut.result()
    except asyncio.InvalidStateError:
        print("result() of a pending future: InvalidStateError")
    fut.set_result(42)
    show("set", fut)
    print(f"result={fut.result()} exception={fut.exception()}")
    try:
        fut.set_result(43)
    except asyncio.InvalidStateError:
        print("second set_result: InvalidStateError")
    print(f"cancel() of a done future returns {fut.cancel()}")

    failed = loop.create_future()
    failed.set_exception(BoomError("boom"))
    show("failed", failed)
    try:
        await failed
    except BoomError as e:
        print(f"await raised {type(e).__name__}: {e}")
    print(f"exception() is the same object: {failed.exception() is failed.exception()}")

    cancelled = loop.create_future()
    cancelled.add_done_callback(lambda f: print(f"callback saw cancelled={f.cancelled()}"))
    print(f"cancel() returns {cancelled.cancel('no longer needed')}")
    show("cancelled", cancelled)
    try:
        cancelled.result()
    except asyncio.CancelledError as e:
        print(f"result() raised CancelledError: {e}")
    print("before the callback ran")
    await asyncio.sleep(0)
    print("after one iteration")

    counted = loop.create_future()
    def cb(f):
        print("cb ran")
    counted.add_done_callback(cb)
    counted.add_done_callback(cb)
    counted.add_done_callback(lambda f: print("other ran"))
    print(f"remove_done_callback removed {counted.remove_done_callback(cb)}")
    counted.set_result(None)
    await asyncio.sleep(0)

asyncio.run(main())
