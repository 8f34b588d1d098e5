using Tachyon.Engine.Lanes;
using Xunit;

namespace Tachyon.Engine.Tests;

// LoopGate is process-wide state: each test starts from "the loop holds it" (back from a wait).
public class LoopGateTests
{
    static void LoopRunning()
    {
        LoopGate.OpenForWait();
        LoopGate.CloseAfterWait();
    }

    [Fact]
    public void RequestThreadsAreTurnedAwayWhileTheLoopRuns()
    {
        LoopRunning();
        Assert.Equal(LoopGate.Entry.HeldByLoop, LoopGate.TryEnter());
    }

    [Fact]
    public void OneRequestThreadAtATimeEntersWhileTheLoopWaits()
    {
        LoopRunning();
        LoopGate.OpenForWait();
        Assert.Equal(LoopGate.Entry.Entered, LoopGate.TryEnter());
        Assert.Equal(LoopGate.Entry.HeldInline, LoopGate.TryEnter());
        LoopGate.Leave();
        Assert.Equal(LoopGate.Entry.Entered, LoopGate.TryEnter());
        LoopGate.Leave();
        LoopGate.CloseAfterWait();
        Assert.Equal(LoopGate.Entry.HeldByLoop, LoopGate.TryEnter());
    }

    [Fact]
    public void TheLoopWaitsOutAnInlineStepAndTurnsNewcomersAway()
    {
        LoopRunning();
        LoopGate.OpenForWait();
        Assert.Equal(LoopGate.Entry.Entered, LoopGate.TryEnter());
        var loop = new Thread(LoopGate.CloseAfterWait) { IsBackground = true };
        loop.Start();
        Assert.False(loop.Join(200), "the loop went on while a request thread held the gate");
        Assert.True(LoopGate.LoopWaiting, "the holder is not told to stop");
        Assert.Equal(LoopGate.Entry.HeldByLoop, LoopGate.TryEnter());   // nobody new gets in meanwhile
        LoopGate.Leave();
        Assert.True(loop.Join(5000), "the loop did not take the gate once it was left");
        Assert.False(LoopGate.LoopWaiting);
        Assert.Equal(LoopGate.Entry.HeldByLoop, LoopGate.TryEnter());
    }
}
