namespace Kyodo.Contracts.Budget;

/// <summary>The amounts of a line at one stage, whole yen; Cost is the sum of the four sources.</summary>
public sealed record FundingAmounts(long CostYen, long NationalPrefecturalYen, long LocalBondYen, long OtherYen, long GeneralRevenueYen);

/// <summary>
/// A budget line as of one change: what reporting needs for cost by department, account and
/// source. Stage is Initial, Supplementary or Settled; AccountPath reads "一般会計/2 総務費/1 総務管理費/4 企画費".
/// Revision grows with every change of the line.
/// </summary>
public sealed record BudgetLineSnapshot(
    Guid BudgetLineId,
    Guid ItemId,
    string ItemTitle,
    Guid? DepartmentId,
    string DepartmentName,
    int FiscalYear,
    string AccountPath,
    string Stage,
    int SupplementaryNumber,
    FundingAmounts Funding,
    int Revision);

/// <summary>A budget line was created.</summary>
public sealed record BudgetLineCreated(Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, BudgetLineSnapshot Line)
    : IIntegrationEvent;

/// <summary>A budget line moved to a later stage (補正) or was corrected; carries the new state.</summary>
public sealed record BudgetLineRevised(Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, BudgetLineSnapshot Line)
    : IIntegrationEvent;

/// <summary>A budget line was settled (決算); its amounts are final.</summary>
public sealed record BudgetLineSettled(Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, BudgetLineSnapshot Line)
    : IIntegrationEvent;

/// <summary>A budget line was deleted.</summary>
public sealed record BudgetLineDeleted(Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, Guid BudgetLineId, int Revision)
    : IIntegrationEvent;
