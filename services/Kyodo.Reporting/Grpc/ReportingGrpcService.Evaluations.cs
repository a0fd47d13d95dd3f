using Grpc.Core;
using Kyodo.Reporting.Data;
using Kyodo.Reporting.Reports;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Reporting.Grpc;

/// <summary>Report 8, the evaluation summary, its request checked before it is built.</summary>
public sealed partial class ReportingGrpcService
{
    public override Task<Report> GetEvaluationSummary(EvaluationSummaryRequest request, ServerCallContext context) =>
        EvaluationSummaryAsync(request, context.CancellationToken);

    private Task<Report> EvaluationSummaryAsync(EvaluationSummaryRequest request, CancellationToken ct)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code")
            .Check(FiscalYears.IsPlausible(request.FiscalYear), "fiscal_year", FiscalYears.PlausibleRange);
        var planId = OptionalId(v, request.PlanId, "plan_id");
        v.ThrowIfInvalid();
        return db.InSnapshotAsync(() => EvaluationSummary.BuildAsync(db, request.MunicipalityCode, request.FiscalYear, planId, request.ApprovedOnly, ct), ct);
    }
}
