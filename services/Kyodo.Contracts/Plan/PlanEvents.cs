namespace Kyodo.Contracts.Plan;

/// <summary>A plan's name or period changed. Revision grows with every change of the plan.</summary>
public sealed record PlanUpdated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid PlanId,
    string Name,
    int StartFiscalYear,
    int EndFiscalYear,
    int Revision) : IIntegrationEvent;

/// <summary>A plan was deleted with everything in it (its items are gone too; no ItemDeleted follows).</summary>
public sealed record PlanDeleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid PlanId,
    int Revision) : IIntegrationEvent;

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
    int Revision,
    bool Deleted) : IIntegrationEvent;

/// <summary>A department was created, renamed or (Deleted) removed; items carry its id.</summary>
public sealed record DepartmentChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid DepartmentId,
    string Name,
    int Revision,
    bool Deleted) : IIntegrationEvent;
