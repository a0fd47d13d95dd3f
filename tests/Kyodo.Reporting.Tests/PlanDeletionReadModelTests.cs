using Kyodo.Contracts.Plan;
using Kyodo.Reporting.ReadModels;
using Kyodo.Reporting.V1;
using Microsoft.EntityFrameworkCore;
using static Kyodo.Reporting.Tests.SummaryEvents;

namespace Kyodo.Reporting.Tests;

/// <summary>
/// PlanDeleted is the only event of a plan's deletion: the read model tombstones the plan's items
/// and nodes itself, and nothing of theirs published before the deletion revives them; but a plan
/// whose tombstone was a mistake brings them back when it lives again.
/// </summary>
public sealed class PlanDeletionReadModelTests(ReportingServiceFixture fixture) : IClassFixture<ReportingServiceFixture>
{
    private const string Code = "35210";
    private static readonly DateTimeOffset At = new(2020, 8, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly (Guid, string) Kikaku = (Guid.NewGuid(), "企画課");

    private static PlanNodeChanged Node(Guid plan, Guid id, int revision, DateTimeOffset at, bool deleted = false) =>
        new(Guid.NewGuid(), at, Code, plan, id, null, "推進方針", "Ⅰ", $"協働の推進 {revision}", 1, revision, deleted);

    /// <summary>The columns a deletion decides: tombstone, why, the row's own revision and time.</summary>
    private static (bool Deleted, int? WithPlan, int Revision, DateTimeOffset AsOf) State(ItemRow row) =>
        (row.Deleted, row.DeletedWithPlanRevision, row.Revision, row.AsOf);

    private static (bool Deleted, int? WithPlan, int Revision, DateTimeOffset AsOf) State(NodeRow row) =>
        (row.Deleted, row.DeletedWithPlanRevision, row.Revision, row.AsOf);

    [Fact]
    public async Task APlansDeletionTombstonesItsItemsAndNodesEvenAgainstTheirEventsArrivingAfterIt()
    {
        var (doomed, kept, node, keptNode) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var item = Item(doomed, Kikaku, "地域交流センターの設置", [new(1, "", 2020, ["実施"])], [], node);
        var deletedOnItsOwn = Item(doomed, Kikaku, "廃止した事業", [], [], node);
        var unseen = Item(doomed, Kikaku, "まだ届いていない事業", [], [], node);
        var other = Item(kept, Kikaku, "市民活動支援事業", [new(1, "", 2020, ["検討"])], [], keptNode);
        await fixture.PublishAndWaitAsync(
            PlanOf(Code, doomed, "協働推進プラン", 2019, 2021, At), PlanOf(Code, kept, "実施計画", 2019, 2021, At),
            Node(doomed, node, 1, At), Node(kept, keptNode, 1, At),
            Created(Code, item, At.AddMinutes(1)), Created(Code, deletedOnItsOwn, At.AddMinutes(1)), Created(Code, other, At.AddMinutes(1)),
            new ItemDeleted(Guid.NewGuid(), At.AddMinutes(2), Code, deletedOnItsOwn.ItemId, doomed, 2));

        await fixture.PublishAndWaitAsync(new PlanDeleted(Guid.NewGuid(), At.AddMinutes(10), Code, doomed, 2));
        // Published before the deletion, delivered after it: a newer state of the item and node, and an item not seen before.
        await fixture.PublishAndWaitAsync(
            new ItemUpdated(Guid.NewGuid(), At.AddMinutes(5), Code, item with { Revision = 7, Title = "地域交流センターの設置（改）" }),
            Node(doomed, node, 3, At.AddMinutes(5)),
            Created(Code, unseen, At.AddMinutes(6)));

        await using var db = fixture.OpenDatabase();
        var items = await db.Items.AsNoTracking().Where(i => i.PlanId == doomed).ToDictionaryAsync(i => i.ItemId);
        // Tombstones deleted with the plan (its tombstone's revision 2), each at its own newest revision and time.
        Assert.Equal((true, 2, 7, At.AddMinutes(5)), State(items[item.ItemId]));
        Assert.Equal((true, 2, 1, At.AddMinutes(6)), State(items[unseen.ItemId]));
        Assert.Equal((true, null, 2, At.AddMinutes(2)), State(items[deletedOnItsOwn.ItemId])); // deleted itself before
        Assert.Equal((true, 2, 3, At.AddMinutes(5)), State(await db.Nodes.AsNoTracking().SingleAsync(n => n.NodeId == node)));
        // The other plan is untouched.
        Assert.Equal((false, null, 1, At.AddMinutes(1)), State(await db.Items.AsNoTracking().SingleAsync(i => i.ItemId == other.ItemId)));
        Assert.Equal((false, null, 1, At), State(await db.Nodes.AsNoTracking().SingleAsync(n => n.NodeId == keptNode)));

        var summary =
            await fixture.Client.GetDepartmentSummaryAsync(new DepartmentSummaryRequest { MunicipalityCode = Code, FiscalYearFrom = 2020 });
        Assert.Equal([["企画課", "1", "1"], ["合計", "1", "1"]], summary.Tables.Single().Texts().Select(r => r[..3]));
        Assert.Equal("検討（事業数）", summary.Tables.Single().Columns[2].Name); // the deleted plan's 実施 is gone with it
    }

    [Fact]
    public async Task APlanTombstonedByMistakeBringsBackItsItemsAndNodesWhenItChangesAgainAndTheirNewerEventsApply()
    {
        const string code = "35211";
        var (plan, node) = (Guid.NewGuid(), Guid.NewGuid());
        var item = Item(plan, Kikaku, "市民活動の拠点機能の充実", [new(1, "", 2020, ["実施"])], [], node);
        var deletedOnItsOwn = Item(plan, Kikaku, "廃止した事業", [], [], node);
        await fixture.PublishAndWaitAsync(
            PlanOf(code, plan, "協働推進プラン", 2019, 2021, At), Node(plan, node, 1, At) with { MunicipalityCode = code },
            Created(code, item, At.AddMinutes(1)), Created(code, deletedOnItsOwn, At.AddMinutes(1)));
        await fixture.PublishAndWaitAsync(new ItemDeleted(Guid.NewGuid(), At.AddMinutes(2), code, deletedOnItsOwn.ItemId, plan, 2));

        // What a rebuild that did not find the plan listed does (it was live all along: listed from the wrong service, say).
        await using (var db = fixture.OpenDatabase())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var writer = new ReadModelWriter(db, fromLists: true);
            Assert.Equal(1, await writer.TombstoneUnlistedAsync(db.Plans, code, new HashSet<Guid> { plan }, new HashSet<Guid>(),
                At.AddHours(1), default));
            await db.SaveChangesAsync();
            Assert.Equal(2, await writer.TombstoneContentsAsync(code, plan, 1, default));
            await transaction.CommitAsync();
        }
        await using (var db = fixture.OpenDatabase())
        {
            Assert.True((await db.Plans.AsNoTracking().SingleAsync(p => p.PlanId == plan)).Deleted);
            Assert.Equal((true, 1, 1, At.AddMinutes(1)), State(await db.Items.AsNoTracking().SingleAsync(i => i.ItemId == item.ItemId)));
        }

        // The plan's next change revives it all.
        await fixture.PublishAndWaitAsync(new PlanUpdated(Guid.NewGuid(), At.AddMinutes(30), code, plan, "協働推進プラン（改定）", 2019, 2021, 2));

        await using (var db = fixture.OpenDatabase())
        {
            var planRow = await db.Plans.AsNoTracking().SingleAsync(p => p.PlanId == plan);
            Assert.Equal((false, "協働推進プラン（改定）", 2), (planRow.Deleted, planRow.Name, planRow.Revision));
            Assert.Equal((false, null, 1, At.AddMinutes(1)),
                State(await db.Items.AsNoTracking().SingleAsync(i => i.ItemId == item.ItemId)));
            Assert.Equal((false, null, 1, At), State(await db.Nodes.AsNoTracking().SingleAsync(n => n.NodeId == node)));
            // stays deleted
            Assert.Equal((true, null, 2, At.AddMinutes(2)),
                State(await db.Items.AsNoTracking().SingleAsync(i => i.ItemId == deletedOnItsOwn.ItemId)));
        }

        // Newer events of the item apply as usual.
        await fixture.PublishAndWaitAsync(
            new ItemUpdated(Guid.NewGuid(), At.AddMinutes(40), code, item with { Revision = 2, Title = "市民活動の拠点機能の充実・強化" }));
        await using (var db = fixture.OpenDatabase())
        {
            var row = await db.Items.AsNoTracking().SingleAsync(i => i.ItemId == item.ItemId);
            Assert.Equal(("市民活動の拠点機能の充実・強化", (false, (int?)null, 2, At.AddMinutes(40))), (row.Title, State(row)));
        }
        var list = await fixture.Client.GetPlanItemListAsync(new PlanReportRequest { MunicipalityCode = code, PlanId = plan.ToString() });
        Assert.Equal(["市民活動の拠点機能の充実・強化"], list.Tables.Single().Texts().Select(r => r[1]));
    }

