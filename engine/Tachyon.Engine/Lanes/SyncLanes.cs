using System.Collections.Concurrent;
using System.Diagnostics;
using Tachyon.Engine.Boundary;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// The lanes for plain <c>def</c> handlers: a pool of Python threads sharing one queue. Normally one lane
/// drains everything (no GIL contention). FastAPI runs def handlers in a thread pool so a blocking call
/// does not stall other requests; here a supervisor notices when queued work has made no progress for ten
/// milliseconds (the draining lane is blocked, e.g. in time.sleep with the GIL released) and wakes
/// another lane to carry on. Besides requests, the lanes run the Python calls queued by <see cref="EnqueueCall"/>.
/// </summary>
internal sealed unsafe class SyncLanes
{
    static readonly long Millisecond = Stopwatch.Frequency / 1000;
    // Long enough that a lane merely preempted on a busy machine does not look blocked (waking more
    // lanes then only adds GIL contention); short enough that a blocked handler stalls nobody noticeably.
    static readonly long StallTicks = 10 * Millisecond;

    readonly ConcurrentQueue<WorkItem> _queue = new();
    readonly ConcurrentQueue<nint> _calls = new();   // Python callables, owned references (see EnqueueCall)
    readonly ConcurrentDictionary<nuint, SyncLane> _lanes = new();   // by thread ident
    readonly IdleLanes _idle = new();
    readonly ManualResetEventSlim _supervisorWake = new(false);
    int _active, _waking;
    int _supervisorParked;
    long _lastProgress;
    volatile bool _shutdown;
    Thread? _supervisor;

    /// <summary>A lane holds (or is about to take) the GIL for def handlers.</summary>
    public bool IsDraining => Volatile.Read(ref _active) > 0;

    bool HasWork => !_queue.IsEmpty || !_calls.IsEmpty;

    public void Enqueue(WorkItem item)
    {
        _queue.Enqueue(item);
        Wake();
    }

    /// <summary>
    /// GIL held. Queues a call of <paramref name="callable"/> (borrowed; no arguments) for the lane whose thread is
    /// <paramref name="threadIdent"/> if that lane is not draining, else for whichever lane drains next, before the
    /// requests still queued (most likely that very lane, still draining). So code that must run on the thread
    /// that ran a request does, whenever the thread is free: FastAPI's thread pool, which reuses its most recently
    /// idle worker, does so in practice. Its result is dropped and an exception it lets escape is printed: the
    /// callable reports its own outcome.
    /// </summary>
    public void EnqueueCall(nint callable, nuint threadIdent)
    {
        CPython.IncRef(callable);
        if (_lanes.TryGetValue(threadIdent, out var lane) && lane.TryHand(callable))
        {
            _idle.Wake(lane);
            return;
        }
        _calls.Enqueue(callable);
        Wake();
    }

    void Wake()
    {
        // Wake one lane, once: several woken lanes would only fight over the GIL.
        if (Volatile.Read(ref _active) == 0 && Interlocked.CompareExchange(ref _waking, 1, 0) == 0) _idle.WakeOne();
        if (Volatile.Read(ref _supervisorParked) == 1) _supervisorWake.Set();   // a syscall only when the supervisor sleeps, not per request
        EnsureSupervisor();
    }

    /// <summary>The lane's life: GIL held on entry and on return (at shutdown); released while waiting.</summary>
    public void Run()
    {
        var lane = new SyncLane { ThreadIdent = CPython.ThreadGetIdent() };
        _lanes[lane.ThreadIdent] = lane;
        while (true)
        {
            nint state = CPython.EvalSaveThread();
            bool work;
            try { work = WaitForWork(lane); }
            finally { CPython.EvalRestoreThread(state); }
            if (!work) return;
            Drain(lane);
        }
    }

