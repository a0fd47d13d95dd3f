using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Contracts.Budget;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

/// <summary>
/// 繰越, 流用 and 予備費充用 as cities record them: each side in its line's history with the reason
/// and the other line, cost = Σ sources at every stage, and the stage itself left where it was.
/// Figures of 小諸市 市民活動支援事業 (seed 000): FY2019 7,320千円 = 347 + 6,973, FY2020 7,300千円 = 317 + 6,983.
/// </summary>
public sealed class BudgetAdjustmentTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private const string Komoro = KomoroItems.Komoro;
    private const string Reason = "施設改修工事の工期が年度を越えるため（繰越明許費）";

    private async Task<BudgetLine> LineAsync(string itemId, int year, long other, long general, AccountClassification? account = null) =>
        (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = Komoro, ItemId = itemId, FiscalYear = year, Account = account ?? KomoroItems.PlanningAccount(),
            Funding = new FundingBreakdown { CostYen = other + general, OtherYen = other, GeneralRevenueYen = general },
        })).Line;

    private async Task<BudgetLine> GetAsync(string id) =>
        (await system.Budgets.GetBudgetLineAsync(new GetBudgetLineRequest { Id = id })).Line;

    private async Task<IReadOnlyList<BudgetRevision>> HistoryAsync(string id) =>
        (await system.Budgets.GetBudgetLineHistoryAsync(new GetBudgetLineHistoryRequest { Id = id })).Revisions;

    private static FundingBreakdown General(long yen) => new() { CostYen = yen, GeneralRevenueYen = yen };

    private static bool CostIsSumOfSources(FundingBreakdown f) =>
        f.CostYen == f.NationalPrefecturalYen + f.LocalBondYen + f.OtherYen + f.GeneralRevenueYen;

    [Fact]
    public async Task ACarryoverMovesTheAmountIntoTheItemsNextYearAndBothLinesKeepItInTheirHistories()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業");
        var fy2019 = await LineAsync(item.Id, 2019, 347_000, 6_973_000);
        var fy2020 = await LineAsync(item.Id, 2020, 317_000, 6_983_000);

        var carried = (await system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = fy2019.Id, Version = fy2019.Version, Stage = BudgetStage.Carryover, Amount = General(1_000_000), Reason = Reason,
        })).Line;

        Assert.Equal((6_320_000L, 347_000L, 5_973_000L),
            (carried.Funding.CostYen, carried.Funding.OtherYen, carried.Funding.GeneralRevenueYen));
        Assert.Equal(BudgetStage.Initial, carried.Stage); // an adjustment leaves the stage where it was
        var next = await GetAsync(fy2020.Id);
        Assert.Equal((8_300_000L, 317_000L, 7_983_000L), (next.Funding.CostYen, next.Funding.OtherYen, next.Funding.GeneralRevenueYen));

        var out2019 = (await HistoryAsync(fy2019.Id))[^1];
        var in2020 = (await HistoryAsync(fy2020.Id))[^1];
        Assert.Equal((BudgetStage.Carryover, -1_000_000L, -1_000_000L, 0L, Reason, fy2020.Id),
            (out2019.Stage, out2019.Difference.CostYen, out2019.Difference.GeneralRevenueYen, out2019.Difference.OtherYen, out2019.Reason,
                out2019.CounterpartLineId));
        Assert.Equal((BudgetStage.Carryover, 1_000_000L, 1_000_000L, Reason, fy2019.Id),
            (in2020.Stage, in2020.Difference.CostYen, in2020.Difference.GeneralRevenueYen, in2020.Reason, in2020.CounterpartLineId));
        Assert.All((await HistoryAsync(fy2019.Id)).Concat(await HistoryAsync(fy2020.Id)), r => Assert.True(CostIsSumOfSources(r.Funding)));

        var (outEvent, _) = await system.Events.WaitForAsync<BudgetLineAdjusted>(e => e.BudgetLineId == Guid.Parse(fy2019.Id));
        var (inEvent, _) = await system.Events.WaitForAsync<BudgetLineAdjusted>(e => e.BudgetLineId == Guid.Parse(fy2020.Id));
        Assert.Equal(("Carryover", -1_000_000L, Guid.Parse(fy2020.Id), Reason),
            (outEvent.Kind, outEvent.Change.CostYen, outEvent.CounterpartLineId!.Value, outEvent.Reason));
        Assert.Equal(("Carryover", 1_000_000L, Guid.Parse(fy2019.Id)),
            (inEvent.Kind, inEvent.Change.CostYen, inEvent.CounterpartLineId!.Value));
        var (revised, _) = await system.Events.WaitForAsync<BudgetLineRevised>(e => e.Line.BudgetLineId == Guid.Parse(fy2020.Id));
        Assert.Equal(8_300_000, revised.Line.Funding.CostYen);

        // A later 補正 states the budget's own amounts; the carried-in money stays on top of them.
        var supplementary = (await system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = next.Id, Version = next.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = new FundingBreakdown { CostYen = 7_500_000, OtherYen = 317_000, GeneralRevenueYen = 7_183_000 },
        })).Line;
        Assert.Equal((8_500_000L, 8_183_000L), (supplementary.Funding.CostYen, supplementary.Funding.GeneralRevenueYen));
        Assert.Equal(200_000, (await HistoryAsync(fy2020.Id))[^1].Difference.CostYen);
    }

    [Fact]
    public async Task ACarryoverFromThePlansLastYearCreatesTheNextYearsLineWithTheSameClassification()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "各種団体連携事業");
        var fy2021 = await LineAsync(item.Id, 2021, 0, 31_191_000);

        await system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = fy2021.Id, Version = fy2021.Version, Stage = BudgetStage.Carryover, Amount = General(2_000_000), Reason = Reason,
        });

        var created = (await system.Budgets.ListBudgetLinesAsync(
            new ListBudgetLinesRequest { MunicipalityCode = Komoro, ItemId = item.Id, FiscalYear = 2022 })).Lines.Single();
        Assert.Equal((2_000_000L, 2_000_000L, "企画費"),
            (created.Funding.CostYen, created.Funding.GeneralRevenueYen, created.Account.Subitem.Name));
        Assert.Equal([BudgetStage.Initial, BudgetStage.Carryover], (await HistoryAsync(created.Id)).Select(r => r.Stage));
        var (event_, _) = await system.Events.WaitForAsync<BudgetLineCreated>(e => e.Line.BudgetLineId == Guid.Parse(created.Id));
        Assert.Equal(2_000_000, event_.Line.Funding.CostYen);
        // Asking for CARRYOVER lists the lines that had one, on both sides.
        var listed = (await system.Budgets.ListBudgetLinesAsync(
            new ListBudgetLinesRequest { MunicipalityCode = Komoro, ItemId = item.Id, Stage = BudgetStage.Carryover })).Lines;
        Assert.Equal([fy2021.Id, created.Id], listed.Select(l => l.Id).Order());
    }

    [Fact]
    public async Task ATransferMovesMoneyBetweenTwoLinesOfOneSectionAndIsRefusedBetweenSections()
    {
        var giving = await LineAsync((await KomoroItems.CreateAsync(system.Plans, "表彰事業")).Id, 2019, 0, 574_000);
        var receiving = await LineAsync((await KomoroItems.CreateAsync(system.Plans, "市民協働推進事業")).Id, 2019, 1_000, 33_915_000);
        var welfare = KomoroItems.PlanningAccount();
        welfare.Section = new AccountLevel { Number = "3", Name = "民生費" };
        var otherSection = await LineAsync((await KomoroItems.CreateAsync(system.Plans, "福祉事業")).Id, 2019, 0, 1_000_000, welfare);

        var refused =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
            {
                Id = giving.Id, Version = giving.Version, Stage = BudgetStage.Transfer, Amount = General(100_000), Reason = "不足",
                CounterpartLineId = otherSection.Id,
            }).ResponseAsync);
        Assert.Equal("TRANSFER_BETWEEN_SECTIONS", refused.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Equal(574_000, (await GetAsync(giving.Id)).Funding.CostYen);
        Assert.Equal(1_000_000, (await GetAsync(otherSection.Id)).Funding.CostYen);

        await system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = giving.Id, Version = giving.Version, Stage = BudgetStage.Transfer, Amount = General(74_000), Reason = "区長研修会の会場費不足",
            CounterpartLineId = receiving.Id,
        });
        Assert.Equal(500_000, (await GetAsync(giving.Id)).Funding.CostYen);
        Assert.Equal(33_990_000, (await GetAsync(receiving.Id)).Funding.CostYen);
        var (to, from) = ((await HistoryAsync(receiving.Id))[^1], (await HistoryAsync(giving.Id))[^1]);
        Assert.Equal((BudgetStage.Transfer, 74_000L, giving.Id), (to.Stage, to.Difference.CostYen, to.CounterpartLineId));
        Assert.Equal((BudgetStage.Transfer, -74_000L, receiving.Id), (from.Stage, from.Difference.CostYen, from.CounterpartLineId));
    }

    [Fact]
    public async Task AnAdjustmentTakingMoreThanASourceHoldsOrWithoutItsReasonChangesNothing()
    {
        var line = await LineAsync((await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業")).Id, 2019, 347_000, 6_973_000);

        var tooMuchOther =
            await RpcAssert.FailsWith(StatusCode.FailedPrecondition, () => system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
            {
                Id = line.Id, Version = line.Version, Stage = BudgetStage.Carryover, Reason = Reason,
                Amount = new FundingBreakdown { CostYen = 400_000, OtherYen = 400_000 },
            }).ResponseAsync);
        Assert.Equal("ADJUSTMENT_EXCEEDS_SOURCE", tooMuchOther.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
        Assert.Contains("その他", tooMuchOther.Status.Detail);

        var malformed =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
            {
                Id = line.Id, Version = line.Version, Stage = BudgetStage.Carryover,
                Amount = new FundingBreakdown { CostYen = 100, GeneralRevenueYen = 90 }, Funding = General(7_000_000),
            }).ResponseAsync);
        Assert.Equal(["amount.cost_yen", "funding", "reason"], RpcAssert.FieldViolations(malformed).Keys.Order());

        Assert.Single(await HistoryAsync(line.Id));
        await using var db = system.OpenDatabase();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.ItemId == Guid.Parse(line.ItemId) && l.FiscalYear == 2020));
    }

    [Fact]
    public async Task AReserveFundAppropriationAddsToTheLineAndANewLineCannotStartAsOne()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "市民協働推進事業");
        var line = await LineAsync(item.Id, 2019, 1_000, 33_915_000);

        var drawn = (await system.Budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.ReserveFund, Amount = General(500_000), Reason = "台風被害による集会施設の緊急修繕",
        })).Line;

        Assert.Equal((34_416_000L, 34_415_000L), (drawn.Funding.CostYen, drawn.Funding.GeneralRevenueYen));
        var last = (await HistoryAsync(line.Id))[^1];
        Assert.Equal((BudgetStage.ReserveFund, 500_000L, ""), (last.Stage, last.Difference.CostYen, last.CounterpartLineId));
        var refused =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
            {
                MunicipalityCode = Komoro, ItemId = item.Id, FiscalYear = 2020, Stage = BudgetStage.Carryover, Funding = General(1),
            }).ResponseAsync);
        Assert.Contains("ReviseBudgetLine", RpcAssert.FieldViolations(refused)["stage"]);
    }
}
