namespace Tachyon.Engine.Lanes;

/// <summary>The process's lanes. CPython 3.11 has one GIL per process, so lanes are shared by every server in it.</summary>
internal static class LaneSet
{
    public static readonly LoopLane Loop = new();
    public static readonly SyncLanes Sync = new();

    public static void Shutdown()
    {
        InlineSteps.Disable();
        Sync.Shutdown();
    }
}
