using System.Collections.Concurrent;
using System.Diagnostics;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// The lanes for plain <c>def</c> handlers: a pool of Python threads sharing one queue. Normally one lane
/// drains everything (no GIL contention). FastAPI runs def handlers in a thread pool so a blocking call
/// does not stall other requests; here a supervisor notices when queued work has made no progress for a
/// millisecond (the draining lane is blocked, e.g. in time.sleep with the GIL released) and wakes
/// another lane to carry on.
/// </summary>
internal sealed class SyncLanes
{
    static readonly long StallTicks = Stopwatch.Frequency / 1000;

    readonly ConcurrentQueue<WorkItem> _queue = new();
    readonly SemaphoreSlim _wake = new(0);
    readonly ManualResetEventSlim _pending = new(false);
    int _active, _idle;
    long _lastProgress;
    volatile bool _shutdown;
    Thread? _supervisor;

    public void Enqueue(WorkItem item)
    {
        _queue.Enqueue(item);
        if (Volatile.Read(ref _active) == 0) _wake.Release();
        if (!_pending.IsSet) _pending.Set();
        EnsureSupervisor();
    }

    /// <summary>Called by an idle lane (GIL released). False once the engine shuts down.</summary>
    public bool WaitForWork()
    {
        Interlocked.Increment(ref _idle);
        _wake.Wait();
        Interlocked.Decrement(ref _idle);
        return !_shutdown;
    }

    /// <summary>GIL held. Runs queued work until the queue is empty.</summary>
    public void Drain()
    {
        Interlocked.Increment(ref _active);
        while (true)
        {
            while (_queue.TryDequeue(out var item))
            {
                Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());
                Dispatcher.Run(item);
            }
            CompletionBatch.Current.Flush();
            Interlocked.Decrement(ref _active);
            // An enqueue that saw us active did not wake anyone: look again after stepping down.
            if (_queue.IsEmpty || _shutdown) return;
            Interlocked.Increment(ref _active);
        }
    }

    public void Shutdown()
    {
        _shutdown = true;
        _pending.Set();
        _wake.Release(1024);
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

    void Supervise()
    {
        while (!_shutdown)
        {
            if (_queue.IsEmpty)
            {
                _pending.Reset();
                if (_queue.IsEmpty) _pending.Wait();
                continue;
            }
            Thread.Sleep(1);
            if (_queue.IsEmpty) continue;
            bool stalled = Stopwatch.GetTimestamp() - Volatile.Read(ref _lastProgress) >= StallTicks;
            if ((stalled || Volatile.Read(ref _active) == 0) && Volatile.Read(ref _idle) > 0)
            {
                Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());   // one extra lane per stall period
                CompletionBatch.FlushAll();   // responses the stalled lane finished before it blocked
                _wake.Release();
            }
        }
    }
}
