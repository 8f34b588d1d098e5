using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Tachyon.Engine.Boundary;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// The lane for <c>async def</c> handlers: the thread of the engine's asyncio loop. Request threads queue
/// work and wake the loop through an eventfd only when it is not already scheduled to drain, so a burst
/// of requests costs one wake-up, not one syscall each. The loop then drains a batch with the GIL held.
/// </summary>
internal sealed unsafe partial class LoopLane
{
    const int MaxBatch = 256;   // leave room for the loop's own callbacks (suspended handlers resuming)

    readonly ConcurrentQueue<WorkItem> _queue = new();
    readonly ConcurrentQueue<(nint Work, int CallerLoopPort)> _background = new();   // owned references to (callable, context) pairs
    int _scheduled;
    int _eventFd = -1;
    // Owned, for the life of the process: the loop's ready queue, its call_soon, and a native function completing
    // the responses finished so far (see FinishBatch).
    nint _ready, _callSoon, _completeLater;
    bool _completionScheduled;   // loop thread only

    /// <summary>GIL held, on the loop thread: the eventfd that wakes the loop, and the loop (borrowed).</summary>
    public void Attach(int eventFd, nint loop)
    {
        _ready = CPython.GetAttr(loop, "_ready");
        _callSoon = CPython.GetAttr(loop, "call_soon");
        if (_ready == 0 || _callSoon == 0) throw new InvalidOperationException("the loop has no _ready queue or call_soon");
        if (_completeLater == 0)
            _completeLater = CPython.NewFunction("complete_responses",
                (nint)(delegate* unmanaged<nint, nint, nint>)&CompleteScheduled, CPython.MethNoArgs);
        _eventFd = eventFd;
    }

    public void Enqueue(WorkItem item)
    {
        if (_eventFd < 0) throw new InvalidOperationException("the asyncio lane is not running");
        _queue.Enqueue(item);
        Nudge();
    }

    /// <summary>Queues without waking the loop: the caller drains the queue itself or calls <see cref="Nudge"/>.</summary>
    public void EnqueueQuietly(WorkItem item) => _queue.Enqueue(item);

    public bool TryDequeue(out WorkItem item) => _queue.TryDequeue(out item!);

    public bool IsEmpty => _queue.IsEmpty;

    /// <summary>Makes the loop run a drain soon (one wake-up for any number of calls until it does).</summary>
    public void Nudge()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0) Wake();
    }

    /// <summary>Schedules a response's background work (owned reference) once the response has been sent; it runs
    /// on the loop of the ASGI call from <paramref name="callerLoopPort"/> if not 0.</summary>
    public void EnqueueBackground(nint work, int callerLoopPort)
    {
        _background.Enqueue((work, callerLoopPort));
        Nudge();
    }

    /// <summary>
    /// GIL held, on the loop thread. Stays "scheduled" while draining, so requests that arrive meanwhile
    /// cost no wake-up: they are picked up by the re-check before the lane stands down.
    /// </summary>
    public void Drain()
    {
        Interlocked.Increment(ref EngineStats.Drains);
        ulong count;
        read(_eventFd, &count, sizeof(ulong));   // reset the eventfd (non-blocking: fine if already zero)
        while (_background.TryDequeue(out var work)) Dispatcher.StartBackground(work.Work, work.CallerLoopPort);
        int processed = 0;
        while (true)
        {
            while (processed < MaxBatch && _queue.TryDequeue(out var item))
            {
                Dispatcher.Run(item);
                processed++;
            }
            FinishBatch();
            if (processed >= MaxBatch)
            {
                Wake();   // still scheduled: let the loop run its other callbacks, then come back
                return;
            }
            Interlocked.Exchange(ref _scheduled, 0);
            if ((_queue.IsEmpty && _background.IsEmpty) || Interlocked.Exchange(ref _scheduled, 1) != 0) return;
            while (_background.TryDequeue(out var work)) Dispatcher.StartBackground(work.Work, work.CallerLoopPort);
        }
    }

    /// <summary>
    /// Sends the responses the drain finished, or, when handlers scheduled callbacks (tasks they started with
    /// asyncio.create_task take their first step from the loop's ready queue), once those have run: in FastAPI a
    /// response goes through several awaits before it is sent, so such a task has started by then, and tests
    /// that check its first effects right after the response rely on it.
    /// </summary>
    void FinishBatch()
    {
        if (_completionScheduled) return;   // the scheduled completion sends these too
        if (CPython.ObjectSize(_ready) <= 0 || CompletionBatch.Current.IsEmpty)
        {
            CompleteWithoutGil();
            return;
        }
        nint handle = CPython.CallOneArg(_callSoon, _completeLater);
        if (handle == 0)
        {
            CPython.ErrClear();
            CompleteWithoutGil();
            return;
        }
        CPython.DecRef(handle);
        _completionScheduled = true;
    }

    [UnmanagedCallersOnly]
    static nint CompleteScheduled(nint self, nint unused)
    {
        LaneSet.Loop._completionScheduled = false;
        CompleteWithoutGil();
        return CPython.NewRef(CPython.None);
    }

    // Writes the finished responses here with the GIL released (as Py_BEGIN_ALLOW_THREADS would):
    // no thread hand-off, and the sync lanes can run Python meanwhile.
    static void CompleteWithoutGil()
    {
        nint state = CPython.EvalSaveThread();
        try { CompletionBatch.Current.CompleteInline(); }
        finally { CPython.EvalRestoreThread(state); }
    }

    void Wake()
    {
        ulong one = 1;
        write(_eventFd, &one, sizeof(ulong));
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, void* buffer, nint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint read(int fd, void* buffer, nint count);
}
