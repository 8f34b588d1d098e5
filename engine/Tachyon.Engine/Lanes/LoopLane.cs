using System.Collections.Concurrent;
using System.Runtime.InteropServices;

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
    int _scheduled;
    int _eventFd = -1;

    public void Attach(int eventFd) => _eventFd = eventFd;

    public void Enqueue(WorkItem item)
    {
        if (_eventFd < 0) throw new InvalidOperationException("the asyncio lane is not running");
        _queue.Enqueue(item);
        if (Interlocked.Exchange(ref _scheduled, 1) == 0) Wake();
    }

    public void Drain()
    {
        Volatile.Write(ref _scheduled, 0);
        for (int i = 0; i < MaxBatch && _queue.TryDequeue(out var item); i++)
            Dispatcher.Run(item);
        CompletionBatch.Current.Flush();
        if (!_queue.IsEmpty && Interlocked.Exchange(ref _scheduled, 1) == 0) Wake();
    }

    void Wake()
    {
        ulong one = 1;
        write(_eventFd, &one, sizeof(ulong));
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, void* buffer, nint count);
}
