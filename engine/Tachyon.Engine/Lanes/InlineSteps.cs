using Tachyon.Engine.Binding;
using Tachyon.Engine.Boundary;
using Tachyon.Engine.Serialization;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Opt-in (TACHYON_INLINE_ASYNC=1): runs <c>async def</c> handlers' first steps on the thread Kestrel called the
/// app on (with inline socket completions, an epoll thread) while the loop waits in epoll: no wake-up of the loop,
/// no thread hand-off, and the response is written right here, as a pure ASP.NET app would. The price is that an
/// app's async code runs on more than one thread, where FastAPI runs it all on the loop's: a sqlite3 connection
/// (check_same_thread) or a threading.local its lifespan or a dependency made breaks.
/// Requests go into the loop lane's queue; the request thread that gets through the <see cref="LoopGate"/>
/// drains it, so a second epoll thread never blocks on the GIL: it leaves its request to the holder (which
/// looks at the queue again after leaving) and goes back to its sockets. When the loop holds the gate, it
/// is woken to drain the queue itself, as before. A coroutine that suspends continues as a Task on the loop.
/// Routes whose coroutines usually suspend on their first step (they await real I/O or a timer) go to the
/// loop lane instead: stepping them here gains nothing (the loop must wake for them anyway) and costs
/// contention for the gate; one request in <see cref="ProbeEvery"/> still tries, in case they changed.
/// <c>def</c> handlers never run in this gate (one that blocks would hold up the loop): see <see cref="InlineCalls"/>.
/// </summary>
internal static unsafe class InlineSteps
{
    // Per hold of the gate, and holds per request: the holder must get back to its own sockets.
    const int MaxDrain = 64, MaxRounds = 2;
    // A route goes to the loop lane at this many more suspending than finishing first steps (the score
    // saturates there, so one finishing probe brings it back).
    const int SuspendingRoute = 8, ProbeEvery = 64;

    static nint _ready, _scheduled;   // owned, for the life of the process
    static volatile bool _enabled;
    static bool _stepsAsync;

    /// <summary>GIL held. <paramref name="objects"/>: (what a request thread calls when its kind of work changes (see
    /// <see cref="RequestThreads"/>), the loop, loop._ready, loop._scheduled, whether async handlers step here).
    /// Without the last, only def handlers run on request threads (<see cref="InlineCalls"/>), and all async code
    /// runs on the loop's thread, as in FastAPI.</summary>
    public static void Attach(nint objects)
    {
        var items = CPython.TupleItems(objects, "request_thread_runs", "loop", "ready", "scheduled", "steps_async");
        RequestThreads.Attach(items[0], items[1]);
        (_ready, _scheduled) = (items[2], items[3]);
        _stepsAsync = CPython.ObjectIsTrue(items[4]) == 1;
        CPython.DecRef(items[4]);
        _enabled = true;
    }

    public static void Disable() => _enabled = false;

    /// <summary>def handlers may run on request threads (see <see cref="InlineCalls"/>); async ones too if opted in.</summary>
    public static bool Enabled => _enabled;

    /// <summary>
    /// Runs the request (and others queued meanwhile) here if the gate is open, else leaves it to whoever
    /// holds the gate. Returns its response when this thread ran it to the end; null: await its Completion.
    /// </summary>
    public static ResponseData? Run(WorkItem item)
    {
        var loopLane = LaneSet.Loop;
        // A sync lane holding the GIL would block this thread: leave the request to the loop then, too.
        if (!_enabled || !_stepsAsync || LaneSet.Sync.IsDraining || !Suits(item.Plan))
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
            if (!RequestThreads.TryEnter(loopRunning: true))
            {
                LoopGate.Leave();
                break;
            }
            var ran = DrainWithGil(item);
            response ??= ran;
            CompletionBatch.Current.CompleteInline();   // the other requests this thread answered
        }
        if (!loopLane.IsEmpty) loopLane.Nudge();   // left over: the loop drains it
        return response;
    }

    /// <summary>Inside the gate, GIL taken: drains queued requests, leaves the gate and releases the GIL.</summary>
    static ResponseData? DrainWithGil(WorkItem own)
    {
        ResponseData? response = null;
        bool wakeLoop;
        try
        {
            nint timers = CPython.ObjectSize(_scheduled);
            for (int n = 0; n < MaxDrain && !LoopGate.LoopWaiting && LaneSet.Loop.TryDequeue(out var next); n++)
            {
                Interlocked.Increment(ref EngineStats.InlineSteps);
                var ran = Dispatcher.RunHere(next);
                if (next.CallerLoopPort == 0) Record(next.Plan, suspended: ran == null);   // an ASGI call's always goes on elsewhere
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
            RequestThreads.Leave();
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
}
