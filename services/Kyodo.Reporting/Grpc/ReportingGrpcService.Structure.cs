using Grpc.Core;
using Kyodo.Reporting.Reports;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Reporting.Grpc;

/// <summary>Report 7, the plan structure, and the reports across municipalities (GetArea…), each checked before it is built.</summary>
public sealed partial class ReportingGrpcService
{
    public override Task<Report> GetPlanStructure(PlanStructureRequest request, ServerCallContext context) =>
        PlanStructureAsync(request, context.CancellationToken);

    public override Task<Report> GetAreaDepartmentSummary(AreaDepartmentSummaryRequest request, ServerCallContext context) =>
        AreaDepartmentSummaryAsync(request, context.CancellationToken);

    public override Task<Report> GetAreaPlanStructure(AreaPlanStructureRequest request, ServerCallContext context) =>
        AreaPlanStructureAsync(request, context.CancellationToken);

    public override Task<Report> GetAreaTrend(AreaTrendRequest request, ServerCallContext context) =>
        AreaTrendAsync(request, context.CancellationToken);

    private Task<Report> PlanStructureAsync(PlanStructureRequest request, CancellationToken ct)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var planId = v.Id(request.PlanId, "plan_id");
        var nodeId = OptionalId(v, request.NodeId, "node_id");
        var years = Range(v, request.FiscalYearFrom, request.FiscalYearTo, openAllowed: true);
        var thresholds = ReadThresholds(request.AchievedAt, request.OnTrackAt, v);
        v.ThrowIfInvalid();
        return db.InSnapshotAsync(
            () => PlanStructure.BuildAsync(db, request.MunicipalityCode, planId, nodeId, years, thresholds, Today, ct), ct);
    }

    private Task<Report> AreaDepartmentSummaryAsync(AreaDepartmentSummaryRequest request, CancellationToken ct)
    {
        var v = new RequestValidation();
        var (prefecture, codes) = Area.Validate(v, request.PrefectureCode, request.MunicipalityCodes);
        var (from, to) = RequiredYears(v, request.FiscalYearFrom, request.FiscalYearTo);
        var thresholds = ReadThresholds(request.AchievedAt, request.OnTrackAt, v);
        v.ThrowIfInvalid();
        return db.InSnapshotAsync(async () => await AreaReports.DepartmentSummaryAsync(db,
            await Area.ResolveAsync(db, prefecture, codes, ct), from, to, thresholds, Today, ct), ct);
    }

    private Task<Report> AreaPlanStructureAsync(AreaPlanStructureRequest request, CancellationToken ct)
    {
        var v = new RequestValidation();
        var (prefecture, codes) = Area.Validate(v, request.PrefectureCode, request.MunicipalityCodes);
        var (from, to) = RequiredYears(v, request.FiscalYearFrom, request.FiscalYearTo);
        var thresholds = ReadThresholds(request.AchievedAt, request.OnTrackAt, v);
        v.ThrowIfInvalid();
        return db.InSnapshotAsync(async () => await AreaReports.PlanStructureAsync(db, await Area.ResolveAsync(db, prefecture, codes, ct),
            from, to, thresholds, Today, ct), ct);
    }

    private Task<Report> AreaTrendAsync(AreaTrendRequest request, CancellationToken ct)
    {
        var v = new RequestValidation();
        var (prefecture, codes) = Area.Validate(v, request.PrefectureCode, request.MunicipalityCodes);
        v.Check(request.AccountPath.Trim('/').Length > 0, "account_path", ReportingErrors.AccountPathRequired);
        var range = Range(v, request.FiscalYearFrom, request.FiscalYearTo, openAllowed: true);
        v.ThrowIfInvalid();
        var account = request.AccountPath.Trim('/');
        return db.InSnapshotAsync(
            async () => await AreaReports.TrendAsync(db, await Area.ResolveAsync(db, prefecture, codes, ct), account, range, ct), ct);
    }

    /// <summary>A required first year and an optional last (0: the first), as the department summary takes them.</summary>
    private static (int From, int To) RequiredYears(RequestValidation v, int from, int to)
    {
        v.Check(FiscalYears.IsPlausible(from), "fiscal_year_from", SharedMessages.PlausibleFiscalYear)
            .Check(to == 0 || to >= from, "fiscal_year_to", ReportingErrors.ToNotBeforeFrom);
        return (from, to == 0 ? from : to);
    }
}
