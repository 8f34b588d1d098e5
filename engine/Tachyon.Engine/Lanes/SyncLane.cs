using System.Collections.Concurrent;

namespace Tachyon.Engine.Lanes;

/// <summary>One sync lane: its thread, the semaphore it parks on, and the calls handed to it alone
/// (<see cref="SyncLanes.EnqueueCall"/>), which it runs before anything else when it next drains.</summary>
internal sealed class SyncLane
{
    public required nuint ThreadIdent { get; init; }   // Python's threading.get_ident() of the lane's thread
    public readonly ParkingSemaphore Parking = new();
    readonly ConcurrentQueue<nint> _calls = new();   // owned references
    readonly Lock _gate = new();
    bool _draining;

    public bool HasCalls => !_calls.IsEmpty;

    public bool TryTakeCall(out nint callable) => _calls.TryDequeue(out callable);

    public void StartDrain()
    {
        lock (_gate) _draining = true;
    }

    public void EndDrain()
    {
        lock (_gate) _draining = false;
    }

    /// <summary>Hands <paramref name="callable"/> to this lane unless it is draining: it may be blocked in a handler
    /// then, maybe one waiting for this very call, which another lane must run instead.</summary>
    public bool TryHand(nint callable)
    {
        lock (_gate)
        {
            if (_draining) return false;
            _calls.Enqueue(callable);
            return true;
        }
    }
}
