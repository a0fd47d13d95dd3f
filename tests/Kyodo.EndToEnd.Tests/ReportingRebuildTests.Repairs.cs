using Kyodo.Common.V1;
using Kyodo.Plan;
using Kyodo.Plan.V1;
using Kyodo.Reporting.V1;
using Kyodo.Testing;

namespace Kyodo.EndToEnd.Tests;

/// <summary>What a rebuild tombstones by mistake it repairs; and it makes no such mistake for a record created while it runs.</summary>
public sealed partial class ReportingRebuildTests
{
    [Fact]
    public async Task APlanARebuildTombstonedByMistakeComesBackWithItsItemsAndNodesOnTheNextRebuild()
    {
        const string code = "20324";
        var written = await WriteAMunicipalityAsync(code);
        var snapshots = new ReadModelSnapshots(system.Reporting.Services, code);
        var before = await snapshots.WhenSettledAsync(written.AllConsumed);
        var summary = await SummaryAsync(code);

        // A rebuild pointed at the wrong plan service (one holding nothing): every plan record of the
        // municipality is unlisted, so the live plan is tombstoned and its items and nodes with it.
        var infrastructure = await TestInfrastructure.GetAsync();
        await using (var emptyDatabase = await TestDatabase.CreateAsync(infrastructure, "e2e_wrong_plan"))
        await using (var ownVirtualHost = await TestVirtualHost.CreateAsync(infrastructure, "wrong-plan"))
        await using (var wrongPlanService =
            await ServiceUnderTest.StartAsync(PlanApp.Create, ServiceSettings.For("Plan", emptyDatabase, ownVirtualHost)))
            await RebuildAsync(code, plan: wrongPlanService.GrpcAddress);
        var mistaken = await snapshots.TakeAsync();
        var livePlan = before.Plans.Single(p => !p.Deleted);
        Assert.True(mistaken.Plans.Single(p => p.Id == livePlan.Id).Deleted);
        var liveItems = before.Items.Where(i => !i.Deleted).Select(i => i.Id).ToList();
        Assert.Equal(2, liveItems.Count);
        Assert.All(mistaken.Items.Where(i => liveItems.Contains(i.Id)), i => Assert.True(i.Deleted));
        Assert.All(mistaken.Nodes, n => Assert.True(n.Deleted));
        Assert.Equal(["合計"], (await SummaryAsync(code)).Tables.Single().Rows.Select(r => r.Cells[0].Text)); // a total of nothing

        // The right plan service lists them all again: the same live rows as before, the same report.
        var counts = await RebuildAsync(code);

        Assert.Equal(0, counts.Tombstoned);
        var repaired = await snapshots.TakeAsync();
        ReadModelSnapshots.AssertLiveRowsEqual(before, repaired);
        Assert.Equal(summary.Tables, (await SummaryAsync(code)).Tables);
        AssertSummaryCountsOnlyTheLivePlan(summary);
        // What really was deleted stays so: the deleted plan with its item and node, the item deleted on its own.
        Assert.All(new[] { written.DeletedPlan.ItemId, written.DeletedItemId },
            id => Assert.True(repaired.Items.Single(i => i.Id == id).Deleted));
        Assert.True(repaired.Nodes.Single(n => n.Id == written.DeletedPlan.NodeId).Deleted);
    }

    [Fact]
    public async Task APlanCreatedWhileARebuildRunsStaysLiveThoughItsEventTimeIsBeforeTheRebuildsClock()
    {
        const string code = "20325";
        var municipality = new MunicipalityRef { Code = code, Name = "立科町" };
        var first = (await Plans.CreatePlanAsync(
            new CreatePlanRequest { Municipality = municipality, Name = "協働推進プラン", StartFiscalYear = "R3", EndFiscalYear = "R5" })).Plan;
        var snapshots = new ReadModelSnapshots(system.Reporting.Services, code);
        await snapshots.WhenSettledAsync(s => s.Plans.Count == 1);

        // This rebuild's clock runs an hour ahead of the plan service's; after it has read the lists
        // (its second look at the clock), a second plan is created and consumed.
        Kyodo.Plan.V1.Plan? second = null;
        var clock = new ClockAhead(TimeSpan.FromHours(1), async () =>
        {
            second = (await Plans.CreatePlanAsync(new CreatePlanRequest
            {
                Municipality = municipality, Name = "第2次協働推進プラン",
                StartFiscalYear = "R6", EndFiscalYear = "R8"
            })).Plan;
            await snapshots.WhenSettledAsync(s => s.Plans.Count == 2);
        });

        var counts = await RebuildAsync(code, clock: clock);

        Assert.Equal((1, 0), (counts.Plans, counts.Tombstoned)); // it listed the first plan only, and left the second alone
        var plans = (await snapshots.TakeAsync()).Plans;
        Assert.Equal(2, plans.Count);
        Assert.All(plans, p => Assert.False(p.Deleted));
        Assert.Contains(plans, p => p.Id == Guid.Parse(second!.Id));
        var list = await Reports.GetPlanItemListAsync(new PlanReportRequest { MunicipalityCode = code, PlanId = second!.Id });
        Assert.Equal("第2次協働推進プラン 推進項目一覧表", list.Title);
    }

    /// <summary>A clock ahead of the real one by <paramref name="ahead"/> that, the second time it is read, first runs
    /// <paramref name="onSecondLook"/>.</summary>
    private sealed class ClockAhead(TimeSpan ahead, Func<Task> onSecondLook) : TimeProvider
    {
        private int _looks;

        public override DateTimeOffset GetUtcNow()
        {
            // The rebuild reads the clock synchronously; the action runs on the thread pool meanwhile.
            if (Interlocked.Increment(ref _looks) == 2) Task.Run(onSecondLook).GetAwaiter().GetResult();
            return base.GetUtcNow() + ahead;
        }
    }
}
