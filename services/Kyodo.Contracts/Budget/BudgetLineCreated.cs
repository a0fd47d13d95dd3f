namespace Kyodo.Contracts.Budget;

/// <summary>A budget line was created; amounts are whole yen.</summary>
public sealed record BudgetLineCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid BudgetLineId,
    string ItemId,
    int FiscalYear,
    long CostYen,
    long NationalPrefecturalYen,
    long LocalBondYen,
    long OtherYen,
    long GeneralRevenueYen) : IIntegrationEvent;
