namespace Kyodo.Contracts.Plan;

/// <summary>A department's priority goal was created, changed or (Deleted) removed; carries its whole state.</summary>
public sealed record PriorityGoalChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid GoalId,
    Guid DepartmentId,
    string DepartmentName,
    int FiscalYear,
    int Position,
    string Title,
    string Description,
    IReadOnlyList<PriorityGoalItemSnapshot> Items,
    int Revision,
    bool Deleted) : IIntegrationEvent;

public sealed record PriorityGoalItemSnapshot(string Number, string Text, string Target, string Achievement);
