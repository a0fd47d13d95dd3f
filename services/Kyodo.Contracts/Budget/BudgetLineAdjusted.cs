namespace Kyodo.Contracts.Budget;

/// <summary>
/// 繰越, 流用 or 予備費充用 changed a line (Kind: Carryover, Transfer, ReserveFund): Change is what the
/// line gained by source (negative: what it gave; cost = Σ sources), CounterpartLineId the line on
/// the other side (none for ReserveFund), Revision the line's revision it made. Each side of a
/// 繰越 or 流用 publishes one; the line's new whole state travels in BudgetLineRevised (or Created).
/// </summary>
public sealed record BudgetLineAdjusted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid BudgetLineId,
    Guid ItemId,
    int FiscalYear,
    string Kind,
    FundingAmounts Change,
    Guid? CounterpartLineId,
    string Reason,
    string By,
    int Revision) : IIntegrationEvent;
