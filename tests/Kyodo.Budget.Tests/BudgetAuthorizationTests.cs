using Grpc.Core;
using Kyodo.Budget.Grpc;
using Kyodo.Budget.V1;
using Kyodo.Plan.V1;
using Kyodo.Security;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

// Who may do what in the budget service, and that its call to the plan service acts for the
// same caller. Negative cases first.
public sealed class BudgetAuthorizationTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private const string Home = "99201";
    private const string Foreign = "99202";

    private BudgetService.BudgetServiceClient As(string? token) => new(system.BudgetService.ChannelAs(token));

    private static SheetYear Sheet2020() =>
        new() { FiscalYear = 2020, Cost = "1千円", NationalPrefectural = "0", LocalBond = "0", Other = "0", GeneralRevenue = "1千円" };

    private static FundingBreakdown Yen(long cost) => new() { CostYen = cost, GeneralRevenueYen = cost };

    /// <summary>An item of <paramref name="department"/> in <paramref name="municipality"/> with a FY2019 line of ¥1,000,000 and one
    /// reservation on it.</summary>
    private async Task<(Item Item, Guid Department, BudgetLine Line, Reservation Reservation)> LineAsync(string municipality,
        string department = "企画課")
    {
        var item = await KomoroItems.CreateAsync(system.Plans, $"市民活動支援事業 {Guid.NewGuid():N}", department, municipality);
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = municipality, ItemId = item.Id, FiscalYear = 2019, Funding = Yen(1_000_000) })).Line;
        var reservation = (await system.Budgets.ReserveAsync(new ReserveRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id, AmountYen = 100_000, Purpose = "award" })).Reservation;
        line = (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line;
        return (item, Guid.Parse(item.Departments[0].Id), line, reservation);
    }

    private async Task AssertUnchangedAsync(BudgetLine line)
    {
        Assert.Equal(line, (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line);
        await using var db = system.OpenDatabase();
        Assert.Single(await db.Reservations.Where(r => r.LineId == Guid.Parse(line.Id)).ToListAsync());
    }

    [Fact]
    public async Task EveryKindOfBadTokenIsUnauthenticated()
    {
        var (item, _, line, _) = await LineAsync(Home);
        await AccessAssert.EveryBadTokenUnauthenticated(system.BudgetService, channel =>
            new BudgetService.BudgetServiceClient(channel).GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id }).ResponseAsync);
        await AccessAssert.EveryBadTokenUnauthenticated(system.BudgetService, channel =>
            new BudgetService.BudgetServiceClient(channel).ReserveAsync(new ReserveRequest
            { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id, AmountYen = 1, Purpose = "x" }).ResponseAsync);
        await AccessAssert.EveryBadTokenUnauthenticated(system.BudgetService, channel =>
            new BudgetService.BudgetServiceClient(channel).CreateBudgetLineAsync(new CreateBudgetLineRequest
            { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2020, Funding = Yen(1) }).ResponseAsync);
        await AssertUnchangedAsync(line);
        await using var db = system.OpenDatabase();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.ItemId == Guid.Parse(item.Id) && l.FiscalYear == 2020));
    }

    [Fact]
    public async Task AnotherMunicipalitysIdAnswersLikeAMissingOneOnEveryRpcAndChangesNothing()
    {
        var (foreignItem, _, line, reservation) = await LineAsync(Foreign);
        var admin = As(TestAuth.UserToken(Home, KyodoRoles.Admin));

        await AccessAssert.LikeMissing("GetBudgetLine", line.Id,
            id => admin.GetBudgetLineAsync(new GetBudgetLineRequest { Id = id }).ResponseAsync);
        await AccessAssert.LikeMissing("ReviseBudgetLine", line.Id, id => admin.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = Yen(2_000_000)
        }).ResponseAsync);
        await AccessAssert.LikeMissing("DeleteBudgetLine", line.Id,
            id => admin.DeleteBudgetLineAsync(new DeleteBudgetLineRequest { Id = id, Version = line.Version }).ResponseAsync);
        await AccessAssert.LikeMissing("GetBudgetLineHistory", line.Id,
            id => admin.GetBudgetLineHistoryAsync(new GetBudgetLineHistoryRequest { Id = id }).ResponseAsync);
        await AccessAssert.LikeMissing("GetReservations", line.Id,
            id => admin.GetReservationsAsync(new GetReservationsRequest { BudgetLineId = id }).ResponseAsync);
        await AccessAssert.LikeMissing("Reserve", line.Id, id => admin.ReserveAsync(new ReserveRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = id, AmountYen = 1, Purpose = "x" }).ResponseAsync);
        await AccessAssert.LikeMissing("Commit", reservation.Id, id => admin.CommitAsync(new CommitRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), ReservationId = id, AmountYen = 1 }).ResponseAsync);
        await AccessAssert.LikeMissing("Release", reservation.Id, id => admin.ReleaseAsync(new ReleaseRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), ReservationId = id }).ResponseAsync);
        // An item of another municipality, asked of the plan service with the caller's token.
        await AccessAssert.LikeMissing("CreateBudgetLine.item_id", foreignItem.Id,
            id => admin.CreateBudgetLineAsync(new CreateBudgetLineRequest
            { MunicipalityCode = Home, ItemId = id, FiscalYear = 2020, Funding = Yen(1) }).ResponseAsync);
        await AccessAssert.LikeMissing("UpsertItemSheet.item_id", foreignItem.Id,
            id => admin.UpsertItemSheetAsync(new UpsertItemSheetRequest
            { MunicipalityCode = Home, ItemId = id, Years = { Sheet2020() } }).ResponseAsync);

        await AssertUnchangedAsync(line);
        Assert.Single((await system.Budgets.GetBudgetLineHistoryAsync(new GetBudgetLineHistoryRequest { Id = line.Id })).Revisions);
    }

    [Fact]
    public async Task AnotherMunicipalitysCodeIsPermissionDenied()
    {
        var (item, _, _, _) = await LineAsync(Foreign);
        var admin = As(TestAuth.UserToken(Home, KyodoRoles.Admin));

        await AccessAssert.Denied("ListBudgetLines",
            () => admin.ListBudgetLinesAsync(new ListBudgetLinesRequest { MunicipalityCode = Foreign }).ResponseAsync, Foreign);
        await AccessAssert.Denied("GetBudgetTotals",
            () => admin.GetBudgetTotalsAsync(new GetBudgetTotalsRequest { MunicipalityCode = Foreign }).ResponseAsync, "municipality_code");
        await AccessAssert.Denied("CreateBudgetLine", () => admin.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Foreign, ItemId = item.Id, FiscalYear = 2020, Funding = Yen(1) }).ResponseAsync);
        await AccessAssert.Denied("UpsertItemSheet", () => admin.UpsertItemSheetAsync(new UpsertItemSheetRequest
        { MunicipalityCode = Foreign, ItemId = item.Id, Years = { Sheet2020() } }).ResponseAsync);

        await using var db = system.OpenDatabase();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.ItemId == Guid.Parse(item.Id) && l.FiscalYear == 2020));
    }

    [Fact]
    public async Task AnEditorOfAnotherDepartmentIsDeniedAndNothingChanges()
    {
        var (item, _, line, reservation) = await LineAsync(Home, "企画課");
        var other = (await system.Plans.CreateDepartmentAsync(
            new CreateDepartmentRequest { MunicipalityCode = Home, Name = $"財政課{Guid.NewGuid():N}" })).Department;
        var editor = As(TestAuth.UserToken(Home, KyodoRoles.Editor, Guid.Parse(other.Id)));

        await AccessAssert.Denied("ReviseBudgetLine", () => editor.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = Yen(2_000_000)
        }).ResponseAsync);
        await AccessAssert.Denied("DeleteBudgetLine",
            () => editor.DeleteBudgetLineAsync(new DeleteBudgetLineRequest { Id = line.Id, Version = line.Version }).ResponseAsync);
        await AccessAssert.Denied("Reserve", () => editor.ReserveAsync(new ReserveRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), BudgetLineId = line.Id, AmountYen = 1, Purpose = "x" }).ResponseAsync);
        await AccessAssert.Denied("Commit", () => editor.CommitAsync(new CommitRequest
        { IdempotencyKey = Guid.NewGuid().ToString(), ReservationId = reservation.Id, AmountYen = 1 }).ResponseAsync);
        await AccessAssert.Denied("Release", () => editor.ReleaseAsync(
            new ReleaseRequest { IdempotencyKey = Guid.NewGuid().ToString(), ReservationId = reservation.Id }).ResponseAsync);
        // Creating a line for an item its department does not lead is setting a department it may not: refused, naming the field.
        await AccessAssert.Denied("CreateBudgetLine", () => editor.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2020, Funding = Yen(1) }).ResponseAsync, "item_id");
        await AccessAssert.Denied("UpsertItemSheet", () => editor.UpsertItemSheetAsync(new UpsertItemSheetRequest
        { MunicipalityCode = Home, ItemId = item.Id, Years = { Sheet2020() } }).ResponseAsync, "item_id");

        await AssertUnchangedAsync(line);
        await using var db = system.OpenDatabase();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.ItemId == Guid.Parse(item.Id) && l.FiscalYear == 2020));
        // Reading stays municipality-wide.
        Assert.Equal(line.Id, (await editor.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line.Id);
    }

    [Fact]
    public async Task AViewerWritesNothing()
    {
        var (item, _, line, reservation) = await LineAsync(Home);
        var viewer = As(TestAuth.UserToken(Home, KyodoRoles.Viewer));

        Assert.Equal(line, (await viewer.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line);
        await AccessAssert.Denied("ReviseBudgetLine", () => viewer.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = Yen(2_000_000)
        }).ResponseAsync, "editor");
        await AccessAssert.Denied("Release", () => viewer.ReleaseAsync(
            new ReleaseRequest { IdempotencyKey = Guid.NewGuid().ToString(), ReservationId = reservation.Id }).ResponseAsync);
        await AccessAssert.Denied("CreateBudgetLine", () => viewer.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2020, Funding = Yen(1) }).ResponseAsync);
        await AssertUnchangedAsync(line);
    }

    [Fact]
    public async Task AnEditorsLineIsCreatedWithItsTokenAllTheWayToThePlanServiceAndRecordsItsSubject()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, $"協働事業 {Guid.NewGuid():N}", "企画課", Home);
        var editor = As(TestAuth.UserToken(Home, KyodoRoles.Editor, Guid.Parse(item.Departments[0].Id)));

        // Succeeds only if the plan service accepted the editor's token for GetItem.
        var line = (await editor.CreateBudgetLineAsync(new CreateBudgetLineRequest
        { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019, Funding = Yen(500_000) })).Line;

        Assert.Equal(item.Departments[0].Id, line.Department.Id);
        var history = (await system.Budgets.GetBudgetLineHistoryAsync(new GetBudgetLineHistoryRequest { Id = line.Id })).Revisions;
        Assert.Equal($"{KyodoRoles.Editor}@{Home}", history.Single().RevisedBy);
    }

    [Fact]
    public async Task AnItemNotSeenYetIsAskedOfThePlanServiceWithTheCallersTokenNotTheBudgetServicesOwn()
    {
        // The budget service hears no plan events meanwhile, so it has not seen the item and must ask.
        system.BudgetBrokerPath.TakeDown();
        try
        {
            var item = await KomoroItems.CreateAsync(system.Plans, $"協働事業 {Guid.NewGuid():N}", "企画課", Home);
            // kyodo.write lets it write budget lines, but without kyodo.read the plan service will not
            // show it the item: the plan service's refusal proves it saw this caller's token.
            var writeOnly = As(TestAuth.SystemToken(Home, KyodoScopes.Write));

            var ex =
                await RpcAssert.FailsWith(StatusCode.PermissionDenied, () => writeOnly.CreateBudgetLineAsync(new CreateBudgetLineRequest
                { MunicipalityCode = Home, ItemId = item.Id, FiscalYear = 2019, Funding = Yen(1) }).ResponseAsync);
            Assert.Contains(KyodoScopes.Read, ex.Status.Detail);
            Assert.Contains("GetItem", ex.Status.Detail);
            await using var db = system.OpenDatabase();
            Assert.False(await db.BudgetLines.AnyAsync(l => l.ItemId == Guid.Parse(item.Id)));
            // a refused answer records nothing
            Assert.Null(await ItemFacts.ReadAsync(system.BudgetDatabaseConnectionString, Guid.Parse(item.Id)));
        }
        finally
        {
            system.BudgetBrokerPath.BringUp();
        }
    }

    [Fact]
    public void EveryBudgetRpcIsDeclaredInTheAccessTableAndNothingElseIs()
    {
        Assert.Equal(BudgetService.Descriptor.FullName, BudgetAccess.Table.Service);
        Assert.Equal(BudgetService.Descriptor.Methods.Select(m => m.Name).Order(), BudgetAccess.Table.Rules.Keys.Order());
    }
}
