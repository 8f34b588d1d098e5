using Tachyon.Engine.Binding;
using Tachyon.Engine.Boundary;
using Tachyon.Engine.Serialization;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Runs <c>async def</c> handlers' first steps on the thread Kestrel called the app on (with inline socket
/// completions, an epoll thread) while the loop waits in epoll: no wake-up of the loop, no thread hand-off,
/// and the response is written right here, as a pure ASP.NET app would.
/// Requests go into the loop lane's queue; the request thread that gets through the <see cref="LoopGate"/>
/// drains it, so a second epoll thread never blocks on the GIL: it leaves its request to the holder (which
/// looks at the queue again after leaving) and goes back to its sockets. When the loop holds the gate, it
/// is woken to drain the queue itself, as before. A coroutine that suspends continues as a Task on the loop.
/// Routes whose coroutines usually suspend on their first step (they await real I/O or a timer) go to the
/// loop lane instead: stepping them here gains nothing (the loop must wake for them anyway) and costs
/// contention for the gate; one request in <see cref="ProbeEvery"/> still tries, in case they changed.
/// <c>def</c> handlers never run here: one that blocks would stall every connection of this epoll thread.
/// </summary>
internal static unsafe class InlineSteps
{
    // Thread states created for threads Python does not know (transport and pool threads), which live as
    // long as the process; beyond this many, requests on further threads take the loop lane.
    const int MaxForeignThreads = 16;
    // Per hold of the gate, and holds per request: the holder must get back to its own sockets.
    const int MaxDrain = 64, MaxRounds = 2;
    // A route goes to the loop lane at this many more suspending than finishing first steps (the score
    // saturates there, so one finishing probe brings it back).
    const int SuspendingRoute = 8, ProbeEvery = 64;

    static nint _setRunningLoop, _loop, _ready, _scheduled;   // owned, for the life of the process
    static volatile bool _enabled;
    static int _foreignThreads;
    [ThreadStatic] static nint _threadState;
    [ThreadStatic] static bool _refused;

    /// <summary>GIL held. <paramref name="objects"/>: (asyncio's _set_running_loop, the loop, loop._ready, loop._scheduled).</summary>
    public static void Attach(nint objects)
    {
        var items = CPython.TupleItems(objects, "set_running_loop", "loop", "ready", "scheduled");
        (_setRunningLoop, _loop, _ready, _scheduled) = (items[0], items[1], items[2], items[3]);
        _enabled = true;
    }

    public static void Disable() => _enabled = false;

    /// <summary>
    /// Runs the request (and others queued meanwhile) here if the gate is open, else leaves it to whoever
    /// holds the gate. Returns its response when this thread ran it to the end; null: await its Completion.
    /// </summary>
    public static ResponseData? Run(WorkItem item)
    {
        var loopLane = LaneSet.Loop;
        // A sync lane holding the GIL would block this thread: leave the request to the loop then, too.
        if (!_enabled || LaneSet.Sync.IsDraining || !Suits(item.Plan))
        {
            loopLane.Enqueue(item);
            return null;
        }
        loopLane.EnqueueQuietly(item);
        ResponseData? response = null;
        for (int round = 0; round < MaxRounds && !loopLane.IsEmpty; round++)
        {
            var entry = LoopGate.TryEnter();
            if (entry == LoopGate.Entry.HeldInline) return response;   // the holder looks at the queue after it leaves
            if (entry == LoopGate.Entry.HeldByLoop) break;
            nint threadState = ThreadStateOfThisThread();
            if (threadState == 0)
            {
                LoopGate.Leave();
                break;
            }
            var ran = DrainWithGil(threadState, item);
            response ??= ran;
            CompletionBatch.Current.CompleteInline();   // the other requests this thread answered
        }
        if (!loopLane.IsEmpty) loopLane.Nudge();   // left over: the loop drains it
        return response;
    }

    /// <summary>Inside the gate: takes the GIL, drains queued requests, leaves the gate and releases the GIL.</summary>
    static ResponseData? DrainWithGil(nint threadState, WorkItem own)
    {
        ResponseData? response = null;
        bool wakeLoop;
        CPython.EvalRestoreThread(threadState);
        try
        {
            nint timers = CPython.ObjectSize(_scheduled);
            for (int n = 0; n < MaxDrain && !LoopGate.LoopWaiting && LaneSet.Loop.TryDequeue(out var next); n++)
            {
                Interlocked.Increment(ref EngineStats.InlineSteps);
                var ran = Dispatcher.RunHere(next);
                Record(next.Plan, suspended: ran == null);
                if (next == own) response = ran;
                else if (ran != null) CompletionBatch.Current.Add(next, ran);
            }
            // The loop sleeps in epoll and knows nothing of callbacks or timers these steps added (a suspended
            // coroutine's Task, a fire-and-forget task, a timeout): they need one wake-up.
            wakeLoop = CPython.ObjectSize(_ready) > 0 || CPython.ObjectSize(_scheduled) != timers;
        }
        finally
        {
            LoopGate.Leave();
            CPython.EvalSaveThread();
        }
        if (wakeLoop) LaneSet.Loop.Nudge();
        return response;
    }

    static bool Suits(DispatchPlan plan)
    {
        if (plan.InlineSuspendScore < SuspendingRoute) return true;
        return ++plan.InlineSkipped % ProbeEvery == 0;
    }

    static void Record(DispatchPlan plan, bool suspended) =>
        plan.InlineSuspendScore = suspended
            ? Math.Min(plan.InlineSuspendScore + 1, SuspendingRoute)
            : Math.Max(plan.InlineSuspendScore - 1, 0);

    static void SetRunningLoop(nint loop)
    {
        nint done = CPython.CallOneArg(_setRunningLoop, loop);
        if (done != 0) CPython.DecRef(done);
        else CPython.ErrPrintEx(0);
    }

    /// <summary>
    /// The thread state this thread takes the GIL with, made on its first inline step; 0 for a Python thread
    /// (a lane: its handlers must not see the loop as running) and once the cap is reached.
    /// </summary>
    static nint ThreadStateOfThisThread()
    {
        if (_threadState != 0 || _refused) return _threadState;
        if (CPython.GilStateGetThisThreadState() != 0 || Interlocked.Increment(ref _foreignThreads) > MaxForeignThreads)
        {
            _refused = true;
            return 0;
        }
        nint threadState = CPython.ThreadStateNew(CPython.InterpreterStateMain());
        // asyncio's running loop is per thread, and setting it costs a getpid() system call: set it once,
        // for good. Only inline steps run Python on this thread, and for them the engine's loop is running.
        CPython.EvalRestoreThread(threadState);
        SetRunningLoop(_loop);
        CPython.EvalSaveThread();
        return _threadState = threadState;
    }
}
