using System.Diagnostics;
using Tachyon.Engine.Binding;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Watches the def calls running inline (<see cref="InlineCalls"/>). One still running after
/// <see cref="BlockedCallMilliseconds"/> is blocking the socket thread it runs on (no preemption lasts that
/// long): its route goes back to the lanes at once, so that its next calls do not block the other socket
/// threads too (say, a request waiting for another request, which then can still come in). A watcher thread
/// ticks while inline calls are being made and parks after a quiet second, so an idle server costs nothing.
/// </summary>
internal static class InlineCallWatch
{
    const int BlockedCallMilliseconds = 50, TickMilliseconds = 10, QuietTicks = 100;
    static readonly long BlockedCallTicks = BlockedCallMilliseconds * Stopwatch.Frequency / 1000;

    // One slot per request thread (at most RequestThreads.MaxForeignThreads run Python): the call's start
    // (0: no call) and its plan. Written by the thread, read by the watcher.
    static readonly long[] _started = new long[RequestThreads.MaxForeignThreads];
    static readonly DispatchPlan?[] _plans = new DispatchPlan?[RequestThreads.MaxForeignThreads];
    static readonly ManualResetEventSlim _wake = new(false);
    static int _slotsTaken, _parked = 1;
    static long _calls;
    static Thread? _watcher;
    [ThreadStatic] static int _slot;   // this thread's slot + 1; 0: none yet

    public static void Begin(DispatchPlan plan, long start)
    {
        int slot = SlotOfThisThread();
        if (slot < 0) return;
        _plans[slot] = plan;
        Volatile.Write(ref _started[slot], start);
        Interlocked.Increment(ref _calls);
        if (Volatile.Read(ref _parked) == 1) Wake();   // a syscall only when the watcher sleeps, not per call
    }

    public static void End()
    {
        int slot = _slot - 1;
        if (slot < 0) return;
        Volatile.Write(ref _started[slot], 0);
        _plans[slot] = null;
    }

    static int SlotOfThisThread()
    {
        if (_slot == 0)
        {
            int taken = Interlocked.Increment(ref _slotsTaken);
            _slot = taken <= _started.Length ? taken : -1;
        }
        return _slot - 1;
    }

    static void Wake()
    {
        lock (_wake)
        {
            _watcher ??= new Thread(Watch) { IsBackground = true, Name = "tachyon-inline-watch" };
            if (!_watcher.IsAlive) _watcher.Start();
        }
        _wake.Set();
    }

    static void Watch()
    {
        long seen = -1;
        int quiet = 0;
        while (true)
        {
            Volatile.Write(ref _parked, 0);
            Thread.Sleep(TickMilliseconds);
            long now = Stopwatch.GetTimestamp();
            for (int slot = 0; slot < _started.Length; slot++)
            {
                long started = Volatile.Read(ref _started[slot]);
                if (started == 0 || now - started < BlockedCallTicks) continue;
                var plan = _plans[slot];
                // Still the same call (not a new one begun since): the plan read is the blocked call's.
                if (plan != null && Volatile.Read(ref _started[slot]) == started) plan.SyncCalls.Blocked();
            }
            long calls = Interlocked.Read(ref _calls);
            quiet = calls == seen && !Array.Exists(_started, s => s != 0) ? quiet + 1 : 0;
            seen = calls;
            if (quiet < QuietTicks) continue;
            _wake.Reset();
            Interlocked.Exchange(ref _parked, 1);   // full fence: a call either sees this or we see its count
            if (Interlocked.Read(ref _calls) == seen) _wake.Wait();
            quiet = 0;
        }
    }
}
