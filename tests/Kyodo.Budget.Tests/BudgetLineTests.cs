using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.ServiceDefaults.Messaging;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

public sealed class BudgetLineTests(BudgetServiceFixture fixture) : IClassFixture<BudgetServiceFixture>
{
    // 小諸市 事務事業 sheet (seed 000), 市民活動支援事業 FY2019 (令和元年度), in 千円:
    // 事業費 7,320 = 国・県支出金 0 + 地方債 0 + その他 347 + 一般財源 6,973.
    private static CreateBudgetLineRequest KomoroCivicActivitySupportFy2019(long generalRevenueYen = 6_973_000) => new()
    {
        MunicipalityCode = "20208",
        ItemId = "komoro-6-1-civic-activity-support",
        FiscalYear = 2019,
        Funding = new FundingBreakdown
        {
            CostYen = 7_320_000,
            NationalPrefecturalYen = 0,
            LocalBondYen = 0,
            OtherYen = 347_000,
            GeneralRevenueYen = generalRevenueYen,
        },
    };

    [Fact]
    public async Task SeedSheetLineWhoseSourcesAddUpIsStoredAndPublished()
    {
        var line = (await fixture.Client.CreateBudgetLineAsync(KomoroCivicActivitySupportFy2019())).Line;

        await using (var db = fixture.OpenDatabase())
        {
            var stored = await db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == Guid.Parse(line.Id));
            Assert.Equal((7_320_000L, 347_000L, 6_973_000L), (stored.Funding.CostYen, stored.Funding.OtherYen, stored.Funding.GeneralRevenueYen));
        }
        var read = (await fixture.Client.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line;
        Assert.Equal(7_320_000, read.Funding.CostYen);

        var (published, _) = await fixture.Events.WaitForAsync<BudgetLineCreated>(e => e.BudgetLineId == Guid.Parse(line.Id));
        Assert.Equal((2019, 7_320_000L, 6_973_000L), (published.FiscalYear, published.CostYen, published.GeneralRevenueYen));
    }

    [Fact]
    public async Task LineWhoseCostIsNotTheSumOfItsSourcesIsRejectedWithTheDifferenceAndNothingIsStored()
    {
        await using var db = fixture.OpenDatabase();
        var linesBefore = await db.BudgetLines.CountAsync();
        var outboxBefore = await db.Set<OutboxMessage>().CountAsync();

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => fixture.Client.CreateBudgetLineAsync(KomoroCivicActivitySupportFy2019(generalRevenueYen: 6_972_000)).ResponseAsync);

        Assert.Contains("difference 1,000 yen", RpcAssert.FieldViolations(ex)["funding.cost_yen"]);
        Assert.Equal(linesBefore, await db.BudgetLines.CountAsync());
        Assert.Equal(outboxBefore, await db.Set<OutboxMessage>().CountAsync());
    }

    [Fact]
    public async Task NegativeSourcesAndAMissingItemAreAllReportedTogether()
    {
        var request = KomoroCivicActivitySupportFy2019();
        request.ItemId = "";
        request.Funding.OtherYen = -347_000;
        request.Funding.GeneralRevenueYen = 7_667_000;

        var ex = await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => fixture.Client.CreateBudgetLineAsync(request).ResponseAsync);

        var violations = RpcAssert.FieldViolations(ex);
        Assert.Equal("is required", violations["item_id"]);
        Assert.Equal("must not be negative", violations["funding.other_yen"]);
    }
}
