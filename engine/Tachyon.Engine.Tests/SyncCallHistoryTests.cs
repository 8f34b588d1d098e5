using System.Diagnostics;
using Tachyon.Engine.Binding;
using Tachyon.Engine.Lanes;
using Xunit;

namespace Tachyon.Engine.Tests;

public class SyncCallHistoryTests
{
    static readonly long Quick = Stopwatch.Frequency / 10_000;   // 0.1 ms
    static readonly long Long = Stopwatch.Frequency / 50;        // 20 ms

    static SyncCallHistory Promoted()
    {
        var history = new SyncCallHistory();
        for (int i = 0; i < 32; i++) history.RecordLaneCall(waited: false);
        Assert.True(history.RunsInline);
        return history;
    }

    [Fact]
    public void ThirtyTwoCallsInARowWithoutAWaitPromoteTheRoute()
    {
        var history = new SyncCallHistory();
        for (int i = 0; i < 31; i++) history.RecordLaneCall(waited: false);
        Assert.True(history.OnProbation);
        Assert.False(history.RunsInline);
        history.RecordLaneCall(waited: false);
        Assert.True(history.RunsInline);
        Assert.False(history.OnProbation);
    }

    [Fact]
    public void AWaitOnTrialStartsTheCountAgain()
    {
        var history = new SyncCallHistory();
        for (int i = 0; i < 31; i++) history.RecordLaneCall(waited: false);
        history.RecordLaneCall(waited: true);
        for (int i = 0; i < 31; i++) history.RecordLaneCall(waited: false);
        Assert.False(history.RunsInline);
        history.RecordLaneCall(waited: false);
        Assert.True(history.RunsInline);
    }

    [Fact]
    public void ARouteThatWaitsThreeTimesOnTrialStaysOnTheLanes()
    {
        var history = new SyncCallHistory();
        for (int i = 0; i < 3; i++) history.RecordLaneCall(waited: true);
        for (int i = 0; i < 100; i++) history.RecordLaneCall(waited: false);
        Assert.False(history.RunsInline);
        Assert.False(history.OnProbation);
    }

    [Fact]
    public void ARouteWhoseLaneCallsRarelyWaitIsPromotedAnyway()
    {
        // Lanes contend for the GIL under load: one call in ten looks like a wait, no run of 32 is clean.
        var history = new SyncCallHistory();
        for (int i = 0; i < 200 && !history.RunsInline; i++) history.RecordLaneCall(waited: i % 10 == 9);
        Assert.True(history.RunsInline);
        history.RecordInlineCall(Quick);
        Assert.True(history.RunsInline);
        history.RecordInlineCall(Long);   // the trial's waits count inline (two of them), as after a run of clean calls
        Assert.False(history.RunsInline);
    }

    [Fact]
    public void ARouteWhoseLaneCallsMostlyWaitStaysOnTheLanes()
    {
        var history = new SyncCallHistory();
        for (int i = 0; i < 200; i++) history.RecordLaneCall(waited: i % 3 != 0);
        Assert.False(history.RunsInline);
        Assert.False(history.OnProbation);
    }

    [Fact]
    public void LongInlineCallsSendTheRouteBackForGood()
    {
        var history = Promoted();
        history.RecordInlineCall(Long);
        history.RecordInlineCall(Quick);
        history.RecordInlineCall(Long);
        Assert.True(history.RunsInline);
        history.RecordInlineCall(Long);
        Assert.False(history.RunsInline);
        Assert.False(history.OnProbation);
    }

    [Fact]
    public void WaitsOnTrialCountTowardsTheVerdictInline()
    {
        var history = new SyncCallHistory();
        history.RecordLaneCall(waited: true);
        history.RecordLaneCall(waited: true);
        for (int i = 0; i < 32; i++) history.RecordLaneCall(waited: false);
        Assert.True(history.RunsInline);
        history.RecordInlineCall(Long);
        Assert.False(history.RunsInline);
    }

    [Fact]
    public void ABlockedCallSendsTheRouteBackAtOnce()
    {
        var history = Promoted();
        history.Blocked();
        Assert.False(history.RunsInline);
        Assert.False(history.OnProbation);
    }

    [Fact]
    public void TheWatcherSendsBackTheRouteOfACallStillRunningAfterFiftyMilliseconds()
    {
        DispatchPlan Plan() => new() { Handler = 0, IsAsync = false, StatusCode = 200, Parameters = [], Binder = 0, ErrorHandler = 0 };
        var (blocked, quick) = (Plan(), Plan());
        for (int i = 0; i < 32; i++) { blocked.SyncCalls.RecordLaneCall(false); quick.SyncCalls.RecordLaneCall(false); }
        var calling = new Thread(() =>
        {
            InlineCallWatch.Begin(quick, Stopwatch.GetTimestamp());
            InlineCallWatch.End();
            InlineCallWatch.Begin(blocked, Stopwatch.GetTimestamp());
            Thread.Sleep(400);
            InlineCallWatch.End();
        });
        calling.Start();
        Assert.True(SpinWait.SpinUntil(() => !blocked.SyncCalls.RunsInline, 300), "the blocked call's route stayed inline");
        Assert.True(quick.SyncCalls.RunsInline);
        calling.Join();
    }

    [Fact]
    public void ManyQuickCallsForgiveARareLongOne()
    {
        var history = Promoted();
        for (int round = 0; round < 10; round++)
        {
            history.RecordInlineCall(Long);
            for (int i = 0; i < 4096; i++) history.RecordInlineCall(Quick);
        }
        Assert.True(history.RunsInline);
    }
}
