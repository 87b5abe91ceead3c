using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace AsyncioGen;

/// <summary>Names, reprs and stacks of tasks, worked out from the compiler's state machine types.</summary>
internal static class TaskIntrospection
{
    /// <summary><c>Program.FetchAsync()</c> for the state machine <c>Program+&lt;FetchAsync&gt;d__3</c>.</summary>
    public static string CoroutineName(Type stateMachineType) =>
        CallbackFormatter.QualifiedName(stateMachineType.DeclaringType, stateMachineType.Name) + "()";

    /// <summary>The async method whose body the state machine holds.</summary>
    public static MethodBase? KickoffMethod(Type stateMachineType)
    {
        Type? owner = stateMachineType.DeclaringType;
        if (owner is null)
        {
            return null;
        }
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (MethodInfo method in owner.GetMethods(all))
        {
            var attribute = method.GetCustomAttribute<AsyncStateMachineAttribute>();
            Type? declared = attribute?.StateMachineType;
            if (declared is not null && (declared == stateMachineType || (declared.IsGenericTypeDefinition && stateMachineType.IsGenericType && stateMachineType.GetGenericTypeDefinition() == declared)))
            {
                return method;
            }
        }
        return null;
    }

    public static IReadOnlyList<TaskStackFrame> GetStack(Future task, int? limit)
    {
        if (!task.IsDone)
        {
            // The task's coroutine, then each coroutine it runs inline, down to the innermost (where
            // it is suspended, and where a cancellation is delivered). A limit keeps the oldest.
            var suspended = new List<TaskStackFrame>();
            Future root = FutureTaskMachinery.RootOf(task);
            // Inline frames link outwards (each to the frame awaiting it); the task links to the innermost.
            for (Future? frame = FutureTaskMachinery.CoreOf(root).InlineLink; frame is not null && !ReferenceEquals(frame, root); frame = FutureTaskMachinery.CoreOf(frame).InlineLink)
            {
                suspended.Add(FrameOf(frame));
                if (ReferenceEquals(frame, task))
                {
                    break; // an inline frame's own stack starts at it
                }
            }
            if (ReferenceEquals(root, task))
            {
                suspended.Add(FrameOf(root));
            }
            suspended.Reverse();
            if (limit is { } count && count < suspended.Count)
            {
                suspended.RemoveRange(Math.Max(0, count), suspended.Count - Math.Max(0, count));
            }
            return suspended;
        }
        if (task.IsCancelled)
        {
            return Array.Empty<TaskStackFrame>();
        }
        Exception? error = task.ErrorForIntrospection;
        if (error is null)
        {
            return Array.Empty<TaskStackFrame>();
        }
        // A traceback: oldest frame first, and a limit keeps the oldest frames (as Python's traceback module).
        StackFrame[] frames = new StackTrace(error, fNeedFileInfo: true).GetFrames();
        IEnumerable<TaskStackFrame> traceback = frames
            .AsEnumerable().Reverse()
            .Where(frame => frame.GetMethod() is not null)
            .Select(frame =>
            {
                MethodBase method = frame.GetMethod()!;
                string typeName = method.DeclaringType is null ? "" : CallbackFormatter.TypeName(method.DeclaringType) + ".";
                return new TaskStackFrame(typeName + method.Name, frame.GetFileName(), frame.GetFileLineNumber()) { MethodBase = method };
            });
        if (limit is { } max)
        {
            traceback = traceback.Take(Math.Max(0, max));
        }
        return traceback.ToArray();
    }

    private static TaskStackFrame FrameOf(Future frame)
    {
        Type type = Unsafe.As<ICoroutineBox>(frame).StateMachineType;
        string name = CoroutineName(type);
        return new TaskStackFrame(name.Substring(0, name.Length - 2), null, 0) { MethodBase = KickoffMethod(type) };
    }

    public static void PrintStack(Future task, int? limit, TextWriter? file)
    {
        file ??= Console.Error;
        IReadOnlyList<TaskStackFrame> frames = GetStack(task, limit);
        Exception? error = task.IsDone && !task.IsCancelled ? task.ErrorForIntrospection : null;
        if (frames.Count == 0)
        {
            file.WriteLine("No stack for " + task);
        }
        else if (error is not null)
        {
            file.WriteLine("Traceback for " + task + " (most recent call last):");
        }
        else
        {
            file.WriteLine("Stack for " + task + " (most recent call last):");
        }
        foreach (TaskStackFrame frame in frames)
        {
            file.WriteLine("  " + frame);
        }
        if (error is not null)
        {
            file.WriteLine(error.GetType().Name + ": " + error.Message);
        }
    }

    /// <summary>asyncio's task repr: state, name, coro, wait_for, then the future's result and callbacks.</summary>
    public static void AppendTaskRepr(Future task, List<string> info)
    {
        ref FutureTaskCore core = ref FutureTaskMachinery.CoreOf(task);
        if (!task.IsDone && core.CancelRequests > 0)
        {
            info[0] = "cancelling";
        }
        info.Insert(1, "name='" + FutureTaskMachinery.GetName(task) + "'");
        int at = 2;
        var box = (ICoroutineBox)task;
        info.Insert(at++, "coro=<" + CoroutineName(box.StateMachineType) + (task.IsDone ? " done" : " running") + ">");
        if (core.Waiter is { } waiter && !task.IsDone && !t_describingWaiter)
        {
            info.Insert(at, "wait_for=" + DescribeWaiter(waiter));
        }
    }

    // Set while a task's waiter is described: a task shown as a waiter shows no waiter of its own, so
    // the repr stays one level deep, also through a chain or a cycle of tasks awaiting each other.
    [ThreadStatic] private static bool t_describingWaiter;

    private static string DescribeWaiter(Future waiter)
    {
        t_describingWaiter = true;
        try
        {
            return waiter.ToString();
        }
        finally
        {
            t_describingWaiter = false;
        }
    }
}
