namespace Kyodo.Contracts.Plan;

/// <summary>A plan's name or period changed.</summary>
public sealed record PlanUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid PlanId,
    string Name,
    int StartFiscalYear,
    int EndFiscalYear) : IIntegrationEvent;

/// <summary>A plan was deleted with everything in it (its items are gone too; no ItemDeleted follows).</summary>
public sealed record PlanDeleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid PlanId) : IIntegrationEvent;

/// <summary>A node of a plan's hierarchy was created, changed or (Deleted) removed.</summary>
public sealed record PlanNodeChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid PlanId,
    Guid NodeId,
    Guid? ParentId,
    string LevelName,
    string Code,
    string Title,
    int Position,
    bool Deleted) : IIntegrationEvent;

/// <summary>A department was renamed or (Deleted) removed; items carry its id.</summary>
public sealed record DepartmentChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid DepartmentId,
    string Name,
    bool Deleted) : IIntegrationEvent;
