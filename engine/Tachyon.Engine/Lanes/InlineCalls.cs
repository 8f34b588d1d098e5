using System.Diagnostics;
using Tachyon.Engine.Serialization;

namespace Tachyon.Engine.Lanes;

/// <summary>
/// Runs a <c>def</c> handler on the thread that read its request, when its route's calls have shown that they
/// never wait (<see cref="SyncCallHistory"/>): no hand-off to a sync lane and back, the response written where
/// the request was read. The call takes the GIL like any thread. There is no gate, unlike inline steps: a
/// call that blocks after all releases the GIL, and the other socket threads' requests go on around it,
/// where a gate would queue them behind it. No asyncio loop runs during the call, as on a lane. Each call is
/// timed, and watched while it runs (<see cref="InlineCallWatch"/>), so a route that starts to block goes
/// back to the lanes.
/// </summary>
internal static class InlineCalls
{
    /// <summary>The response, or null: await the item's completion (it went to the lanes, or the app's
    /// exception handler went on on the loop).</summary>
    public static ResponseData? Run(WorkItem item)
    {
        // A lane running Python would make this thread wait for the GIL, and serve its queue out of order.
        if (!InlineSteps.Enabled || LaneSet.Sync.IsDraining || !RequestThreads.TryEnter(loopRunning: false))
        {
            LaneSet.Sync.Enqueue(item);
            return null;
        }
        Interlocked.Increment(ref EngineStats.InlineCalls);
        long start = Stopwatch.GetTimestamp();
        ResponseData? response;
        try
        {
            InlineCallWatch.Begin(item.Plan, start);
            response = Dispatcher.RunHere(item);
        }
        finally
        {
            InlineCallWatch.End();
            RequestThreads.Leave();
        }
        item.Plan.SyncCalls.RecordInlineCall(Stopwatch.GetTimestamp() - start);
        return response;
    }
}
