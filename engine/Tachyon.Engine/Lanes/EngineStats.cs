using System.Text.Json;

namespace Tachyon.Engine.Lanes;

/// <summary>Process-wide counters, readable from Python (tachyon's engine stats).</summary>
internal static class EngineStats
{
    public static long Requests, Rejected, PythonBindings, Suspended, Errors, Drains, InlineSteps, InlineCalls, LongInlineCalls, BlockedInlineCalls, BackgroundQueued;

    public static byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, long>
    {
        ["requests"] = Interlocked.Read(ref Requests),
        ["rejected_503"] = Interlocked.Read(ref Rejected),
        ["python_bindings"] = Interlocked.Read(ref PythonBindings),   // requests the C# fast path left to pydantic
        ["suspended_coroutines"] = Interlocked.Read(ref Suspended),
        ["handler_errors"] = Interlocked.Read(ref Errors),
        ["lane_drains"] = Interlocked.Read(ref Drains),   // requests / drains = the average batch
        ["inline_steps"] = Interlocked.Read(ref InlineSteps),   // async requests run on the request's own thread
        ["inline_calls"] = Interlocked.Read(ref InlineCalls),   // def requests run there (their routes never waited)
        ["long_inline_calls"] = Interlocked.Read(ref LongInlineCalls),   // of those, calls that took long enough to have waited
        ["blocked_inline_calls"] = Interlocked.Read(ref BlockedInlineCalls),   // routes sent back to the lanes while a call blocked
        // responses with work after them (background tasks, yield dependencies' exits), counted before they are
        // sent: the TestClient waits for that many to have finished (the background_queued export), as
        // Starlette's returns only after them
        ["background_queued"] = Interlocked.Read(ref BackgroundQueued),
        ["allocated_bytes"] = GC.GetTotalAllocatedBytes(),   // the engine's managed allocations, for bench diagnostics
        ["gen0_collections"] = GC.CollectionCount(0),
    });
}
