using Tachyon.Engine.Lanes;
using Xunit;

namespace Tachyon.Engine.Tests;

public class ParkingSemaphoreTests
{
    [Fact]
    public void WaitParksUntilReleased()
    {
        var semaphore = new ParkingSemaphore();
        var woke = new ManualResetEventSlim(false);
        var waiter = new Thread(() => { semaphore.Wait(); woke.Set(); }) { IsBackground = true };
        waiter.Start();
        Assert.False(woke.Wait(200), "Wait returned without a permit");
        semaphore.Release();
        Assert.True(woke.Wait(5000), "Release did not wake the waiter");
    }

    [Fact]
    public void ReleaseCountsPermits()
    {
        var semaphore = new ParkingSemaphore();
        semaphore.Release(3);
        for (int i = 0; i < 3; i++) semaphore.Wait();   // three permits: none of these parks
        var fourth = new Thread(semaphore.Wait) { IsBackground = true };
        fourth.Start();
        Assert.False(fourth.Join(200), "a fourth Wait found a permit that was never released");
        semaphore.Release();
        Assert.True(fourth.Join(5000));
    }

    [Fact]
    public void EachReleaseWakesOneOfManyWaiters()
    {
        var semaphore = new ParkingSemaphore();
        int woken = 0;
        var waiters = Enumerable.Range(0, 4)
            .Select(_ => new Thread(() => { semaphore.Wait(); Interlocked.Increment(ref woken); }) { IsBackground = true })
            .ToList();
        waiters.ForEach(t => t.Start());
        Thread.Sleep(100);
        semaphore.Release(2);
        Thread.Sleep(300);
        Assert.Equal(2, Volatile.Read(ref woken));
        semaphore.Release(2);
        Assert.All(waiters, t => Assert.True(t.Join(5000)));
        Assert.Equal(4, woken);
    }
}
