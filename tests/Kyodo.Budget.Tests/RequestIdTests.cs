using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

/// <summary>
/// A budget line created or revised again with its request_id (its first answer was lost) is stored and
/// announced once and answered as the first time; the id with another request is refused and changes nothing.
/// </summary>
public sealed class RequestIdTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    [Fact]
    public async Task ALineCreatedAgainWithItsRequestIdIsStoredOnceAnnouncedOnceAndAnsweredAsTheFirstTime()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "再送される事業", municipality: "99401");
        var request = Line("99401", item.Id, 1_000_000, Guid.NewGuid());

        var first = (await system.Budgets.CreateBudgetLineAsync(request)).Line;
        var again = (await system.Budgets.CreateBudgetLineAsync(request)).Line;

        Assert.Equal(first, again);
        await using var db = system.OpenDatabase();
        Assert.Equal(Guid.Parse(first.Id), Assert.Single(await db.BudgetLines.Where(l => l.MunicipalityCode == "99401").ToListAsync()).Id);
        Assert.Single(await OutboxRowsAsync(db, typeof(BudgetLineCreated), first.Id));
    }

    [Fact]
    public async Task TheSameRequestIdWithAnotherLineIsRefusedNamingTheConflictAndChangesNothing()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "取り違えられる事業", municipality: "99402");
        var requestId = Guid.NewGuid();
        var first = (await system.Budgets.CreateBudgetLineAsync(Line("99402", item.Id, 1_000_000, requestId))).Line;

        var refused = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Budgets.CreateBudgetLineAsync(Line("99402", item.Id, 2_000_000, requestId, fiscalYear: 2021)).ResponseAsync);

        Assert.Equal("REQUEST_ID_REUSED", refused.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Contains(requestId.ToString(), refused.Status.Detail);
        await using var db = system.OpenDatabase();
        var stored = Assert.Single(await db.BudgetLines.Where(l => l.MunicipalityCode == "99402").ToListAsync());
        Assert.Equal((Guid.Parse(first.Id), 2020), (stored.Id, stored.FiscalYear));
        Assert.Single(await OutboxRowsAsync(db, typeof(BudgetLineCreated), "99402"));
    }

    [Fact]
    public async Task ARevisionSentAgainWithItsRequestIdIsAppliedOnceAndAnsweredAsTheFirstTime()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "補正される事業", municipality: "99403");
        var line = (await system.Budgets.CreateBudgetLineAsync(Line("99403", item.Id, 1_000_000, Guid.NewGuid()))).Line;
        var revise = new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = new FundingBreakdown { CostYen = 1_200_000, GeneralRevenueYen = 1_200_000 }, RequestId = Guid.NewGuid().ToString(),
        };

        var first = (await system.Budgets.ReviseBudgetLineAsync(revise)).Line;
        var again = (await system.Budgets.ReviseBudgetLineAsync(revise)).Line;

        Assert.Equal(first, again);
        await using var db = system.OpenDatabase();
        Assert.Single(await OutboxRowsAsync(db, typeof(BudgetLineRevised), line.Id));
        Assert.Equal(2,
            (await db.BudgetLines.AsNoTracking().Include(l => l.Revisions).SingleAsync(l => l.Id == Guid.Parse(line.Id))).Revisions.Count);
    }

    private static CreateBudgetLineRequest Line(string municipality, string itemId, long costYen, Guid requestId, int fiscalYear = 2020) =>
        new()
        {
            MunicipalityCode = municipality, ItemId = itemId, FiscalYear = fiscalYear,
            Funding = new FundingBreakdown { CostYen = costYen, GeneralRevenueYen = costYen }, RequestId = requestId.ToString(),
        };

    /// <summary>The outbox rows of <paramref name="eventType"/> whose payload mentions <paramref name="text"/> (an id, a
    /// municipality).</summary>
    private static async Task<List<OutboxMessage>> OutboxRowsAsync(Data.BudgetDbContext db, Type eventType, string text) =>
        (await db.Set<OutboxMessage>().AsNoTracking().Where(m => m.MessageType == eventType.FullName).ToListAsync())
            .Where(m => m.Payload.Contains(text, StringComparison.Ordinal)).ToList();
}
