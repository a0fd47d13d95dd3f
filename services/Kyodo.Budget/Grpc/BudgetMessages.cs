using Google.Protobuf.WellKnownTypes;
using Kyodo.Budget.V1;
using Kyodo.Common.V1;

namespace Kyodo.Budget.Grpc;

/// <summary>Domain → response messages.</summary>
internal static class BudgetMessages
{
    public static FundingBreakdown ToMessage(this Domain.Funding f) => new()
    {
        CostYen = f.CostYen,
        NationalPrefecturalYen = f.NationalPrefecturalYen,
        LocalBondYen = f.LocalBondYen,
        OtherYen = f.OtherYen,
        GeneralRevenueYen = f.GeneralRevenueYen,
    };

    public static V1.AccountClassification ToMessage(this Domain.AccountClassification a) => new()
    {
        Account = new AccountLevel { Number = a.AccountNumber, Name = a.AccountName },
        Section = new AccountLevel { Number = a.SectionNumber, Name = a.SectionName },
        Item = new AccountLevel { Number = a.ItemNumber, Name = a.ItemName },
        Subitem = new AccountLevel { Number = a.SubitemNumber, Name = a.SubitemName },
    };

    public static V1.BudgetLine ToMessage(this Domain.BudgetLine line) => new()
    {
        Id = line.Id.ToString(),
        MunicipalityCode = line.MunicipalityCode,
        ItemId = line.ItemId.ToString(),
        ItemTitle = line.ItemTitle,
        Department = line.DepartmentId is { } id
            ? new DepartmentRef { MunicipalityCode = line.MunicipalityCode, Id = id.ToString(), Name = line.DepartmentName }
            : null,
        FiscalYear = line.FiscalYear,
        Account = line.Account.ToMessage(),
        Stage = (V1.BudgetStage)line.Stage,
        SupplementaryNumber = line.SupplementaryNumber,
        Funding = line.Funding.ToMessage(),
        ReservedYen = line.ReservedYen,
        CommittedYen = line.CommittedYen,
        AvailableYen = line.AvailableYen,
        Version = line.Version,
        CreatedAt = Timestamp.FromDateTimeOffset(line.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(line.UpdatedAt),
        Revision = line.Revisions.Count, // as BudgetEvents.Snapshot: the revision of the line's events
        StageFunding = line.StageAmounts.ToMessage(),
    };

    public static V1.Reservation ToMessage(this Domain.Reservation r) => new()
    {
        Id = r.Id.ToString(),
        BudgetLineId = r.LineId.ToString(),
        Purpose = r.Purpose,
        AmountYen = r.AmountYen,
        CommittedYen = r.CommittedYen,
        Status = (ReservationStatus)r.Status,
        CreatedAt = Timestamp.FromDateTimeOffset(r.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(r.UpdatedAt),
    };

    public static FundingBreakdown Plus(this FundingBreakdown a, FundingBreakdown b) => new()
    {
        CostYen = a.CostYen + b.CostYen,
        NationalPrefecturalYen = a.NationalPrefecturalYen + b.NationalPrefecturalYen,
        LocalBondYen = a.LocalBondYen + b.LocalBondYen,
        OtherYen = a.OtherYen + b.OtherYen,
        GeneralRevenueYen = a.GeneralRevenueYen + b.GeneralRevenueYen,
    };

    public static FundingBreakdown Minus(this FundingBreakdown a, FundingBreakdown b) => new()
    {
        CostYen = a.CostYen - b.CostYen,
        NationalPrefecturalYen = a.NationalPrefecturalYen - b.NationalPrefecturalYen,
        LocalBondYen = a.LocalBondYen - b.LocalBondYen,
        OtherYen = a.OtherYen - b.OtherYen,
        GeneralRevenueYen = a.GeneralRevenueYen - b.GeneralRevenueYen,
    };
}
