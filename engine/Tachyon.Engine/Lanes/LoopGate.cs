namespace Tachyon.Engine.Lanes;

/// <summary>
/// Who may run asyncio code for the engine's loop right now: the loop's own thread, or one request thread
/// stepping handlers inline (<see cref="InlineSteps"/>). asyncio is not thread-safe, and the GIL alone
/// does not make it so (it can switch threads in the middle of a loop callback), so the loop thread holds
/// the gate for everything it runs and opens it only while it waits in epoll (tachyon/_boundary/loop_gate.py
/// wraps the loop's selector). A request thread never waits for the gate.
/// </summary>
internal static class LoopGate
{
    public enum Entry { Entered, HeldInline, HeldByLoop }

    const int Open = 0, LoopHolds = 1, InlineHolds = 2;

    static int _state = LoopHolds;   // closed until the loop first waits
    static volatile bool _loopWaiting;

    /// <summary>Loop thread, about to wait in epoll.</summary>
    public static void OpenForWait() => Volatile.Write(ref _state, Open);

    /// <summary>Loop thread, back from epoll, GIL released: waits out the inline steps in progress.</summary>
    public static void CloseAfterWait()
    {
        if (Interlocked.CompareExchange(ref _state, LoopHolds, Open) == Open) return;
        _loopWaiting = true;   // the inline holder stops after its current step: the loop must not starve
        var spin = new SpinWait();
        while (Interlocked.CompareExchange(ref _state, LoopHolds, Open) != Open) spin.SpinOnce();
        _loopWaiting = false;
    }

    /// <summary>A request thread: enter if the gate is open (then <see cref="Leave"/>), else say who holds it.</summary>
    public static Entry TryEnter()
    {
        if (_loopWaiting) return Entry.HeldByLoop;
        int state = Interlocked.CompareExchange(ref _state, InlineHolds, Open);
        return state switch { Open => Entry.Entered, InlineHolds => Entry.HeldInline, _ => Entry.HeldByLoop };
    }

    /// <summary>The inline holder should stop soon: the loop has work.</summary>
    public static bool LoopWaiting => _loopWaiting;

    public static void Leave() => Volatile.Write(ref _state, Open);
}
