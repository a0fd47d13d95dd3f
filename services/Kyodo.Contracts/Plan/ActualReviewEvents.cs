namespace Kyodo.Contracts.Plan;

/// <summary>
/// An indicator's actual of one fiscal year moved a step on its way to becoming official: Status is
/// Draft (entered or changed), Submitted, Approved (the value is now the official actual, and
/// IndicatorActualRecorded is published with it) or Returned (Comment says why). By did the step.
/// Item is the whole item after it (its indicators' PendingActuals hold what is not approved).
/// </summary>
public sealed record IndicatorActualEntryChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid ItemId,
    Guid IndicatorId,
    int Revision,
    int FiscalYear,
    decimal Value,
    string Status,
    string By,
    string Comment,
    ItemSnapshot Item) : IIntegrationEvent;

/// <summary>An actual under review, as item snapshots carry it (Status Draft, Submitted or Returned).</summary>
public sealed record PendingActual(
    int FiscalYear, decimal Value, string Status, string EnteredBy, DateTimeOffset EnteredAt,
    string SubmittedBy, DateTimeOffset? SubmittedAt, string ReviewedBy, DateTimeOffset? ReviewedAt, string Comment);
