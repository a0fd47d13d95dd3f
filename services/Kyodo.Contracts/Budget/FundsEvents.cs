namespace Kyodo.Contracts.Budget;

/// <summary>Money was reserved against a line; AvailableYen is what the line has left.</summary>
public sealed record FundsReserved(
    Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode,
    Guid BudgetLineId, Guid ReservationId, string Purpose, long AmountYen, long AvailableYen) : IIntegrationEvent;

/// <summary>A reservation was committed: CommittedYen spent, ReleasedYen returned to the line.</summary>
public sealed record FundsCommitted(
    Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode,
    Guid BudgetLineId, Guid ReservationId, long CommittedYen, long ReleasedYen, long AvailableYen) : IIntegrationEvent;

/// <summary>A reservation was released whole.</summary>
public sealed record FundsReleased(
    Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode,
    Guid BudgetLineId, Guid ReservationId, long ReleasedYen, long AvailableYen) : IIntegrationEvent;
