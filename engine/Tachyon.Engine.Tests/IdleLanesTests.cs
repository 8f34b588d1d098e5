using Tachyon.Engine.Lanes;
using Xunit;

namespace Tachyon.Engine.Tests;

public class IdleLanesTests
{
    static SyncLane NewLane() => new() { ThreadIdent = 0 };

    // Parks a lane on its own thread; the returned event is set once it was woken.
    static ManualResetEventSlim ParkLane(IdleLanes idle, int expectedParked, SyncLane? lane = null)
    {
        var woke = new ManualResetEventSlim(false);
        lane ??= NewLane();
        new Thread(() => { idle.Park(lane); woke.Set(); }) { IsBackground = true }.Start();
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
        idle.Park(NewLane());   // returns at once: it takes the remembered wake
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
        idle.Park(NewLane());   // after shutdown nothing parks
        Assert.Equal(0, idle.Count);
    }

    [Fact]
    public void WakesAGivenLaneOutOfTurn()
    {
        var idle = new IdleLanes();
        var target = NewLane();
        var first = ParkLane(idle, 1);
        var middle = ParkLane(idle, 2, target);
        var last = ParkLane(idle, 3);

        idle.Wake(target);
        Assert.True(middle.Wait(5000), "the given lane was not woken");
        Assert.False(first.Wait(100) || last.IsSet, "another lane was woken");
        Assert.Equal(2, idle.Count);
        idle.Wake(target);   // not parked any more: nothing happens, no wake is remembered
        Assert.Equal(2, idle.Count);

        idle.WakeOne();
        Assert.True(last.Wait(5000), "the stack order of the others is kept");
        idle.WakeOne();
        Assert.True(first.Wait(5000));
    }

    [Fact]
    public void ALaneHandedACallDoesNotPark()
    {
        var idle = new IdleLanes();
        var lane = NewLane();
        Assert.True(lane.TryHand(42));
        idle.Park(lane);   // returns at once: the call was handed before it could park
        Assert.Equal(0, idle.Count);
        Assert.True(lane.TryTakeCall(out nint call));
        Assert.Equal(42, call);
        Assert.False(lane.HasCalls);
    }

    [Fact]
    public void ADrainingLaneRefusesCalls()
    {
        var lane = NewLane();
        lane.StartDrain();
        Assert.False(lane.TryHand(7), "a draining lane may be blocked in a handler");
        Assert.False(lane.HasCalls);
        lane.EndDrain();
        Assert.True(lane.TryHand(7));
        Assert.True(lane.HasCalls);
    }
}
