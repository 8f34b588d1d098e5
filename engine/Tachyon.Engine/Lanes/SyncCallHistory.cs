using System.Diagnostics;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Whether a <c>def</c> route's calls wait (block their thread), which decides where they run. FastAPI runs
/// def handlers in a thread pool because they may block; the engine's sync lanes keep that guarantee, at
/// the cost of a thread hand-off per request. A route whose calls never wait gains nothing from it.
/// <list type="bullet">
/// <item>On trial, each call on a lane is watched for a voluntary context switch (the thread slept: I/O, a
/// lock, time.sleep). After <see cref="CleanCallsToPromote"/> calls in a row without one, the route runs on
/// the request's own thread (<see cref="InlineCalls"/>), as an async route's first step does.</item>
/// <item>Inline, asking the kernel costs a system call (about 1 µs here, more than the hand-off saves), so
/// a call counts as waiting when it takes <see cref="LongCallMilliseconds"/> or more: long enough that a
/// thread merely preempted on a busy machine does not look blocked.</item>
/// <item>On trial, a route is also promoted when its waits stay rare over many calls (lanes contend for the GIL
/// under load, which looks like a wait), and goes to the lanes for good only when most of its calls wait.</item>
/// <item>Inline, at <see cref="WaitsToDemote"/> waiting calls the route is on the lanes
/// for good. A route that waits on most calls never leaves the lanes; one that waits only now and then may
/// stall the connections of one socket thread a few times before it goes back. One wait is forgiven per
/// <see cref="CleanCallsToForgive"/> inline calls that did not wait.</item>
/// <item>A call still running long after it should have ended sends the route to the lanes at once
/// (<see cref="Blocked"/>, from <see cref="InlineCallWatch"/>).</item>
/// </list>
/// Updated without locks by several threads: a lost update only delays a verdict by a call.
/// </summary>
internal sealed class SyncCallHistory
{
    const int CleanCallsToPromote = 32, WaitsToDemote = 3, CleanCallsToForgive = 4096;
    const int CleanCallsToPromoteMostly = 128, RareWaits = 8;   // at most one wait per eight clean calls
    const int LongCallMilliseconds = 5;
    static readonly long LongCallTicks = LongCallMilliseconds * Stopwatch.Frequency / 1000;
    const int OnTrial = 0, Inline = 1, OnLanes = 2;

    int _state, _clean, _waits, _cleanOnTrial;

    public bool RunsInline => Volatile.Read(ref _state) == Inline;
    public bool OnProbation => Volatile.Read(ref _state) == OnTrial;

    /// <summary>The route never runs inline: its calls must run where the Python side expects (see PlanReader's
    /// <c>stays_on_lanes</c>).</summary>
    public void KeepOnLanes() => Volatile.Write(ref _state, OnLanes);

    /// <summary>A call ran on a sync lane while the route was on trial.</summary>
    public void RecordLaneCall(bool waited)
    {
        if (waited)
        {
            // On a lane, a wait may be the GIL held by another lane (they contend under load, say when a server
            // starts under full load): only a route whose calls wait more often than not goes to the lanes for good.
            _clean = 0;
            if (++_waits >= WaitsToDemote && _waits > _cleanOnTrial) Volatile.Write(ref _state, OnLanes);
            return;
        }
        _cleanOnTrial++;
        // Promoted after a run of clean calls, or when calls that waited stay rare over many.
        bool promote = ++_clean >= CleanCallsToPromote
                       || (_cleanOnTrial >= CleanCallsToPromoteMostly && _waits * RareWaits <= _cleanOnTrial);
        if (promote && Interlocked.CompareExchange(ref _state, Inline, OnTrial) == OnTrial)
        {
            _clean = 0;   // only from trial: a route sent to the lanes meanwhile stays there
            _waits = Math.Min(_waits, WaitsToDemote - 1);   // waits on trial count inline, one short of a verdict
        }
    }

    /// <summary>A call ran on the request's own thread, for <paramref name="elapsedTicks"/> of the Stopwatch.</summary>
    public void RecordInlineCall(long elapsedTicks)
    {
        if (elapsedTicks >= LongCallTicks)
        {
            Interlocked.Increment(ref EngineStats.LongInlineCalls);
            Waited();
        }
        else if (++_clean >= CleanCallsToForgive)
        {
            _clean = 0;
            if (_waits > 0) _waits--;
        }
    }

    /// <summary>A call is still running inline long after it should have ended (see <see cref="InlineCallWatch"/>):
    /// it blocks, and the route is on the lanes for good, at once.</summary>
    public void Blocked()
    {
        if (Interlocked.Exchange(ref _state, OnLanes) != OnLanes) Interlocked.Increment(ref EngineStats.BlockedInlineCalls);
    }

    void Waited()
    {
        _clean = 0;
        if (++_waits >= WaitsToDemote) Volatile.Write(ref _state, OnLanes);
    }
}
