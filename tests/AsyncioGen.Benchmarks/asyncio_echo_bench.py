#!/usr/bin/env python3
"""The "tcp echo" workloads in CPython asyncio streams (standard library only), as TcpEchoBenchmarks.cs runs them:
an echo server and its clients on one event loop over 127.0.0.1, 64-byte messages, each client writing, draining
and reading the echo back with readexactly. One operation is one round trip.

Imported by asyncio_bench.py (its WORKLOADS); run alone it prints the same JSON lines.
Usage: python3 asyncio_echo_bench.py [--quick]
"""
import asyncio
import json
import sys
import time

QUICK = "--quick" in sys.argv
REPEAT = 3 if QUICK else 7
MESSAGE = bytes(range(64))

# Scaled down from the 1 x 100k and 100 x 10k so that one BenchmarkDotNet invocation stays short on 2 cores;
# the figures are per round trip either way. Keep in step with TcpEchoBenchmarks.cs.
WORKLOAD_SHAPES = {
    "tcp echo, 1 connection": (1, 20_000),
    "tcp echo, 100 connections": (100, 1_000),
}


async def echo_handler(reader, writer):
    while True:
        data = await reader.read(4096)
        if not data:
            break
        writer.write(data)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, round_trips):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(round_trips):
        writer.write(MESSAGE)
        await writer.drain()
        if await reader.readexactly(len(MESSAGE)) != MESSAGE:
            raise RuntimeError("the echo differs from the message")
    writer.close()
    await writer.wait_closed()


def echo(connections, round_trips):
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(asyncio.start_server(echo_handler, "127.0.0.1", 0))
    port = server.sockets[0].getsockname()[1]

    async def run():
        await asyncio.gather(*(client(port, round_trips) for _ in range(connections)))

    try:
        best = float("inf")
        for _ in range(REPEAT):
            start = time.perf_counter()
            loop.run_until_complete(run())
            best = min(best, time.perf_counter() - start)
        ops = connections * round_trips
        return {"ops": ops, "seconds": best, "ops_per_sec": ops / best}
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()


ECHO_WORKLOADS = {name: (lambda shape=shape: echo(*shape)) for name, shape in WORKLOAD_SHAPES.items()}

if __name__ == "__main__":
    for name, fn in ECHO_WORKLOADS.items():
        result = fn()
        result["workload"] = name
        print(json.dumps(result), flush=True)
