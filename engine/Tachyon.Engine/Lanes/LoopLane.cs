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

    public void Attach(int eventFd) => _eventFd = eventFd;

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
            CompleteWithoutGil();
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
