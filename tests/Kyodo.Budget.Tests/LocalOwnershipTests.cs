using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;

namespace Kyodo.Budget.Tests;

// Whose a line is and whether its item exists, the budget service answers from its own database:
// it keeps the plan service's items as their events tell (plan_item_facts). The plan service is
// asked only about an item the budget service has not seen yet, once, with the caller's token.
public sealed class LocalOwnershipTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private const string Home = "99216";
    private const string GetItem = "/kyodo.plan.v1.PlanService/GetItem";

    private static FundingBreakdown Yen(long cost) => new() { CostYen = cost, GeneralRevenueYen = cost };

    private int GetItemCallsWith(string token) =>
        system.PlanCalls.Calls.Count(c => c.Method == GetItem && c.Authorization == "Bearer " + token);

    private static UpsertItemSheetRequest Sheet(Item item, string cost) => new()
    {
        MunicipalityCode = Home, ItemId = item.Id,
        Years = { Year(2020, cost), Year(2021, cost) },
    };

    private static SheetYear Year(int fiscalYear, string cost) =>
        new() { FiscalYear = fiscalYear, Cost = cost, NationalPrefectural = "0", LocalBond = "0", Other = "0", GeneralRevenue = cost };

    [Fact]
    public async Task OnceTheItemIsKnownAnEditorsWritesAndReservationsAskThePlanServiceNothing()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, $"市民活動支援事業 {Guid.NewGuid():N}", "企画課", Home);
        await system.ItemRecordedAsync(item); // from its ItemCreated event
        var token = TestAuth.UserToken(Home, KyodoRoles.Editor, [Guid.Parse(item.Departments[0].Id)]);
        var editor = new BudgetService.BudgetServiceClient(system.BudgetService.ChannelAs(token));

        var line = (await editor.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019, Funding = Yen(1_000_000) })).Line;
        var sheet = await editor.UpsertItemSheetAsync(Sheet(item, "500千円"));
        var revised = (await editor.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = Yen(1_200_000)
        })).Line;
        var reserved = await editor.ReserveAsync(new ReserveRequest
        {
            IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id,
            AmountYen = 10_000, Purpose = "award"
        });
        await editor.CommitAsync(
            new CommitRequest { IdempotencyKey = Guid.NewGuid().ToString(), ReservationId = reserved.Reservation.Id, AmountYen = 9_000 });

        Assert.Equal((item.Departments[0].Id, 2, 1_200_000L, 1_191_000L),
            (line.Department.Id, sheet.Created, revised.Funding.CostYen,
                (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line.AvailableYen));
        Assert.Equal(0, GetItemCallsWith(token));
    }

    [Fact]
    public async Task AnItemNotSeenYetIsAskedOfThePlanServiceOnceAndRecorded()
    {
        Item item;
        string token;
        system.BudgetBrokerPath.TakeDown(); // no ItemCreated reaches the budget service
        try
        {
            item = await KomoroItems.CreateAsync(system.Plans, $"市民活動支援事業 {Guid.NewGuid():N}", "企画課", Home);
            token = TestAuth.UserToken(Home, KyodoRoles.Editor, [Guid.Parse(item.Departments[0].Id)]);
            var editor = new BudgetService.BudgetServiceClient(system.BudgetService.ChannelAs(token));
            Assert.Null(await ItemFacts.ReadAsync(system.BudgetDatabaseConnectionString, Guid.Parse(item.Id)));

            await editor.CreateBudgetLineAsync(
                new CreateBudgetLineRequest { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019, Funding = Yen(1) });
            Assert.Equal(1, GetItemCallsWith(token));
            Assert.Equal((item.Revision, false, Guid.Parse(item.Departments[0].Id)),
                await ItemFacts.ReadAsync(system.BudgetDatabaseConnectionString, Guid.Parse(item.Id)));

            await editor.UpsertItemSheetAsync(Sheet(item, "2千円"));
            Assert.Equal(1, GetItemCallsWith(token));
        }
        finally
        {
            system.BudgetBrokerPath.BringUp();
        }
    }
}
