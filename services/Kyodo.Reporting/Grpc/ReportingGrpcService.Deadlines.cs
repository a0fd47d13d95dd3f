using System.Globalization;
using Grpc.Core;
using Kyodo.Reporting.Reports;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Reporting.Grpc;

/// <summary>Report 9, 報告期限超過: the request checked, the day it is judged on read, then built from the read models.</summary>
public sealed partial class ReportingGrpcService
{
    public override Task<Report> GetOverdueActuals(OverdueActualsRequest request, ServerCallContext context) =>
        OverdueActualsAsync(request, context.CancellationToken);

    private Task<Report> OverdueActualsAsync(OverdueActualsRequest request, CancellationToken ct)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var asOfDate = Today;
        if (!string.IsNullOrWhiteSpace(request.AsOfDate))
            v.Check(
                DateOnly.TryParseExact(request.AsOfDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out asOfDate),
                "as_of_date", ReportingErrors.NotADate(request.AsOfDate));
        var planId = OptionalId(v, request.PlanId, "plan_id");
        var departmentId = OptionalId(v, request.DepartmentId, "department_id");
        v.ThrowIfInvalid();
        return db.InSnapshotAsync(() => OverdueActuals.BuildAsync(db, request.MunicipalityCode, asOfDate, planId, departmentId, ct), ct);
    }
}
