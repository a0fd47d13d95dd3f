using Kyodo.Budget.V1;
using Kyodo.Cli.Seed;

namespace Kyodo.Cli.Import;

/// <summary>
/// A sheet's years that a budget line already holds, checked before anything is written against
/// what the budget service would refuse when revising them (BudgetLine.Revise): a settled (決算)
/// line is final, a stage never goes back, and the cost never drops below what subsidies hold.
/// Revisions are written last in a document and cannot be undone, so the import must not get
/// there with one the service will refuse.
/// </summary>
internal static class HeldSheetChecks
{
    public static IEnumerable<string> Problems(string file, SeedBudgetSheet sheet, IReadOnlyList<BudgetLine> held)
    {
        var stage = Rank(SeedToProto.BudgetStages[sheet.Stage], sheet.SupplementaryNumber);
        foreach (var year in sheet.Years)
        {
            if (held.FirstOrDefault(l => l.FiscalYear == year.FiscalYear) is not { } line || !Differs(sheet, year, line)) continue;
            var at = $"{file}:{year.Line}:1: the FY{year.FiscalYear} budget of item '{sheet.Item}'";
            var heldStage = Rank(line.Stage, line.SupplementaryNumber);
            if (line.Stage == BudgetStage.Settled)
                yield return $"{at} is settled (決算) as held and cannot be revised to what the file says";
            else if (stage < heldStage)
                yield return $"{at} is at stage {Describe(line.Stage, line.SupplementaryNumber)} as held; the file's "
                    + $"{Describe(SeedToProto.BudgetStages[sheet.Stage], sheet.SupplementaryNumber)} would take it back";
            else if (year.Cost.Yen < line.ReservedYen + line.CommittedYen)
                yield return $"{at}: cost {year.Cost.Yen:N0} yen is below the {line.ReservedYen + line.CommittedYen:N0} yen subsidies hold "
                    + $"against the line";
        }
    }

    /// <summary>Whether the budget service would revise the line (amounts, stage or account differ), as it decides.</summary>
    private static bool Differs(SeedBudgetSheet sheet, SeedBudgetYear year, BudgetLine line)
    {
        // What the sheet states is the stage's own amounts: 繰越・流用・予備費充用 since then stay on top of them.
        var f = line.StageFunding ?? line.Funding ?? new FundingBreakdown();
        var sameFunding = f.CostYen == year.Cost.Yen && f.NationalPrefecturalYen == year.NationalPrefectural.Yen
            && f.LocalBondYen == year.LocalBond.Yen && f.OtherYen == year.Other.Yen && f.GeneralRevenueYen == year.GeneralRevenue.Yen;
        var sameStage = line.Stage == SeedToProto.BudgetStages[sheet.Stage] && line.SupplementaryNumber == sheet.SupplementaryNumber;
        var account = line.Account ?? new AccountClassification();
        static bool Same(AccountLevel? held, SeedAccountLevel file) =>
            (held?.Number ?? "").Trim() == file.Number.Trim() && (held?.Name ?? "").Trim() == file.Name.Trim();
        var sameAccount = Same(account.Account, sheet.Account.Account) && Same(account.Section, sheet.Account.Section)
            && Same(account.Item, sheet.Account.Item) && Same(account.Subitem, sheet.Account.Subitem);
        return !(sameFunding && sameStage && sameAccount);
    }

    private static int Rank(BudgetStage stage, int supplementary) => stage switch
    {
        BudgetStage.Supplementary => 1 + supplementary,
        BudgetStage.Settled => int.MaxValue,
        _ => 0,
    };

    private static string Describe(BudgetStage stage, int supplementary) => stage switch
    {
        BudgetStage.Supplementary => $"補正{supplementary}",
        BudgetStage.Settled => "決算",
        _ => "当初",
    };
}
