// HelloFuture: the asyncio Futures page's example, in C#.
//
//   async def set_after(fut, delay, value):
//       await asyncio.sleep(delay)
//       fut.set_result(value)
//
//   async def main():
//       loop = asyncio.get_running_loop()
//       fut = loop.create_future()
//       loop.create_task(set_after(fut, 1, '... world'))
//       print('hello ...')
//       print(await fut)
//
//   asyncio.run(main())
using System;
using System.Threading;
using AsyncioGen;

Asyncio.Run(MainAsync());
Asyncio.Run(CancellationAndErrorsAsync());

static async FutureTask SetAfterAsync(Future<string> future, double delay, string value)
{
    await Asyncio.Sleep(delay);
    // The Futures page's advice (and analyzer AIO004's): the future may have been cancelled meanwhile.
    if (!future.IsCancelled)
    {
        future.SetResult(value);
    }
}

static async FutureTask MainAsync()
{
    EventLoop loop = Asyncio.GetRunningLoop();
    Future<string> future = loop.CreateFuture<string>();

    // Keep the task: a dropped task's failure would go unnoticed (analyzer AIO006).
    FutureTask setter = loop.CreateTask(SetAfterAsync(future, 1, "... world"));

    Console.WriteLine("hello ...");
    Console.WriteLine(await future);
    await setter;
}

// Part two: cancellation is a request delivered at an await, and the loop reports what nobody handled.
static async FutureTask CancellationAndErrorsAsync()
{
    EventLoop loop = Asyncio.GetRunningLoop();
    loop.SetExceptionHandler((_, context) =>
        Console.WriteLine($"exception handler: {context.Message}: {context.Exception?.GetType().Name}: {context.Exception?.Message}"));

    FutureTask<string> worker = loop.CreateTask(WorkerAsync(), name: "worker");
    await Asyncio.Sleep(0.05);
    Console.WriteLine($"before cancel: {worker}");
    worker.Cancel("shutting down");
    try
    {
        await worker;
    }
    catch (CancelledError error)
    {
        Console.WriteLine($"worker cancelled with message '{error.Message}'; IsCancelled={worker.IsCancelled}");
    }

    // A callback that throws does not stop the loop: the exception goes to the handler.
    loop.CallSoon(() => throw new InvalidOperationException("a callback failed"));
    await Asyncio.Sleep(0);
    Console.WriteLine("the loop goes on");
}

static async FutureTask<string> WorkerAsync()
{
    try
    {
        await Asyncio.Sleep(3600);
        return "finished";
    }
    finally
    {
        Console.WriteLine("worker: cleaning up after the cancel request");
    }
}
