namespace Kyodo.Reporting.Reports;

/// <summary>What a plan report was asked for: the plan, optionally one department and one node, and (schedule table only) the years
/// shown.</summary>
internal sealed record PlanReportFilter(string MunicipalityCode, Guid PlanId, Guid? DepartmentId, YearRange Years, Guid? NodeId = null);
