namespace Tachyon.Engine.Lanes;

/// <summary>
/// Where sync lanes park between drains, most recently parked first. Waking the lane that parked last
/// keeps one or two lanes doing all the work, with their caches, stacks and thread states warm; a shared
/// semaphore wakes waiters in turn and so rotates the work over every lane of the pool (forty).
/// A wake with no lane parked is remembered: the next lane about to park takes it and goes on.
/// </summary>
internal sealed class IdleLanes
{
    readonly Lock _lock = new();
    readonly List<SyncLane> _parked = new();   // a stack: the last parked at the end
    int _pendingWakes;
    volatile int _count;

    /// <summary>Lanes parked right now (read without the lock: a hint for the supervisor).</summary>
    public int Count => _count;

    /// <summary>Wakes the most recently parked lane, or lets the next lane that would park go on.</summary>
    public void WakeOne()
    {
        SyncLane? lane = null;
        lock (_lock)
        {
            if (_parked.Count > 0)
            {
                lane = _parked[^1];
                _parked.RemoveAt(_parked.Count - 1);
                _count = _parked.Count;
            }
            else _pendingWakes++;
        }
        lane?.Parking.Release();
    }

    /// <summary>Wakes <paramref name="lane"/> if it is parked (a lane about to park sees its own calls and goes on).</summary>
    public void Wake(SyncLane lane)
    {
        lock (_lock)
        {
            if (!_parked.Remove(lane)) return;
            _count = _parked.Count;
        }
        lane.Parking.Release();
    }

    /// <summary>Wakes every lane, parked now or later (shutdown).</summary>
    public void WakeAll()
    {
        lock (_lock)
        {
            _pendingWakes = int.MaxValue / 2;
            foreach (var lane in _parked) lane.Parking.Release();
            _parked.Clear();
            _count = 0;
        }
    }

    /// <summary>Parks the calling lane until it is woken, unless a call was handed to it meanwhile.</summary>
    public void Park(SyncLane lane)
    {
        lock (_lock)
        {
            if (_pendingWakes > 0)
            {
                _pendingWakes--;
                return;
            }
            if (lane.HasCalls) return;   // handed before this lock: Wake found it not parked
            _parked.Add(lane);
            _count = _parked.Count;
        }
        lane.Parking.Wait();
    }
}
