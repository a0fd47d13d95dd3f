namespace Kyodo.Contracts.Plan;

/// <summary>A plan's reporting deadline for one fiscal year's actuals was set or moved (DueDate: the last day, Japan time).</summary>
public sealed record ReportingDeadlineChanged(
    Guid EventId, DateTimeOffset OccurredAt, string MunicipalityCode, Guid PlanId, int FiscalYear, DateOnly DueDate, int Revision)
    : IIntegrationEvent;

/// <summary>
/// A plan's reporting deadline passed with actuals missing: published once per deadline (a new due
/// date is a new deadline), for a city's mail or chat system to remind the departments. Missing
/// lists each indicator with a target that year and no approved actual, with its lead department.
/// </summary>
public sealed record ActualsOverdue(
    Guid EventId,
    DateTimeOffset OccurredAt,
    string MunicipalityCode,
    Guid PlanId,
    string PlanName,
    int FiscalYear,
    DateOnly DueDate,
    IReadOnlyList<MissingActual> Missing) : IIntegrationEvent;

/// <summary>One missing actual: Status is Missing (nothing entered), Draft, Submitted or Returned.</summary>
public sealed record MissingActual(
    Guid ItemId, string ItemTitle, Guid IndicatorId, string IndicatorName, Guid? DepartmentId, string DepartmentName, string Status);
