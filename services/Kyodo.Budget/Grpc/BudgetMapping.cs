using Google.Protobuf.WellKnownTypes;
using Kyodo.Budget.V1;

namespace Kyodo.Budget.Grpc;

internal static class BudgetMapping
{
    public static V1.BudgetLine ToMessage(this Domain.BudgetLine line) => new()
    {
        Id = line.Id.ToString(),
        MunicipalityCode = line.MunicipalityCode,
        ItemId = line.ItemId,
        FiscalYear = line.FiscalYear,
        Funding = new FundingBreakdown
        {
            CostYen = line.Funding.CostYen,
            NationalPrefecturalYen = line.Funding.NationalPrefecturalYen,
            LocalBondYen = line.Funding.LocalBondYen,
            OtherYen = line.Funding.OtherYen,
            GeneralRevenueYen = line.Funding.GeneralRevenueYen,
        },
        Version = line.Version,
        CreatedAt = Timestamp.FromDateTimeOffset(line.CreatedAt),
    };
}
