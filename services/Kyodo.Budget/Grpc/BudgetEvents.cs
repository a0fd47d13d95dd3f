using Kyodo.Contracts.Budget;

namespace Kyodo.Budget.Grpc;

/// <summary>Domain → the BudgetLineSnapshot every line event carries.</summary>
internal static class BudgetEvents
{
    public static BudgetLineSnapshot Snapshot(this Domain.BudgetLine line) => new(
        line.Id,
        line.ItemId,
        line.ItemTitle,
        line.DepartmentId,
        line.DepartmentName,
        line.FiscalYear,
        line.Account.Path,
        line.Stage.ToString(),
        line.SupplementaryNumber,
        new FundingAmounts(line.Funding.CostYen, line.Funding.NationalPrefecturalYen, line.Funding.LocalBondYen,
            line.Funding.OtherYen, line.Funding.GeneralRevenueYen),
        line.Revisions.Count);
}
