using Google.Rpc;
using Grpc.Core;
using Kyodo.Budget.V1;
using Kyodo.Testing;
using Microsoft.EntityFrameworkCore;

namespace Kyodo.Budget.Tests;

// The budget service's own refusals in the language the caller's accept-language asks for; the
// reason a caller branches on and the field names stay the same in both.
public sealed class ErrorLanguageTests(BudgetSystemFixture system) : IClassFixture<BudgetSystemFixture>
{
    private static readonly Metadata Japanese = new() { { "accept-language", "ja" } };
    private static readonly Metadata English = new() { { "accept-language", "en-US" } };

    [Fact]
    public async Task ACostThatIsNotTheSumOfItsSourcesIsRefusedInJapaneseOrEnglishAsAskedAndNothingIsStored()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業");
        var request = new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 7_320_000, OtherYen = 347_000, GeneralRevenueYen = 6_000_000 },
        };

        var japanese = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => system.Budgets.CreateBudgetLineAsync(request, Japanese).ResponseAsync);
        var english = await RpcAssert.FailsWith(StatusCode.InvalidArgument,
            () => system.Budgets.CreateBudgetLineAsync(request, English).ResponseAsync);

        Assert.Equal("事業費 7,320,000 円は財源の合計 6,347,000 円と等しくなければなりません（差額 973,000 円）",
            RpcAssert.FieldViolations(japanese)["funding.cost_yen"]);
        Assert.Equal("事業費 7,320,000 yen must equal the sum of the funding sources 6,347,000 yen (difference 973,000 yen)",
            RpcAssert.FieldViolations(english)["funding.cost_yen"]);
        await using var db = system.OpenDatabase();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.ItemId == Guid.Parse(item.Id)));
    }

    [Fact]
    public async Task AReservationBeyondTheLineIsRefusedInJapaneseOrEnglishAsAskedAndReservesNothing()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "集会施設等補助金");
        var line = (await system.Budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, FiscalYear = 2019,
            Funding = new FundingBreakdown { CostYen = 100_000, GeneralRevenueYen = 100_000 },
        })).Line;
        ReserveRequest Reserve(string key) =>
            new() { IdempotencyKey = key, BudgetLineId = line.Id, AmountYen = 150_000, Purpose = "チャレンジ" };

        var japanese = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Budgets.ReserveAsync(Reserve($"ja-{line.Id}"), Japanese).ResponseAsync);
        var english = await RpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => system.Budgets.ReserveAsync(Reserve($"en-{line.Id}"), English).ResponseAsync);

        Assert.Equal("集会施設等補助金の2019年度の予算行で使える残額は 100,000 円です。求められた額は 150,000 円です（予算の範囲内）。", japanese.Status.Detail);
        Assert.Equal("Only 100,000 yen is still available on the FY2019 line of 集会施設等補助金; 150,000 yen was asked for.",
            english.Status.Detail);
        Assert.Equal(["BUDGET_EXHAUSTED", "BUDGET_EXHAUSTED"],
            new[] { japanese, english }.Select(e => e.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason));
        await using var db = system.OpenDatabase();
        Assert.False(await db.Reservations.AnyAsync(r => r.LineId == Guid.Parse(line.Id)));
    }

    [Fact]
    public async Task ANegativePrintedAmountIsRefusedWithTheYenReadersReasonInJapaneseOrEnglishAsAskedAndNothingIsStored()
    {
        var item = await KomoroItems.CreateAsync(system.Plans, "市民活動支援事業");
        var sheet = new UpsertItemSheetRequest
        {
            MunicipalityCode = KomoroItems.Komoro, ItemId = item.Id, Account = KomoroItems.PlanningAccount(),
            Years = { new SheetYear { FiscalYear = 2019, Cost = "7,320千円", NationalPrefectural = "0", LocalBond = "0", Other = "▲347千円",
                GeneralRevenue = "6,973千円" } },
        };

        var japanese =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Budgets.UpsertItemSheetAsync(sheet, Japanese).ResponseAsync);
        var english =
            await RpcAssert.FailsWith(StatusCode.InvalidArgument, () => system.Budgets.UpsertItemSheetAsync(sheet, English).ResponseAsync);

        Assert.Equal("金額（円）として読めません（負の金額は指定できません（「▲」は負の金額を表します））", RpcAssert.FieldViolations(japanese)["years[0].other"]);
        Assert.Equal("negative amounts are not allowed ('▲' marks a negative amount)",
            RpcAssert.FieldViolations(english)["years[0].other"]);
        await using var db = system.OpenDatabase();
        Assert.False(await db.BudgetLines.AnyAsync(l => l.ItemId == Guid.Parse(item.Id)));
    }
}
