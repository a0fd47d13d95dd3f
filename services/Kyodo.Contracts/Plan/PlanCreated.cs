namespace Kyodo.Contracts.Plan;

/// <summary>A plan was created in the plan service.</summary>
public sealed record PlanCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid PlanId,
    string Name,
    int StartFiscalYear,
    int EndFiscalYear,
    int Revision) : IIntegrationEvent;
