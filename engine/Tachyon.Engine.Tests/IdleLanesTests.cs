using Tachyon.Engine.Lanes;
using Xunit;

namespace Tachyon.Engine.Tests;

public class IdleLanesTests
{
    // Parks a lane on its own thread; the returned event is set once it was woken.
    static ManualResetEventSlim ParkLane(IdleLanes idle, int expectedParked)
    {
        var woke = new ManualResetEventSlim(false);
        new Thread(() => { idle.Park(new ParkingSemaphore()); woke.Set(); }) { IsBackground = true }.Start();
        SpinWait.SpinUntil(() => idle.Count == expectedParked, 5000);
        Assert.Equal(expectedParked, idle.Count);
        return woke;
    }

    [Fact]
    public void WakesTheLaneThatParkedLast()
    {
        var idle = new IdleLanes();
        var first = ParkLane(idle, 1);
        var second = ParkLane(idle, 2);
        var third = ParkLane(idle, 3);

        idle.WakeOne();
        Assert.True(third.Wait(5000), "the most recently parked lane was not woken");
        Assert.False(first.Wait(100) || second.IsSet, "one wake woke more than one lane");
        Assert.Equal(2, idle.Count);

        idle.WakeOne();
        Assert.True(second.Wait(5000));
        Assert.False(first.Wait(100));
        idle.WakeOne();
        Assert.True(first.Wait(5000));
        Assert.Equal(0, idle.Count);
    }

    [Fact]
    public void AWakeWithNoLaneParkedLetsTheNextLaneGoOn()
    {
        var idle = new IdleLanes();
        idle.WakeOne();
        idle.Park(new ParkingSemaphore());   // returns at once: it takes the remembered wake
        Assert.Equal(0, idle.Count);

        var parked = ParkLane(idle, 1);      // the wake was used up: this one parks
        Assert.False(parked.Wait(200));
        idle.WakeOne();
        Assert.True(parked.Wait(5000));
    }

    [Fact]
    public void WakeAllReleasesParkedAndLaterLanes()
    {
        var idle = new IdleLanes();
        var lanes = new[] { ParkLane(idle, 1), ParkLane(idle, 2) };
        idle.WakeAll();
        Assert.All(lanes, woke => Assert.True(woke.Wait(5000)));
        idle.Park(new ParkingSemaphore());   // after shutdown nothing parks
        Assert.Equal(0, idle.Count);
    }
}
