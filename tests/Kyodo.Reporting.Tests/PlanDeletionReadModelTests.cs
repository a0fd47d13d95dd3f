using Kyodo.Contracts.Plan;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Tests.SummaryEvents;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// PlanDeleted is the only event of a plan's deletion: the read model tombstones the plan's items
/// and nodes itself, and nothing of theirs published before the deletion revives them.
/// </summary>
public sealed class PlanDeletionReadModelTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private const string Code = "35210";
    private static readonly DateTimeOffset At = new(2020, 8, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task APlansDeletionTombstonesItsItemsAndNodesForGoodEvenAgainstTheirEventsArrivingAfterIt()
    {
        var (doomed, kept, node, keptNode) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var kikaku = (Guid.NewGuid(), "企画課");
        var item = Item(doomed, kikaku, "地域交流センターの設置", [new(1, "", 2020, ["実施"])], [], node);
        var deletedOnItsOwn = Item(doomed, kikaku, "廃止した事業", [], [], node);
        var unseen = Item(doomed, kikaku, "まだ届いていない事業", [], [], node);
        var other = Item(kept, kikaku, "市民活動支援事業", [new(1, "", 2020, ["検討"])], [], keptNode);
        PlanNodeChanged Node(Guid plan, Guid id, int revision, DateTimeOffset at) => new(Guid.NewGuid(), at, Code, plan, id, null, "推進方針", "Ⅰ", "協働の推進", 1, revision, false);
        await fixture.PublishAndWaitAsync(
            PlanOf(Code, doomed, "協働推進プラン", 2019, 2021, At), PlanOf(Code, kept, "実施計画", 2019, 2021, At),
            Node(doomed, node, 1, At), Node(kept, keptNode, 1, At),
            Created(Code, item, At.AddMinutes(1)), Created(Code, deletedOnItsOwn, At.AddMinutes(1)), Created(Code, other, At.AddMinutes(1)),
            new ItemDeleted(Guid.NewGuid(), At.AddMinutes(2), Code, deletedOnItsOwn.ItemId, doomed, 2));

        var deletedAt = At.AddMinutes(10);
        await fixture.PublishAndWaitAsync(new PlanDeleted(Guid.NewGuid(), deletedAt, Code, doomed, 2));
        // Published before the deletion, delivered after it: a newer state of the item and node, and an item not seen before.
        await fixture.PublishAndWaitAsync(
            new ItemUpdated(Guid.NewGuid(), At.AddMinutes(5), Code, item with { Revision = 7, Title = "地域交流センターの設置（改）" }),
            Node(doomed, node, 3, At.AddMinutes(5)),
            Created(Code, unseen, At.AddMinutes(6)));

        await using var db = fixture.OpenDatabase();
        var items = await db.Items.AsNoTracking().Where(i => i.PlanId == doomed).ToListAsync();
        Assert.Equal(3, items.Count);
        Assert.All(items, row => Assert.Equal((true, ReadModelWriter.FinalRevision, deletedAt), (row.Deleted, row.Revision, row.AsOf)));
        Assert.Equal("地域交流センターの設置", items.Single(i => i.ItemId == item.ItemId).Title); // the late update was not applied
        var nodeRow = await db.Nodes.AsNoTracking().SingleAsync(n => n.NodeId == node);
        Assert.Equal((true, ReadModelWriter.FinalRevision, deletedAt), (nodeRow.Deleted, nodeRow.Revision, nodeRow.AsOf));
        // The other plan is untouched.
        var otherRow = await db.Items.AsNoTracking().SingleAsync(i => i.ItemId == other.ItemId);
        Assert.Equal((false, 1), (otherRow.Deleted, otherRow.Revision));
        Assert.False((await db.Nodes.AsNoTracking().SingleAsync(n => n.NodeId == keptNode)).Deleted);

        var summary = await fixture.Client.GetDepartmentSummaryAsync(new DepartmentSummaryRequest { MunicipalityCode = Code, FiscalYearFrom = 2020 });
        Assert.Equal([["企画課", "1", "1"]], summary.Tables.Single().Texts().Select(r => r[..3]));
        Assert.Equal("検討（事業数）", summary.Tables.Single().Columns[2].Name); // the deleted plan's 実施 is gone with it
    }
}
