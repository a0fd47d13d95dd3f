namespace Kyodo.Contracts.Plan;

/// <summary>An item was created (with its placements, schedule and indicators).</summary>
public sealed record ItemCreated(Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, ItemSnapshot Item)
    : IIntegrationEvent;

/// <summary>An item changed in any way other than its schedule alone; carries the whole new state.</summary>
public sealed record ItemUpdated(Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, ItemSnapshot Item)
    : IIntegrationEvent;

/// <summary>An item was deleted. Revision is the one its deletion would have had.</summary>
public sealed record ItemDeleted(Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, Guid ItemId, Guid PlanId, int Revision)
    : IIntegrationEvent;

/// <summary>An item's schedule (年次計画) was replaced. Item is the whole item after the change.</summary>
public sealed record ItemScheduleChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid ItemId,
    Guid PlanId,
    int Revision,
    IReadOnlyList<ScheduleCellSnapshot> Schedule,
    ItemSnapshot Item) : IIntegrationEvent;

/// <summary>
/// The actual of one fiscal year was recorded; Target is that year's target, if any. Item is
/// the whole item after the change, so a consumer never needs the events in order.
/// </summary>
public sealed record IndicatorActualRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid ItemId,
    Guid IndicatorId,
    int Revision,
    int FiscalYear,
    decimal Value,
    decimal? Target,
    string Unit,
    string Direction,
    string RecordedBy,
    ItemSnapshot Item) : IIntegrationEvent;

/// <summary>The target of one fiscal year changed, with the previous value and the reason; Item is the whole item after it.</summary>
public sealed record IndicatorTargetRevised(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid ItemId,
    Guid IndicatorId,
    int Revision,
    int FiscalYear,
    decimal? PreviousValue,
    decimal NewValue,
    string Reason,
    string RevisedBy,
    ItemSnapshot Item) : IIntegrationEvent;
