using System.Diagnostics;
using System.Collections.Concurrent;
using Tachyon.Engine.Serialization;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Runs <c>def</c> handlers on the thread that read their request, when their route's calls have shown that
/// they never wait (<see cref="SyncCallHistory"/>): no hand-off to a sync lane and back, the response
/// written where the request was read. As with <see cref="InlineSteps"/>, requests go into a queue that the
/// request thread holding this gate drains, so a second socket thread never waits for the GIL: it leaves its
/// request to the holder (which looks at the queue again after leaving) and goes back to its sockets. This
/// is not the loop's gate: a def handler runs no loop code, and one that blocks must not hold up the loop.
/// The calls run with no asyncio loop running, as on a lane. Each is timed, so a route that starts to
/// block goes back to the lanes.
/// </summary>
internal static class InlineCalls
{
    // Per hold of the gate, and holds per request: the holder must get back to its own sockets.
    const int MaxDrain = 64, MaxRounds = 2;

    static readonly ConcurrentQueue<WorkItem> _queue = new();
    static int _held;

    /// <summary>The response when this thread ran the request, else null: await the item's completion (it was
    /// left to the gate's holder or to the lanes, or the app's exception handler went on on the loop).</summary>
    public static ResponseData? Run(WorkItem item)
    {
        _queue.Enqueue(item);
        ResponseData? response = null;
        for (int round = 0; round < MaxRounds && !_queue.IsEmpty; round++)
        {
            if (Interlocked.CompareExchange(ref _held, 1, 0) != 0) return response;   // the holder looks at the queue after it leaves
            // A lane running Python would make this thread wait for the GIL, and serve its queue out of order.
            if (!InlineSteps.Enabled || LaneSet.Sync.IsDraining || !RequestThreads.TryEnter(loopRunning: false))
            {
                Volatile.Write(ref _held, 0);
                break;
            }
            try { response = Drain(item) ?? response; }
            finally
            {
                Volatile.Write(ref _held, 0);
                RequestThreads.Leave();
            }
            CompletionBatch.Current.CompleteInline();   // the other requests this thread answered
        }
        while (_queue.TryDequeue(out var left)) LaneSet.Sync.Enqueue(left);   // left over: the lanes run it
        return response;
    }

    /// <summary>Inside the gate, GIL held: runs queued requests; returns the response to <paramref name="own"/> if it ran.</summary>
    static ResponseData? Drain(WorkItem own)
    {
        ResponseData? response = null;
        for (int n = 0; n < MaxDrain && _queue.TryDequeue(out var next); n++)
        {
            Interlocked.Increment(ref EngineStats.InlineCalls);
            long start = Stopwatch.GetTimestamp();
            var ran = Dispatcher.RunHere(next);
            next.Plan.SyncCalls.RecordInlineCall(Stopwatch.GetTimestamp() - start);
            if (next == own) response = ran;
            else if (ran != null) CompletionBatch.Current.Add(next, ran);
        }
        return response;
    }
}
