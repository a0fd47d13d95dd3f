using Kyodo.Budget.V1;

namespace Kyodo.EndToEnd.Tests;

/// <summary>
/// The budget line end-to-end tests write when they need one with history: seed 000's
/// 市民活動支援事業 (一般会計 / 2 総務費 / 1 総務管理費 / 4 企画費, 7,320千円 = その他 347 + 一般財源
/// 6,973), then a first 補正 to 7,500千円. Two revisions, so a read model must keep the later one.
/// </summary>
internal static class KomoroLine
{
    public static async Task<BudgetLine> CreateAndReviseAsync(BudgetService.BudgetServiceClient budgets, string municipality, string itemId,
        int fiscalYear)
    {
        var line = (await budgets.CreateBudgetLineAsync(new CreateBudgetLineRequest
        {
            MunicipalityCode = municipality, ItemId = itemId, FiscalYear = fiscalYear,
            Funding = new FundingBreakdown { CostYen = 7_320_000, OtherYen = 347_000, GeneralRevenueYen = 6_973_000 },
            Account = new AccountClassification
            {
                Account = new AccountLevel { Name = "一般会計" }, Section = new AccountLevel { Number = "2", Name = "総務費" },
                Item = new AccountLevel { Number = "1", Name = "総務管理費" }, Subitem = new AccountLevel { Number = "4", Name = "企画費" },
            },
        })).Line;
        await budgets.ReviseBudgetLineAsync(new ReviseBudgetLineRequest
        {
            Id = line.Id, Version = line.Version, Stage = BudgetStage.Supplementary, SupplementaryNumber = 1,
            Funding = new FundingBreakdown { CostYen = 7_500_000, OtherYen = 347_000, GeneralRevenueYen = 7_153_000 },
        });
        return line;
    }
}
