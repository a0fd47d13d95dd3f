namespace Kyodo.Contracts.Subsidy;

/// <summary>A grant program was created in the subsidy service.</summary>
public sealed record SubsidyProgramCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid ProgramId,
    string Name) : IIntegrationEvent;

/// <summary>
/// A program's name, description, courses or budget lines changed, or (Deleted) it was removed;
/// carries its whole state. Revision grows with every change.
/// </summary>
public sealed record SubsidyProgramChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid ProgramId,
    string Name,
    string Description,
    IReadOnlyList<CourseSnapshot> Courses,
    IReadOnlyList<ProgramBudgetLineSnapshot> BudgetLines,
    int Revision,
    bool Deleted) : IIntegrationEvent;

public sealed record CourseSnapshot(Guid CourseId, string Name, long CapYen, bool OncePerApplicant, int RoundsPerYear);

public sealed record ProgramBudgetLineSnapshot(int FiscalYear, Guid BudgetLineId);
