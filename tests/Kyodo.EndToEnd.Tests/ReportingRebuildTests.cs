using Kyodo.Budget.V1;
using Kyodo.Common.V1;
using Kyodo.Plan.V1;
using Kyodo.Reporting;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.Rebuild;
using Kyodo.Reporting.V1;
using Kyodo.Subsidy.V1;
using Kyodo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// The reporting rebuild: read models rebuilt from the services' list APIs equal the ones
/// the events built, and events after a rebuild keep applying.
/// </summary>
public sealed partial class ReportingRebuildTests(SystemFixture system) : IClassFixture<SystemFixture>
{
    private const string Karuizawa = "20321";

    private PlanService.PlanServiceClient Plans => new(system.Gateway.Channel);
    private ReportingService.ReportingServiceClient Reports => new(system.Gateway.Channel);
    private BudgetService.BudgetServiceClient Budgets => new(system.Gateway.Channel);
    private SubsidyService.SubsidyServiceClient Subsidies => new(system.Gateway.Channel);

    [Fact]
    public async Task WipedReadModelsRebuiltFromTheListsEqualWhatTheEventsBuiltAndLaterEventsStillApply()
    {
        var written = await WriteAMunicipalityAsync();
        var snapshots = new ReadModelSnapshots(system.Reporting.Services, Karuizawa);
        var incremental = await snapshots.WhenSettledAsync(written.AllConsumed);
        var summary = await SummaryAsync(Karuizawa);
        AssertSummaryCountsOnlyTheLivePlan(summary);

        await snapshots.WipeAsync();
        Assert.True((await snapshots.TakeAsync()).IsEmpty);
        var rebuiltAt = DateTimeOffset.UtcNow;
        var counts = await RebuildAsync(Karuizawa);
        var rebuilt = await snapshots.TakeAsync();

        Assert.Equal((1, 2, 2, 3, 1, 1),
            (counts.Plans, counts.Nodes, counts.Items, counts.BudgetLines, counts.SubsidyPrograms, counts.PriorityGoals));
        Assert.Equal((3, 2), (counts.Applications, counts.Reservations));
        Assert.Equal(0, counts.Tombstoned); // the wiped tables had nothing left to tombstone
        // Every live row is equal column by column (revisions and snapshots included); the times of
        // kinds whose services keep no change time are the rebuild's own, checked apart below.
        ReadModelSnapshots.AssertLiveRowsEqual(incremental, rebuilt);
        Assert.All(rebuilt.TimelessRows, row => Assert.InRange(row.AsOf, rebuiltAt.AddSeconds(-1), DateTimeOffset.UtcNow));
        // The deleted item and line, and the deleted plan's items and nodes, were tombstones; after a
        // wipe nothing of them comes back (incrementally the plan's deletion tombstoned its contents
        // too, so the live rows above agree).
        Assert.DoesNotContain(rebuilt.Items, r => r.Id == written.DeletedItemId);
        Assert.DoesNotContain(rebuilt.BudgetLines, r => r.Id == written.DeletedLineId);
        Assert.DoesNotContain(rebuilt.Items, r => r.Id == written.DeletedPlan.ItemId);
        Assert.DoesNotContain(rebuilt.Nodes, r => r.Id == written.DeletedPlan.NodeId);
        // The report reads the same; only its freshness moved (departments and programs are dated by the rebuild).
        Assert.Equal(summary.Tables, (await SummaryAsync(Karuizawa)).Tables);

        // An event after the rebuild applies on top of the rebuilt revision.
        var indicator = written.ItemWithIndicator.Indicators[0];
        await Plans.RecordActualAsync(new RecordActualRequest
        {
            IndicatorId = indicator.Id, FiscalYear = "2021", Value = "14",
            ItemVersion = written.ItemWithIndicator.Version
        });
        var after = (await Plans.GetItemAsync(new GetItemRequest { Id = written.ItemWithIndicator.Id })).Item;
        var updated = await snapshots.WhenSettledAsync(s => s.Items.Any(r => r.Id == Guid.Parse(after.Id) && r.Revision == after.Revision));
        var row = updated.Items.Single(r => r.Id == Guid.Parse(after.Id));
        Assert.Equal(written.ItemWithIndicator.Revision + 1, row.Revision);
        Assert.Equal([(2020, 11m), (2021, 14m)], await snapshots.ActualsAsync(Guid.Parse(indicator.Id)));
        Assert.Equal(after.UpdatedAt.ToDateTimeOffset(), row.AsOf);
    }

