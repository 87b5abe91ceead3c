#!/usr/bin/env python3
"""The AsyncioGen benchmark workloads in CPython asyncio (standard library only).

Prints one JSON object per workload: {"workload": ..., "ops": N, "seconds": best, "ops_per_sec": ...}.
The workload names match the .NET benchmarks' descriptions (the part before the colon).
Usage: python3 asyncio_bench.py [--quick]
"""
import asyncio
import json
import sys
import threading
import time

QUICK = "--quick" in sys.argv
REPEAT = 3 if QUICK else 7


def best_of(fn, ops):
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return {"ops": ops, "seconds": best, "ops_per_sec": ops / best}


def call_soon():
    n = 1_000_000
    loop = asyncio.new_event_loop()
    counter = [0]

    def inc(c):
        c[0] += 1

    def run():
        for _ in range(n):
            loop.call_soon(inc, counter)
        loop.call_soon(loop.stop)
        loop.run_forever()

    try:
        return best_of(run, n)
    finally:
        loop.close()


def round_trip():
    n = 200_000
    loop = asyncio.new_event_loop()

    async def main():
        total = 0
        for _ in range(n):
            fut = loop.create_future()
            loop.call_soon(fut.set_result, 1)
            total += await fut
        return total

    try:
        return best_of(lambda: loop.run_until_complete(main()), n)
    finally:
        loop.close()


def done_callbacks():
    futures, per = 200_000, 4
    loop = asyncio.new_event_loop()
    counter = [0]

    def cb(_fut):
        counter[0] += 1

    def run():
        for i in range(futures):
            fut = loop.create_future()
            for _ in range(per):
                fut.add_done_callback(cb)
            fut.set_result(i)
        loop.call_soon(loop.stop)
        loop.run_forever()

    try:
        return best_of(run, futures * per)
    finally:
        loop.close()


def task_spawn():
    n = 100_000
    loop = asyncio.new_event_loop()

    async def trivial(i):
        return i

    async def main():
        return await asyncio.gather(*(trivial(i) for i in range(n)))

    try:
        return best_of(lambda: loop.run_until_complete(main()), n)
    finally:
        loop.close()


def ping_pong():
    n = 200_000
    loop = asyncio.new_event_loop()

    async def main():
        chan = {"to_pong": loop.create_future(), "to_ping": None}

        async def pong():
            while True:
                value = await chan["to_pong"]
                if value < 0:
                    return
                chan["to_pong"] = loop.create_future()
                chan["to_ping"].set_result(value)

        p = loop.create_task(pong())
        last = 0
        for i in range(n):
            chan["to_ping"] = loop.create_future()
            chan["to_pong"].set_result(i)
            last = await chan["to_ping"]
        chan["to_pong"].set_result(-1)
        await p
        return last

    try:
        return best_of(lambda: loop.run_until_complete(main()), n)
    finally:
        loop.close()


def cancel_storm():
    n = 100_000
    loop = asyncio.new_event_loop()

    async def waiter(fut):
        await fut

    async def main():
        blocker = loop.create_future()
        tasks = [loop.create_task(waiter(blocker)) for _ in range(n)]
        await asyncio.sleep(0)
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    try:
        return best_of(lambda: loop.run_until_complete(main()), n)
    finally:
        loop.close()


def call_soon_threadsafe():
    producers, per = 4, 250_000
    total = producers * per
    loop = asyncio.new_event_loop()

    def run():
        counter = [0]

        def inc():
            counter[0] += 1
            if counter[0] == total:
                loop.stop()

        def produce():
            for _ in range(per):
                loop.call_soon_threadsafe(inc)

        threads = [threading.Thread(target=produce) for _ in range(producers)]
        for t in threads:
            t.start()
        loop.run_forever()
        for t in threads:
            t.join()

    try:
        return best_of(run, total)
    finally:
        loop.close()


def queue_producer_consumer():
    n = 1_000_000
    consumers = 4
    loop = asyncio.new_event_loop()

    async def consume(queue):
        total = 0
        while True:
            item = await queue.get()
            queue.task_done()
            if item < 0:
                return total
            total += item

    async def main():
        queue = asyncio.Queue(16)
        tasks = [loop.create_task(consume(queue)) for _ in range(consumers)]
        for i in range(n):
            await queue.put(i)
        for _ in range(consumers):
            await queue.put(-1)
        return sum([await t for t in tasks])

    try:
        return best_of(lambda: loop.run_until_complete(main()), n)
    finally:
        loop.close()


def semaphore_fan_out():
    n = 10_000
    loop = asyncio.new_event_loop()

    async def limited(sem, i):
        async with sem:
            await asyncio.sleep(0)
            return i

    async def main():
        sem = asyncio.Semaphore(100)
        return len(await asyncio.gather(*(limited(sem, i) for i in range(n))))

    try:
        return best_of(lambda: loop.run_until_complete(main()), n)
    finally:
        loop.close()


def nested_calls():
    n = 200_000
    loop = asyncio.new_event_loop()

    async def pure(x):
        return x + 1

    async def waiting(x):
        fut = loop.create_future()
        loop.call_soon(fut.set_result, 1)
        return x + await fut

    async def outer(x):
        x = await pure(x)
        x = await pure(x)
        x = await pure(x)
        return await waiting(x)

    async def main():
        total = 0
        for i in range(n):
            total += await outer(i)
        return total

    try:
        return best_of(lambda: loop.run_until_complete(main()), n)
    finally:
        loop.close()


WORKLOADS = {
    "call_soon": call_soon,
    "round trip": round_trip,
    "done callbacks": done_callbacks,
    "task spawn": task_spawn,
    "ping-pong": ping_pong,
    "cancel storm": cancel_storm,
    "threadsafe": call_soon_threadsafe,
    "queue producer/consumer": queue_producer_consumer,
    "semaphore-limited fan-out": semaphore_fan_out,
    "nested coroutine calls": nested_calls,
}

# Streams: the TCP echo workloads live in their own script (sockets, not just the loop).
from asyncio_echo_bench import ECHO_WORKLOADS  # noqa: E402

WORKLOADS.update(ECHO_WORKLOADS)

if __name__ == "__main__":
    for name, fn in WORKLOADS.items():
        result = fn()
        result["workload"] = name
        print(json.dumps(result), flush=True)
