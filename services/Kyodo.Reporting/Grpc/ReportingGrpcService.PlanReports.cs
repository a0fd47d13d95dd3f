using Kyodo.Reporting.Data;
using Kyodo.Reporting.Reports;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Reporting.Grpc;

/// <summary>Reports 5a and 5b, a plan's item list and schedule table, with their filters checked before either is built.</summary>
public sealed partial class ReportingGrpcService
{
    private Task<Report> ItemListAsync(PlanReportRequest request, CancellationToken ct) =>
        PlanReportAsync(request, yearColumns: false, PlanTables.ItemListAsync, ct);

    private Task<Report> ScheduleTableAsync(PlanReportRequest request, CancellationToken ct) =>
        PlanReportAsync(request, yearColumns: true, PlanTables.ScheduleAsync, ct);

    /// <summary>
    /// The plan, the optional department and node and, for a report with <paramref name="yearColumns"/>,
    /// the years; whether those lie in the plan's period is known only once the plan is read.
    /// </summary>
    private Task<Report> PlanReportAsync(PlanReportRequest request, bool yearColumns,
        Func<ReportingDbContext, PlanReportFilter, CancellationToken, Task<Report>> build, CancellationToken ct)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var planId = v.Id(request.PlanId, "plan_id");
        var departmentId = OptionalId(v, request.DepartmentId, "department_id");
        var nodeId = OptionalId(v, request.NodeId, "node_id");
        var years = YearRange.Of(0, 0);
        if (yearColumns)
        {
            years = Range(v, request.FiscalYearFrom, request.FiscalYearTo, openAllowed: true);
        }
        else
        {
            v.Check(request.FiscalYearFrom == 0, "fiscal_year_from", ReportingErrors.NoYearColumns)
                .Check(request.FiscalYearTo == 0, "fiscal_year_to", ReportingErrors.NoYearColumns);
        }
        v.ThrowIfInvalid();
        var filter = new PlanReportFilter(request.MunicipalityCode, planId, departmentId, years, nodeId);
        return db.InSnapshotAsync(() => build(db, filter, ct), ct);
    }
}