    /// <summary>
    /// Called by a lane between drains, with the GIL released: it first writes the responses it finished
    /// (no thread hand-off), then parks until there is work. False once the engine shuts down.
    /// </summary>
    bool WaitForWork(SyncLane lane)
    {
        CompletionBatch.Current.CompleteInline();
        if (HasWork && Interlocked.CompareExchange(ref _waking, 1, 0) == 0) return !_shutdown;
        _idle.Park(lane);
        return !_shutdown;
    }

    /// <summary>GIL held. Runs the calls handed to <paramref name="lane"/> and queued work until there is none.</summary>
    void Drain(SyncLane lane)
    {
        lane.StartDrain();
        Interlocked.Increment(ref _active);
        Volatile.Write(ref _waking, 0);
        while (true)
        {
            Interlocked.Increment(ref EngineStats.Drains);
            while (RunNext(lane)) { }
            Interlocked.Decrement(ref _active);
            // An enqueue that saw us active did not wake anyone: look again after stepping down.
            if (!HasWork || _shutdown) break;
            Interlocked.Increment(ref _active);
        }
        lane.EndDrain();
    }

    /// <summary>GIL held. Runs the next piece of work: a call handed to this lane, a call for any lane, a request.</summary>
    bool RunNext(SyncLane lane)
    {
        // Calls first: they are a response's cleanup (closing what a request opened), which a steady stream of
        // requests must not hold back.
        if (lane.TryTakeCall(out nint call) || _calls.TryDequeue(out call))
        {
            Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
            RunCall(call);
            return true;
        }
        if (!_queue.TryDequeue(out var item)) return false;
        Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
        RunWatched(item);
        return true;
    }

    /// <summary>A route on trial has its calls watched for waits: those that never wait may run inline.</summary>
    static void RunWatched(WorkItem item)
    {
        var history = item.Plan.SyncCalls;
        if (!history.OnProbation)
        {
            Dispatcher.Run(item);
            return;
        }
        long before = VoluntarySwitches.OfThisThread();
        Dispatcher.Run(item);
        long after = VoluntarySwitches.OfThisThread();
        history.RecordLaneCall(waited: before < 0 || after != before);   // unknown (getrusage failed) counts as waiting
    }

    /// <summary>GIL held. Calls a callable queued by <see cref="EnqueueCall"/> and drops its reference.</summary>
    static void RunCall(nint callable)
    {
        nint result = CPython.CallNoArgs(callable);
        if (result == 0) CPython.ErrPrintEx(0);
        else CPython.DecRef(result);
        CPython.DecRef(callable);
    }

    public void Shutdown()
    {
        _shutdown = true;
        _supervisorWake.Set();
        _idle.WakeAll();
    }

    void EnsureSupervisor()
    {
        if (_supervisor != null) return;
        lock (_queue)
        {
            if (_supervisor != null) return;
            _supervisor = new Thread(Supervise) { IsBackground = true, Name = "tachyon-lane-supervisor" };
            _supervisor.Start();
        }
    }

    // Ticks every millisecond while there is traffic; parks after a quiet spell, so an idle server costs nothing.
    void Supervise()
    {
        long quietSince = Stopwatch.GetTimestamp();
        while (!_shutdown)
        {
            Thread.Sleep(1);
            if (!HasWork)
            {
                if (Stopwatch.GetTimestamp() - quietSince < 100 * Millisecond) continue;
                _supervisorWake.Reset();
                Interlocked.Exchange(ref _supervisorParked, 1);   // full fence: an enqueue either sees this or we see its item
                if (!HasWork && !_shutdown) _supervisorWake.Wait();
                Volatile.Write(ref _supervisorParked, 0);
                quietSince = Stopwatch.GetTimestamp();
                continue;
            }
            quietSince = Stopwatch.GetTimestamp();
            long sinceProgress = Stopwatch.GetTimestamp() - Volatile.Read(ref _lastProgress);
            if (sinceProgress >= Millisecond) CompletionBatch.FlushAll();   // responses finished before a lane blocked
            bool stalled = sinceProgress >= StallTicks;
            if (stalled && _idle.Count > 0)
            {
                Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());   // one extra lane per stall period
                _idle.WakeOne();
            }
        }
    }
}
