using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

// A budget line belongs to its item's CURRENT lead department: when an admin moves the item to
// another department, the old department stops writing the line and the new one starts.
public sealed class LineFollowsItemLeadTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private const string Home = "99211";

    private BudgetService.BudgetServiceClient Editor(Guid department) =>
        new(system.BudgetService.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Editor, [department])));

    private static FundingBreakdown Yen(long cost) => new() { CostYen = cost, GeneralRevenueYen = cost };

    private PlanService.PlanServiceClient PlanAdmin => new(system.PlanService.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Admin)));

    /// <summary>The admin hands the item to 財政課.</summary>
    private async Task<Item> HandToFinanceAsync(Item item)
    {
        var fields = item.Fields.Clone();
        fields.Departments.Clear();
        fields.Departments.Add("財政課");
        return (await PlanAdmin.UpdateItemAsync(new UpdateItemRequest
        {
            Id = item.Id, Version = item.Version, Fields = fields,
            Placements = { item.Placements.Select(p => new PlacementInput { NodeId = p.NodeId, Code = p.Code, Primary = p.Primary }) },
        })).Item;
    }

    [Fact]
    public async Task AfterAnAdminMovesTheItemOnlyTheNewLeadDepartmentWritesItsLines()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, $"市民活動支援事業 {Guid.NewGuid():N}", "企画課", Home);
        var planning = Guid.Parse(item.Departments[0].Id);
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019, Funding = Yen(1_000_000) })).Line;

        var moved = await HandToFinanceAsync(item);
        var finance = Guid.Parse(moved.Departments[0].Id);
        await system.ItemRecordedAsync(moved); // past the consistency window (ConsistencyWindowTests look inside it)

        var oldEditor = Editor(planning);
        await AccessAssert.Denied("ReviseBudgetLine", () => oldEditor.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = Yen(2_000_000)
        }).ResponseAsync);
        await AccessAssert.Denied("Reserve", () => oldEditor.ReserveAsync(new ReserveRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id, AmountYen = 1, Purpose = "award" }).ResponseAsync);
        await AccessAssert.Denied("DeleteBudgetLine",
            () => oldEditor.DeleteBudgetLineAsync(new DeleteBudgetLineRequest { Id = line.Id, Version = line.Version }).ResponseAsync);
        Assert.Equal(line, (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line);

        var newEditor = Editor(finance);
        var revised = (await newEditor.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = Yen(2_000_000)
        })).Line;
        Assert.Equal(finance.ToString(), revised.Department.Id);
        Assert.Equal("財政課", revised.Department.Name);
        Assert.Equal(2_000_000, revised.Funding.CostYen);
        var reserved = await newEditor.ReserveAsync(new ReserveRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id, AmountYen = 100_000, Purpose = "award" });
        Assert.Equal(100_000, reserved.Reservation.AmountYen);

        await using var db = system.OpenDatabase();
        var stored = await db.BudgetLines.SingleAsync(l => l.Id == Guid.Parse(line.Id));
        Assert.Equal(finance, stored.DepartmentId);
        Assert.Equal("財政課", stored.DepartmentName);
        // Readers of the line's events (reporting, subsidy) learn the new department.
        await system.Events.WaitForAsync<BudgetLineRevised>(
            e => e.Line.BudgetLineId == Guid.Parse(line.Id) && e.Line.DepartmentId == finance);
        // Once re-stamped, the old department stays refused.
        await AccessAssert.Denied("Reserve", () => oldEditor.ReserveAsync(new ReserveRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id, AmountYen = 1, Purpose = "award" }).ResponseAsync);
    }

    [Fact]
    public async Task AskedForTheCurrentLeadALineAnswersTheItemsLeadNowAndWritesNothing()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, $"市民活動支援事業 {Guid.NewGuid():N}", "企画課", Home);
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019, Funding = Yen(1_000_000) })).Line;
        var moved = await HandToFinanceAsync(item);
        await system.ItemRecordedAsync(moved);
        var viewer = new BudgetService.BudgetServiceClient(system.BudgetService.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Viewer)));

        // Unasked, the line shows the department stamped at its last write.
        Assert.Equal(line, (await viewer.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line);
        var answer = await viewer.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id, CurrentLead = true });
        var current = answer.Line;
        Assert.Equal((Home, moved.Departments[0].Id, "財政課"),
            (current.Department.MunicipalityCode, current.Department.Id, current.Department.Name));
        // And what it knows of the item, for a caller that keeps the same facts (the subsidy service).
        Assert.Equal((item.Id, item.PlanId, moved.Revision, false, current.Department),
            (answer.Item.Id, answer.Item.PlanId, answer.Item.Revision, answer.Item.Deleted, answer.Item.Lead));
        var expected = line.Clone();
        expected.Department = current.Department;
        Assert.Equal(expected, current);

        // Once the item is gone the line belongs to no department (only admins act on it).
        var stored = (await system.Plans.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
        await PlanAdmin.DeleteItemAsync(new DeleteItemRequest { Id = item.Id, Version = stored.Version });
        await ItemFacts.WaitForDeletionAsync(system.BudgetDatabaseConnectionString, Guid.Parse(item.Id));
        var gone = await viewer.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id, CurrentLead = true });
        Assert.Null(gone.Line.Department);
        Assert.Equal((true, (Kyodo.Common.V1.DepartmentRef?)null), (gone.Item.Deleted, gone.Item.Lead));
        Assert.True(gone.Item.Revision > moved.Revision, "a deletion's revision is above every state the item had");

        Assert.Equal(line, (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line);
        await using var db = system.OpenDatabase();
        Assert.Equal(Guid.Parse(line.Department.Id), (await db.BudgetLines.SingleAsync(l => l.Id == Guid.Parse(line.Id))).DepartmentId);
        // No event was queued for the line beyond its creation: the outbox holds what any write queued,
        // whether or not the relay has published it yet.
        var aboutTheLine = (await db.Set<OutboxMessage>().AsNoTracking().ToListAsync()).Where(m => m.Payload.Contains(line.Id));
        Assert.Equal([typeof(BudgetLineCreated).FullName], aboutTheLine.Select(m => m.MessageType));
    }
}
