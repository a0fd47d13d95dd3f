namespace Kyodo.Contracts.Subsidy;

/// <summary>A grant program was created in the subsidy service.</summary>
public sealed record SubsidyProgramCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid ProgramId,
    string Name) : IIntegrationEvent;
