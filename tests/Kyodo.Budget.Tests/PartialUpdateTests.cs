using System.Net;
using Google.Protobuf.WellKnownTypes;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.Testing;

namespace Kyodo.Budget.Tests;

/// <summary>
/// ReviseBudgetLine changes what its update_mask names (gRPC) or its PATCH body holds (REST), and
/// nothing else: correcting a line's account classification leaves its stage and amounts as they
/// were, in storage and in the event.
/// </summary>
public sealed class PartialUpdateTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    [Theory, InlineData("grpc"), InlineData("rest")]
    public async Task ACorrectedAccountLeavesTheLinesStageAndFundingAsTheyWereInStorageAndInTheEvent(string transport)
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業");
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2019, Stage = BudgetStage.Supplementary,
            SupplementaryNumber = 1,
            Funding = new FundingBreakdown { CostYen = 7_320_000, OtherYen = 347_000, GeneralRevenueYen = 6_973_000 },
        })).Line;
        var account = KomoroItems.PlanningAccount();

        if (transport == "grpc")
        {
            await system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
            {
                Id = line.Id, Version = line.Version, Account = account, UpdateMask = new FieldMask { Paths = { "account" } },
            });
        }
        else
        {
            var (status, body) = await system.BudgetService.PatchAsync($"/budget/v1/lines/{line.Id}", new
            {
                version = line.Version,
                account = new
                {
                    account = new { name = "一般会計" }, section = new { number = "2", name = "総務費" },
                    item = new { number = "1", name = "総務管理費" }, subitem = new { number = "4", name = "企画費" },
                },
            });
            Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
        }

        var stored = (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line;
        Assert.Equal(account, stored.Account);
        Assert.Equal((BudgetStage.Supplementary, 1, line.Funding), (stored.Stage, stored.SupplementaryNumber, stored.Funding));
        var (revised, _) = await system.Events.WaitForAsync<BudgetLineRevised>(e => e.Line.BudgetLineId == Guid.Parse(line.Id));
        Assert.Equal(("一般会計/2 総務費/1 総務管理費/4 企画費", "Supplementary", 1, new FundingAmounts(7_320_000, 0, 0, 347_000, 6_973_000)),
            (revised.Line.AccountPath, revised.Line.Stage, revised.Line.SupplementaryNumber, revised.Line.Funding));
    }

    [Fact]
    public async Task AReserveFundAppropriationPatchedOverRestWithoutAMaskIsRecordedAndLeavesTheStageAsItWas()
    {
        // Its amount and reason are no fields of the line: the body's fields name only the stage,
        // which an adjustment leaves as it was.
        var item = await KomoroItems.CreateAsync(system.Plans, "市民協働推進事業");
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 1_000_000, GeneralRevenueYen = 1_000_000 },
        })).Line;

        var (status, body) = await system.BudgetService.PatchAsync($"/budget/v1/lines/{line.Id}", new
        {
            version = line.Version, stage = "BUDGET_STAGE_RESERVE_FUND", reason = "台風被害による集会施設の緊急修繕",
            amount = new { costYen = 500_000, generalRevenueYen = 500_000 },
        });

        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {body}");
        var stored = (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = line.Id })).Line;
        Assert.Equal((BudgetStage.Initial, 1_500_000L, 1_500_000L, line.Version + 1),
            (stored.Stage, stored.Funding.CostYen, stored.Funding.GeneralRevenueYen, stored.Version));
    }
}
