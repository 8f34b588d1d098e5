using System.Collections.Concurrent;
using System.Diagnostics;
using Tachyon.Engine.Boundary;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// The lanes for plain <c>def</c> handlers: a pool of Python threads sharing one queue. Normally one lane
/// drains everything (no GIL contention). FastAPI runs def handlers in a thread pool so a blocking call
/// does not stall other requests; here a supervisor notices when queued work has made no progress for ten
/// milliseconds (the draining lane is blocked, e.g. in time.sleep with the GIL released) and wakes
/// another lane to carry on.
/// </summary>
internal sealed unsafe class SyncLanes
{
    static readonly long Millisecond = Stopwatch.Frequency / 1000;
    // Long enough that a lane merely preempted on a busy machine does not look blocked (waking more
    // lanes then only adds GIL contention); short enough that a blocked handler stalls nobody noticeably.
    static readonly long StallTicks = 10 * Millisecond;

    readonly ConcurrentQueue<WorkItem> _queue = new();
    readonly IdleLanes _idle = new();
    readonly ManualResetEventSlim _supervisorWake = new(false);
    int _active, _waking;
    int _supervisorParked;
    long _lastProgress;
    volatile bool _shutdown;
    Thread? _supervisor;

    /// <summary>A lane holds (or is about to take) the GIL for def handlers.</summary>
    public bool IsDraining => Volatile.Read(ref _active) > 0;

    public void Enqueue(WorkItem item)
    {
        _queue.Enqueue(item);
        // Wake one lane, once: several woken lanes would only fight over the GIL.
        if (Volatile.Read(ref _active) == 0 && Interlocked.CompareExchange(ref _waking, 1, 0) == 0) _idle.WakeOne();
        if (Volatile.Read(ref _supervisorParked) == 1) _supervisorWake.Set();   // a syscall only when the supervisor sleeps, not per request
        EnsureSupervisor();
    }

    /// <summary>The lane's life: GIL held on entry and on return (at shutdown); released while waiting.</summary>
    public void Run()
    {
        var parking = new ParkingSemaphore();   // this lane's own: see IdleLanes
        while (true)
        {
            nint state = CPython.EvalSaveThread();
            bool work;
            try { work = WaitForWork(parking); }
            finally { CPython.EvalRestoreThread(state); }
            if (!work) return;
            Drain();
        }
    }

    /// <summary>
    /// Called by a lane between drains, with the GIL released: it first writes the responses it finished
    /// (no thread hand-off), then parks until there is work. False once the engine shuts down.
    /// </summary>
    bool WaitForWork(ParkingSemaphore parking)
    {
        CompletionBatch.Current.CompleteInline();
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _waking, 1, 0) == 0) return !_shutdown;
        _idle.Park(parking);
        return !_shutdown;
    }

    /// <summary>GIL held. Runs queued work until the queue is empty.</summary>
    void Drain()
    {
        Interlocked.Increment(ref _active);
        Volatile.Write(ref _waking, 0);
        while (true)
        {
            Interlocked.Increment(ref EngineStats.Drains);
            while (_queue.TryDequeue(out var item))
            {
                Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
                RunWatched(item);
            }
            Interlocked.Decrement(ref _active);
            // An enqueue that saw us active did not wake anyone: look again after stepping down.
            if (_queue.IsEmpty || _shutdown) return;
            Interlocked.Increment(ref _active);
        }
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
            if (_queue.IsEmpty)
            {
                if (Stopwatch.GetTimestamp() - quietSince < 100 * Millisecond) continue;
                _supervisorWake.Reset();
                Interlocked.Exchange(ref _supervisorParked, 1);   // full fence: an enqueue either sees this or we see its item
                if (_queue.IsEmpty && !_shutdown) _supervisorWake.Wait();
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