    [Fact]
    public async Task ARebuildOverCurrentReadModelsChangesNothingAndTombstonesARecordWhoseDeletionWasMissed()
    {
        var written = await WriteAMunicipalityAsync("20322");
        var snapshots = new ReadModelSnapshots(system.Reporting.Services, "20322");
        var before = await snapshots.WhenSettledAsync(written.AllConsumed);
        var summary = await SummaryAsync("20322");

        // Nothing to do: every row already holds the listed revision, times included, and the deleted
        // plan's items and nodes are already the tombstones the rebuild would make of them.
        var counts = await RebuildAsync("20322");
        Assert.Equal(0, counts.Tombstoned);
        ReadModelSnapshots.AssertEqual(before, await snapshots.TakeAsync());
        Assert.Equal(summary, await SummaryAsync("20322"));
        AssertSummaryCountsOnlyTheLivePlan(summary);

        // An item is deleted, and the read model then loses that event (as if it had never arrived).
        var doomed = written.ItemWithIndicator;
        await Plans.DeleteItemAsync(new DeleteItemRequest { Id = doomed.Id, Version = doomed.Version });
        var deleted = await snapshots.WhenSettledAsync(s => s.Items.Any(r => r.Id == Guid.Parse(doomed.Id) && r.Deleted));
        var deletionRevision = deleted.Items.Single(r => r.Id == Guid.Parse(doomed.Id)).Revision;
        Assert.Equal(doomed.Revision + 1, deletionRevision); // what ItemDeleted carries
        await snapshots.RestoreAsync(before.Items.Single(r => r.Id == Guid.Parse(doomed.Id)));
        // The summary of the restored rows, now kept at the stamp the restore left (docs/decisions/040).
        Assert.Equal(summary, await SummaryAsync("20322"));
        var stamp = await snapshots.StampAsync();

        counts = await RebuildAsync("20322");

        // The rebuild's tombstone moved the stamp: the kept summary is computed again, one item fewer.
        Assert.True(await snapshots.StampAsync() > stamp);
        Assert.Equal(summary.Tables.Single().Rows[^1].Cells[1].Integer - 1,
            (await SummaryAsync("20322")).Tables.Single().Rows[^1].Cells[1].Integer); // 合計's 事業数

        var after = await snapshots.TakeAsync();
        Assert.Equal(1, counts.Tombstoned);
        var tombstone = after.Items.Single(r => r.Id == Guid.Parse(doomed.Id));
        Assert.True(tombstone.Deleted);
        // At the revision it had: an older or duplicate event cannot revive it, the lost ItemDeleted still applies.
        Assert.Equal(doomed.Revision, tombstone.Revision);
        ReadModelSnapshots.AssertEqual(before with { Items = [.. before.Items.Where(r => r.Id != tombstone.Id)] },
            after with { Items = [.. after.Items.Where(r => r.Id != tombstone.Id)] });
    }

    private async Task<Report> SummaryAsync(string municipality) =>
        await Reports.GetDepartmentSummaryAsync(new DepartmentSummaryRequest { MunicipalityCode = municipality, FiscalYearFrom = 2021 });

    /// <summary>
    /// FY2021: only 協働推進課's items of the live plan with their two lines (7,500,000 + 1,000,000),
    /// the open award (150,000) and the settled one (80,000 of 100,000), three applications; nothing of
    /// the deleted plan's 企画課 item and its 3,000,000 line.
    /// </summary>
    private static void AssertSummaryCountsOnlyTheLivePlan(Report summary)
    {
        var table = summary.Tables.Single();
        Assert.Equal(["協働推進課", "合計"], table.Rows.Select(r => r.Cells[0].Text)); // one department, and the total
        string Value(string column) => table.Rows[0].Cells[table.Columns.ToList().FindIndex(c => c.Name == column)] is var cell
            && cell.ValueCase == Cell.ValueOneofCase.Text ? cell.Text
                : cell.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["協働推進課", "2", "8500000", "150000", "80000", "3", "2", "250000", "80000"],
            new[] { "部署", "事業数", "事業費", "確保額（未執行）", "執行額", "補助金申請数", "交付決定数", "交付決定額", "確定額" }.Select(Value));
    }

    /// <summary>
    /// Runs the rebuild as the command does: against the services' own addresses (or another plan
    /// service's), with a token minted from the Auth section, on the system clock (or another).
    /// </summary>
    private Task<RebuildCounts> RebuildAsync(string municipality, Uri? plan = null, TimeProvider? clock = null) =>
        Rebuilds.RunAsync(system, municipality, plan, clock);
}

/// <summary>Runs reporting's rebuild of one municipality in process, reading the system's services as the rebuild command would.</summary>
internal static class Rebuilds
{
    public static async Task<RebuildCounts> RunAsync(SystemFixture system, string municipality, Uri? plan = null,
        TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestAuth.Settings).Build();
        var token = RebuildToken.From(configuration, TimeSpan.FromMinutes(5));
        Assert.NotNull(token);
        using var sources =
            new RebuildSources(plan ?? system.Plan.GrpcAddress, system.Budget.GrpcAddress, system.Subsidy.GrpcAddress, token);
        var rebuild = new ReadModelRebuild(system.Reporting.Services.GetRequiredService<IServiceScopeFactory>(), sources,
            clock ?? TimeProvider.System, NullLogger<ReadModelRebuild>.Instance);
        return (await rebuild.RunAsync(municipality, CancellationToken.None)).Single();
    }
}
