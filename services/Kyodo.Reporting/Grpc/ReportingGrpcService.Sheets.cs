using Grpc.Core;
using Kyodo.Reporting.Reports;
using Kyodo.Reporting.V1;
using Kyodo.ServiceDefaults.Errors;
using Kyodo.ServiceDefaults.Grpc;

namespace Kyodo.Reporting.Grpc;

/// <summary>Reports 2, 3, 4 and 6: the program sheet, results table, priority-goal list and trends, each checked before it is
/// built.</summary>
public sealed partial class ReportingGrpcService
{
    public override Task<Report> GetProgramSheet(ProgramSheetRequest request, ServerCallContext context) =>
        ProgramSheetAsync(request, context.CancellationToken);

    public override Task<Report> GetResultsTable(ResultsTableRequest request, ServerCallContext context) =>
        ResultsTableAsync(request, context.CancellationToken);

    public override Task<Report> GetPriorityGoalList(PriorityGoalListRequest request, ServerCallContext context) =>
        PriorityGoalListAsync(request, context.CancellationToken);

    public override Task<Report> GetTrend(TrendRequest request, ServerCallContext context) =>
        TrendAsync(request, context.CancellationToken);

    private Task<Report> ProgramSheetAsync(ProgramSheetRequest request, CancellationToken ct)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var itemId = v.Id(request.ItemId, "item_id");
        var range = Range(v, request.FiscalYearFrom, request.FiscalYearTo, openAllowed: true);
        v.ThrowIfInvalid();
        return db.InSnapshotAsync(() => ProgramSheet.BuildAsync(db, request.MunicipalityCode, itemId, range.From, range.To, ct), ct);
    }

    private Task<Report> ResultsTableAsync(ResultsTableRequest request, CancellationToken ct)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var indicatorIds = request.IndicatorIds.Select((id, i) => v.Id(id, $"indicator_ids[{i}]")).ToList();
        var range = Range(v, request.FiscalYearFrom, request.FiscalYearTo, openAllowed: true);
        var (planId, departmentId) = (OptionalId(v, request.PlanId, "plan_id"), OptionalId(v, request.DepartmentId, "department_id"));
        var nodeId = OptionalId(v, request.NodeId, "node_id");
        v.ThrowIfInvalid();
        return db.InSnapshotAsync(
            () => ResultsTable.BuildAsync(db, request.MunicipalityCode, indicatorIds, range, planId, departmentId, nodeId, ct), ct);
    }

    private Task<Report> PriorityGoalListAsync(PriorityGoalListRequest request, CancellationToken ct)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code");
        var departmentId = OptionalId(v, request.DepartmentId, "department_id");
        for (var i = 0; i < request.FiscalYears.Count; i++)
            v.Check(FiscalYears.IsPlausible(request.FiscalYears[i]), $"fiscal_years[{i}]", SharedMessages.PlausibleFiscalYear);
        v.ThrowIfInvalid();
        return db.InSnapshotAsync(
            () => PriorityGoalList.BuildAsync(db, request.MunicipalityCode, departmentId, request.FiscalYears.ToList(), ct), ct);
    }

    private Task<Report> TrendAsync(TrendRequest request, CancellationToken ct)
    {
        var v = new RequestValidation().ValidMunicipalityCode(request.MunicipalityCode, "municipality_code")
            .Check(request.SubjectCase != TrendRequest.SubjectOneofCase.None, "subject", ReportingErrors.SubjectRequired)
            .Check(request.SubjectCase != TrendRequest.SubjectOneofCase.AccountPath || request.AccountPath.Trim('/').Length > 0,
                "account_path", ReportingErrors.AccountToName)
            .Check(request.DepartmentId.Length == 0 || request.SubjectCase == TrendRequest.SubjectOneofCase.AccountPath, "department_id",
                ReportingErrors.DepartmentFiltersAccountsOnly)
            .Check(request.PlanId.Length == 0 || request.SubjectCase == TrendRequest.SubjectOneofCase.AccountPath, "plan_id",
                ReportingErrors.PlanFiltersAccountsOnly)
            .Check(request.NodeId.Length == 0 || request.SubjectCase == TrendRequest.SubjectOneofCase.AccountPath, "node_id",
                ReportingErrors.NodeFiltersAccountsOnly);
        var range = Range(v, request.FiscalYearFrom, request.FiscalYearTo, openAllowed: true);
        var departmentId = OptionalId(v, request.DepartmentId, "department_id");
        var planId = OptionalId(v, request.PlanId, "plan_id");
        var nodeId = OptionalId(v, request.NodeId, "node_id");
        Guid subject = request.SubjectCase switch
        {
            TrendRequest.SubjectOneofCase.IndicatorId => v.Id(request.IndicatorId, "indicator_id"),
            TrendRequest.SubjectOneofCase.ItemId => v.Id(request.ItemId, "item_id"),
            TrendRequest.SubjectOneofCase.SubsidyProgramId => v.Id(request.SubsidyProgramId, "subsidy_program_id"),
            _ => Guid.Empty,
        };
        v.ThrowIfInvalid();
        var code = request.MunicipalityCode;
        return db.InSnapshotAsync(() => request.SubjectCase switch
        {
            TrendRequest.SubjectOneofCase.IndicatorId => Trend.IndicatorAsync(db, code, subject, range, ct),
            TrendRequest.SubjectOneofCase.ItemId => Trend.ItemCostAsync(db, code, subject, range, ct),
            TrendRequest.SubjectOneofCase.SubsidyProgramId => SubsidyTrend.BuildAsync(db, code, subject, range, ct),
            _ => Trend.AccountCostAsync(db, code, request.AccountPath.Trim('/'), departmentId, planId, nodeId, range, ct),
        }, ct);
    }

    /// <summary>from/to as the requests define them; an open range (0, 0) only where the report allows it.</summary>
    private static YearRange Range(RequestValidation v, int from, int to, bool openAllowed)
    {
        v.Check(from == 0 ? openAllowed : FiscalYears.IsPlausible(from), "fiscal_year_from", SharedMessages.PlausibleFiscalYear)
            .Check(to == 0 || (from != 0 && to >= from && FiscalYears.IsPlausible(to)), "fiscal_year_to",
                ReportingErrors.ToYearNotBeforeFrom);
        return YearRange.Of(from, to);
    }

    private static Guid? OptionalId(RequestValidation v, string value, string field) =>
        string.IsNullOrEmpty(value) ? null : v.Id(value, field);
}
