# The asyncio documentation's Queue example (docs.python.org/3/library/asyncio-queue.html#examples),
# made deterministic so its output can be compared line by line with the C# port (DocsQueueExampleTests):
#  - random.seed(2026) fixes the 20 sleep times (the C# port has the same values as literals);
#  - the loop runs on virtual time (an idle loop jumps its clock to the next timer, as AsyncioGen's
#    TestEventLoop does), and the elapsed time is read from loop.time() instead of time.monotonic().
# Everything else is the documentation's code. Regenerate the expected output with:
#   python3 docs_queue_example.py > docs_queue_example.expected.txt
import asyncio
import random


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._now = 0.0
        real_select = self._selector.select

        def select(timeout=None):
            if timeout:
                self._now += timeout
            return real_select(0)

        self._selector.select = select

    def time(self):
        return self._now


async def worker(name, queue):
    while True:
        # Get a "work item" out of the queue.
        sleep_for = await queue.get()

        # Sleep for the "sleep_for" seconds.
        await asyncio.sleep(sleep_for)

        # Notify the queue that the "work item" has been processed.
        queue.task_done()

        print(f'{name} has slept for {sleep_for:.2f} seconds')


async def main():
    # Create a queue that we will use to store our "workload".
    queue = asyncio.Queue()

    # Generate random timings and put them into the queue.
    total_sleep_time = 0
    for _ in range(20):
        sleep_for = random.uniform(0.05, 1.0)
        total_sleep_time += sleep_for
        queue.put_nowait(sleep_for)

    # Create three worker tasks to process the queue concurrently.
    tasks = []
    for i in range(3):
        task = asyncio.create_task(worker(f'worker-{i}', queue))
        tasks.append(task)

    # Wait until the queue is fully processed.
    started_at = asyncio.get_running_loop().time()
    await queue.join()
    total_slept_for = asyncio.get_running_loop().time() - started_at

    # Cancel our worker tasks.
    for task in tasks:
        task.cancel()
    # Wait until all worker tasks are cancelled.
    await asyncio.gather(*tasks, return_exceptions=True)

    print('====')
    print(f'3 workers slept in parallel for {total_slept_for:.2f} seconds')
    print(f'total expected sleep time: {total_sleep_time:.2f} seconds')


random.seed(2026)
with asyncio.Runner(loop_factory=VirtualTimeLoop) as runner:
    runner.run(main())
