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
    readonly Stack<ParkingSemaphore> _parked = new();
    int _pendingWakes;
    volatile int _count;

    /// <summary>Lanes parked right now (read without the lock: a hint for the supervisor).</summary>
    public int Count => _count;

    /// <summary>Wakes the most recently parked lane, or lets the next lane that would park go on.</summary>
    public void WakeOne()
    {
        ParkingSemaphore? lane = null;
        lock (_lock)
        {
            if (_parked.Count > 0)
            {
                lane = _parked.Pop();
                _count = _parked.Count;
            }
            else _pendingWakes++;
        }
        lane?.Release();
    }

    /// <summary>Wakes every lane, parked now or later (shutdown).</summary>
    public void WakeAll()
    {
        lock (_lock)
        {
            _pendingWakes = int.MaxValue / 2;
            while (_parked.Count > 0) _parked.Pop().Release();
            _count = 0;
        }
    }

    /// <summary>Parks the calling lane on its own semaphore until it is woken.</summary>
    public void Park(ParkingSemaphore own)
    {
        lock (_lock)
        {
            if (_pendingWakes > 0)
            {
                _pendingWakes--;
                return;
            }
            _parked.Push(own);
            _count = _parked.Count;
        }
        own.Wait();
    }
}
