namespace Kyodo.Contracts.Plan;

/// <summary>
/// An evaluation as of one change: of an item (ItemId) or a node (NodeId) for one fiscal year, its
/// content, the evaluating department and its review. Status is Draft, Submitted, Approved or
/// Returned. Revision grows with every change: a consumer keeps the highest it has seen.
/// </summary>
public sealed record EvaluationSnapshot(
    Guid EvaluationId,
    Guid PlanId,
    Guid? ItemId,
    Guid? NodeId,
    int FiscalYear,
    Guid? EvaluatorDepartmentId,
    string EvaluatorDepartmentName,
    string Necessity,
    string NecessityReason,
    string Effectiveness,
    string EffectivenessReason,
    string Efficiency,
    string EfficiencyReason,
    string Direction,
    string DirectionReason,
    string Status,
    string EvaluatedBy,
    DateTimeOffset EvaluatedAt,
    string SubmittedBy,
    DateTimeOffset? SubmittedAt,
    string ReviewedBy,
    DateTimeOffset? ReviewedAt,
    string Comment,
    int Revision);

/// <summary>
/// An evaluation was created, changed, submitted, approved, returned or (Deleted) deleted; Change
/// names which (created, updated, submitted, approved, returned, deleted). Carries its whole state.
/// An item's or node's evaluations go with it when it is deleted (no event of their own then).
/// </summary>
public sealed record EvaluationChanged(
    Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, EvaluationSnapshot Evaluation, string Change, bool Deleted)
    : IIntegrationEvent;

/// <summary>A municipality's rating scale (best first) or the order of its 今後の方向性 words changed.</summary>
public sealed record EvaluationSettingsChanged(
    Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode,
    IReadOnlyList<string> RatingScale, IReadOnlyList<string> Directions, int Revision) : IIntegrationEvent;
