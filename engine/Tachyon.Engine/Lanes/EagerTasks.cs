using System.Runtime.InteropServices;
using Tachyon.Engine.Boundary;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Starts a handler's coroutine as an asyncio Task whose first step runs right now: what Python 3.12's
/// eager tasks do, done by hand for 3.11. Most handlers finish in that step and never need the loop; it
/// still runs inside a real Task (the one that goes on if the coroutine suspends), because FastAPI runs
/// every endpoint in its request's task and code relies on it: asyncio.current_task(), asyncio.timeout(),
/// TaskGroup, anyio cancel scopes (so httpx's AsyncClient).
/// asyncio.Task() schedules its first step with loop.call_soon, looked up on the loop object: an instance
/// attribute shadows that method for the one call, with a native function that keeps the step, which
/// then runs here. (Scheduling it and taking it back out of the ready queue costs a Handle and several
/// Python frames, microseconds per request.) GIL held, and only where loop code may run now: the loop's
/// thread, or an inline step inside the LoopGate.
/// </summary>
internal static unsafe class EagerTasks
{
    // Owned, for the life of the process.
    static nint _loop, _taskType, _takeStep, _kwnames;
    static nint _callSoon, _done, _result;
    [ThreadStatic] static nint _step;

    /// <summary>GIL held. <paramref name="objects"/>: (the engine's loop, asyncio.Task, asyncio's set of all tasks).</summary>
    public static void Attach(nint objects)
    {
        var items = CPython.TupleItems(objects, "loop", "Task", "all_tasks");
        (_loop, _taskType) = (items[0], items[1]);
        TaskRegistry.Attach(items[2]);
        CPython.DecRef(items[2]);
        _kwnames = CPython.TupleNew(2);
        CPython.TupleSetItem(_kwnames, 0, CPython.InternedStr("loop"));
        CPython.TupleSetItem(_kwnames, 1, CPython.InternedStr("context"));
        (_callSoon, _done, _result) = (CPython.InternedStr("call_soon"), CPython.InternedStr("done"), CPython.InternedStr("result"));
        _takeStep = CPython.NewFunction("take_first_step",
            (nint)(delegate* unmanaged<nint, nint*, nint, nint, nint>)&TakeStep, CPython.MethFastcallKeywords);
    }

    /// <summary>
    /// The task of <paramref name="coroutine"/> (borrowed) after its first step; 0 with a Python error set.
    /// <paramref name="context"/>: the request's context, which the caller has entered (the step runs in it
    /// as it is), or 0 for a copy of the current context, entered around the step.
    /// </summary>
    public static nint Start(nint coroutine, nint context)
    {
        nint taskContext = context != 0 ? context : CPython.ContextCopyCurrent();
        if (taskContext == 0) return 0;
        nint task = NewTask(coroutine, taskContext, out nint step);
        if (task != 0 && !RunStep(step, context == 0 ? taskContext : 0))
        {
            CPython.DecRef(task);
            task = 0;
        }
        if (step != 0) CPython.DecRef(step);
        if (context == 0) CPython.DecRef(taskContext);
        return task;
    }

    /// <summary>1 if the task finished, 0 if it is pending, -1 with a Python error set.</summary>
    public static int IsDone(nint task) => Truth(CallMethod(task, _done));

    /// <summary>A finished task's result (owned), or 0 and its exception (owned) in <paramref name="error"/>:
    /// task.result() raises it, CancelledError for a cancelled task, and marks it retrieved.</summary>
    public static nint Outcome(nint task, out nint error)
    {
        nint result = CallMethod(task, _result);
        error = result == 0 ? CPython.FetchException() : 0;
        return result;
    }

    static nint NewTask(nint coroutine, nint context, out nint step)
    {
        _step = 0;
        if (CPython.ObjectSetAttr(_loop, _callSoon, _takeStep) != 0)
        {
            step = 0;
            return 0;
        }
        nint* args = stackalloc nint[4];
        args[1] = coroutine; args[2] = _loop; args[3] = context;
        nint task = CPython.Vectorcall(_taskType, args + 1, 1 | Dispatcher.ArgumentsOffset, _kwnames);
        step = _step;
        _step = 0;
        if (CPython.ObjectSetAttr(_loop, _callSoon, 0) != 0 && task != 0)   // back to the method
        {
            CPython.DecRef(task);
            return 0;
        }
        if (task != 0 && step == 0)
        {
            CPython.DecRef(task);
            CPython.SetError("asyncio.Task() did not schedule its first step");
            return 0;
        }
        return task;
    }

    /// <summary>Runs the step (entering <paramref name="enter"/> around it unless 0); false with a Python error set.</summary>
    static bool RunStep(nint step, nint enter)
    {
        if (enter != 0 && CPython.ContextEnter(enter) != 0) return false;
        nint done = CPython.CallNoArgs(step);   // a Task step handles the coroutine's own exceptions
        if (enter != 0 && CPython.ContextExit(enter) != 0)
        {
            if (done != 0) CPython.DecRef(done);
            return false;
        }
        if (done == 0) return false;
        CPython.DecRef(done);
        return true;
    }

    /// <summary>The loop.call_soon stand-in while a task is made: call_soon(step, *, context) keeps the step.</summary>
    [UnmanagedCallersOnly]
    static nint TakeStep(nint self, nint* args, nint nargsf, nint kwnames)
    {
        nint nargs = nargsf & ~(nint)Dispatcher.ArgumentsOffset;
        if (nargs < 1 || _step != 0)
        {
            CPython.SetError("unexpected call_soon while an eager task is made");
            return 0;
        }
        _step = CPython.NewRef(args[0]);
        return CPython.NewRef(CPython.None);
    }

    static nint CallMethod(nint target, nint name)
    {
        nint* args = stackalloc nint[2];
        args[1] = target;
        return CPython.VectorcallMethod(name, args + 1, 1 | Dispatcher.ArgumentsOffset, 0);
    }

    /// <summary>Consumes <paramref name="value"/>: 1 true, 0 false, -1 when it is 0 (a Python error is set).</summary>
    static int Truth(nint value)
    {
        if (value == 0) return -1;
        int truth = CPython.ObjectIsTrue(value);
        CPython.DecRef(value);
        return truth;
    }
}
