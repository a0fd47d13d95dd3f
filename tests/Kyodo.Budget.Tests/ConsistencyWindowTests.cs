using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

// The budget service decides whose a line is from its own record of the plan service's items, which
// the plan service's events keep. Between a change in the plan service and its event's arrival (the
// consistency window: a few milliseconds normally, as long as an outage of the broker or of the budget
// service's consumer lasts) it decides on the item as it was. Here the window is held open by cutting
// the budget service's way to the broker, then closed by restoring it.
public sealed class ConsistencyWindowTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private const string Home = "99215";

    private BudgetService.BudgetServiceClient Editor(string department) =>
        new(system.BudgetService.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Editor, [Guid.Parse(department)])));

    private PlanService.PlanServiceClient PlanAdmin => new(system.PlanService.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Admin)));

    private static FundingBreakdown Yen(long cost) => new() { CostYen = cost, GeneralRevenueYen = cost };

    private static ReviseBudgetLineRequest Supplementary(BudgetLine line, int number, long cost) => new()
    { Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = number, Funding = Yen(cost) };

    /// <summary>企画課's item with a FY2019 line, both known to the budget service.</summary>
    private async Task<(Item Item, BudgetLine Line)> PlanningLineAsync()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, $"市民活動支援事業 {Guid.NewGuid():N}", "企画課", Home);
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019, Funding = Yen(1_000_000) })).Line;
        await system.ItemRecordedAsync(item);
        return (item, line);
    }

    private async Task<BudgetLine> StoredLineAsync(string id) =>
        (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = id })).Line;

    [Fact]
    public async Task InsideTheWindowAMovedItemsLineIsStillTheOldDepartmentsAndOnceTheMoveArrivesOnlyTheNewDepartmentWritesIt()
    {
        var (item, line) = await PlanningLineAsync();
        var planning = item.Departments[0].Id;

        system.BudgetBrokerPath.TakeDown();
        Item moved;
        try
        {
            var fields = item.Fields.Clone();
            fields.Departments.Clear();
            fields.Departments.Add("財政課");
            moved = (await PlanAdmin.UpdateItemAsync(new UpdateItemRequest
            {
                Id = item.Id, Version = item.Version, Fields = fields,
                Placements = { item.Placements.Select(p => new PlacementInput { NodeId = p.NodeId, Code = p.Code, Primary = p.Primary }) },
            })).Item;

            // Inside the window: the budget service has not heard of the move.
            var written = (await Editor(planning).ReviseBudgetLineAsync(Supplementary(line, 1, 1_100_000))).Line;
            Assert.Equal((planning, 1_100_000L), (written.Department.Id, written.Funding.CostYen));
            await AccessAssert.Denied("ReviseBudgetLine (new lead, inside the window)",
                () => Editor(moved.Departments[0].Id).ReviseBudgetLineAsync(Supplementary(written, 2, 1_200_000)).ResponseAsync);
            var asked = await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id, CurrentLead = true });
            Assert.Equal((planning, item.Revision), (asked.Line.Department.Id, asked.Item.Revision));
            line = written;
        }
        finally
        {
            system.BudgetBrokerPath.BringUp();
        }

        // After it: the move has arrived, and the line is 財政課's.
        await system.ItemRecordedAsync(moved);
        var finance = moved.Departments[0].Id;
        await AccessAssert.Denied("ReviseBudgetLine (old lead, after the window)",
            () => Editor(planning).ReviseBudgetLineAsync(Supplementary(line, 2, 1_200_000)).ResponseAsync);
        await AccessAssert.Denied("Reserve (old lead, after the window)", () => Editor(planning).ReserveAsync(new ReserveRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id, AmountYen = 1, Purpose = "award" }).ResponseAsync);
        Assert.Equal(line, await StoredLineAsync(line.Id));

        var revised = (await Editor(finance).ReviseBudgetLineAsync(Supplementary(line, 2, 1_200_000))).Line;
        Assert.Equal((finance, "財政課", 1_200_000L), (revised.Department.Id, revised.Department.Name, revised.Funding.CostYen));
        await using var db = system.OpenDatabase();
        var stored = await db.BudgetLines.SingleAsync(l => l.Id == Guid.Parse(line.Id));
        Assert.Equal((Guid.Parse(finance), 1_200_000L), (stored.DepartmentId, stored.Funding.CostYen));
        await system.Events.WaitForAsync<BudgetLineRevised>(
            e => e.Line.BudgetLineId == stored.Id && e.Line.DepartmentId == Guid.Parse(finance));
    }

    [Fact]
    public async Task ALineWhoseItemWasDeletedIsItsEditorsOnlyUntilTheDeletionArrivesThenOnlyAnAdminsAndNoLineIsCreatedForTheItem()
    {
        var (item, line) = await PlanningLineAsync();
        var editor = Editor(item.Departments[0].Id);

        system.BudgetBrokerPath.TakeDown();
        try
        {
            var current = (await system.Plans.GetItemAsync(new GetItemRequest { Id = item.Id })).Item;
            await PlanAdmin.DeleteItemAsync(new DeleteItemRequest { Id = item.Id, Version = current.Version });

            // Inside the window the budget service still knows the item alive, its lead 企画課.
            var reserved = await editor.ReserveAsync(new ReserveRequest
            { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id, AmountYen = 1_000, Purpose = "award" });
            Assert.Equal(1_000, reserved.Reservation.AmountYen);
        }
        finally
        {
            system.BudgetBrokerPath.BringUp();
        }

        await ItemFacts.WaitForDeletionAsync(system.BudgetDatabaseConnectionString, Guid.Parse(item.Id));
        line = await StoredLineAsync(line.Id);
        var refused = await RpcAssert.FailsWith(StatusCode.NotFound,
            () => editor.ReviseBudgetLineAsync(Supplementary(line, 1, 2_000_000)).ResponseAsync);
        Assert.Equal($"item '{item.Id}' was not found.", refused.Status.Detail);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => editor.ReserveAsync(new ReserveRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id, AmountYen = 1, Purpose = "award" }).ResponseAsync);
        await RpcAssert.FailsWith(StatusCode.NotFound, () => system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2020, Funding = Yen(1) }).ResponseAsync);
        Assert.Equal(line, await StoredLineAsync(line.Id));
        var held = await system.Budgets.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = line.Id });
        Assert.Equal((1, 1_000L), (held.Reservations.Count, held.ReservedYen));

        // The line belongs to no department now: an admin's to change.
        var admin = new BudgetService.BudgetServiceClient(system.BudgetService.ChannelAs(TestAuth.UserToken(Home, KyodoRoles.Admin)));
        var revised = (await admin.ReviseBudgetLineAsync(Supplementary(line, 1, 2_000_000))).Line;
        Assert.Equal(2_000_000, revised.Funding.CostYen);
        await using var db = system.OpenDatabase();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.ItemId == Guid.Parse(item.Id) && l.FiscalYear == 2020));
    }
}