    [Fact]
    public async Task ARebuildsCascadeThatReadAPlanAsDeletedLeavesItsContentsAloneWhenThePlanLivedAgainBeforeTheLock()
    {
        const string code = "35212";
        var (plan, node) = (Guid.NewGuid(), Guid.NewGuid());
        var item = Item(plan, Kikaku, "協働ラウンドテーブルの開催", [new(1, "", 2020, ["実施"])], [], node);
        await fixture.PublishAndWaitAsync(
            PlanOf(code, plan, "協働推進プラン", 2019, 2021, At), Node(plan, node, 1, At) with { MunicipalityCode = code },
            Created(code, item, At.AddMinutes(1)));
        // A rebuild tombstones the plan by mistake (revision 1) and commits; its cascade reads it as deleted...
        await using (var db = fixture.OpenDatabase())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(1, await new ReadModelWriter(db, fromLists: true).TombstoneUnlistedAsync(db.Plans, code,
                new HashSet<Guid> { plan }, new HashSet<Guid>(), At.AddHours(1), default));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        // ...but before it takes the plan's lock, the plan's next change is consumed: the plan lives, with nothing yet to revive.
        await fixture.PublishAndWaitAsync(new PlanUpdated(Guid.NewGuid(), At.AddMinutes(30), code, plan, "協働推進プラン（改定）", 2019, 2021, 2));

        await using (var db = fixture.OpenDatabase())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(0, await new ReadModelWriter(db, fromLists: true).TombstoneContentsAsync(code, plan, 1, default));
            await transaction.CommitAsync();
        }
        await using (var check = fixture.OpenDatabase())
        {
            Assert.Equal((false, null, 1, At.AddMinutes(1)),
                State(await check.Items.AsNoTracking().SingleAsync(i => i.ItemId == item.ItemId)));
            Assert.Equal((false, null, 1, At), State(await check.Nodes.AsNoTracking().SingleAsync(n => n.NodeId == node)));
        }
        var list = await fixture.Client.GetPlanItemListAsync(new PlanReportRequest { MunicipalityCode = code, PlanId = plan.ToString() });
        Assert.Equal(["協働ラウンドテーブルの開催"], list.Tables.Single().Texts().Select(r => r[1]));
    }
}
